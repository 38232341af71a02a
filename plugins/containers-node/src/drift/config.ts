import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  DEFAULT_EOL_WARNING_DAYS,
  DEFAULT_UPSTREAM_ENDPOINTS,
  DOCKER_HUB_HOST,
  UpstreamEndpoints,
} from '@dockyard/plugin-containers-common';
import { hostWithPort } from './http/allowedHosts';
import { DEFAULT_MAX_RESPONSE_BYTES } from './http/UpstreamHttpClient';

/**
 * A GitHub host the engine can read releases and tags from (`integrations.github[]`).
 *
 * @public
 */
export interface GithubEndpoint {
  host: string;
  apiBaseUrl: string;
  token?: string;
}

/**
 * An OCI registry (`containers.drift.registries.<host>`).
 *
 * @public
 */
export interface RegistryEndpoint {
  baseUrl: string;
  /** A bearer token sent to the registry host only. */
  token?: string;
  username?: string;
  password?: string;
  /** Other hosts that may receive username and password: the registry's token service. */
  credentialHosts: string[];
}

/**
 * Everything the drift engine reads from config, read once by {@link readDriftConfig}.
 *
 * @public
 */
export interface DriftConfig {
  github: GithubEndpoint[];
  registries: Record<string, RegistryEndpoint>;
  endpoints: UpstreamEndpoints;
  /**
   * Hosts the engine may contact; undefined: the hosts of the endpoints configured here and any
   * other host whose addresses are all public (see `configuredHosts`).
   */
  allowedHosts?: string[];
  /** Largest response body read (decompressed) and cached, in bytes. */
  maxResponseBytes: number;
  /** Requests in flight at once to one host. */
  concurrency: number;
  requestTimeoutMs: number;
  retries: number;
  maxRetryWaitMs: number;
  /** Pages read at most from one paginated feed. */
  maxPages: number;
  /** Tags asked for per page of an OCI registry (`n=`). */
  registryPageSize: number;
  /** When the backend checks (`containers.drift.schedule`). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * When the backend looks for containers never checked and checks them
   * (`containers.drift.firstCheckSchedule`): soon after start, then often and cheaply.
   */
  firstCheckSchedule: SchedulerServiceTaskScheduleDefinition;
  /** Who is told about drift, and when (`containers.drift.notifications`). */
  notifications: DriftNotificationsConfig;
  /**
   * Days before a cycle's end of life from which it is a warning
   * (`containers.drift.eol.warningDays`, default 90).
   */
  eolWarningDays: number;
}

/**
 * Docker Hub is `docker.io` in image names but served from these hosts.
 *
 * @public
 */
export const DOCKER_HUB = {
  host: DOCKER_HUB_HOST,
  baseUrl: 'https://registry-1.docker.io',
  credentialHosts: ['auth.docker.io'],
};

/**
 * Notifications to a container's owner (`containers.drift.notifications`), read by
 * {@link readDriftConfig}.
 *
 * @public
 */
export interface DriftNotificationsConfig {
  /** Undefined when not configured: on when the notifications backend is installed. */
  enabled?: boolean;
  /** The smallest step that is told when a container newly falls behind. */
  behindThreshold: 'major' | 'minor';
  /** Failed checks in a row after which the owner is told. */
  failuresInARow: number;
}

/**
 * The schedule of the first check of containers never checked: a few seconds after start, then
 * every 10 seconds (a cheap look at the catalog; only new containers are checked).
 *
 * @public
 */
export const DEFAULT_FIRST_CHECK_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { seconds: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 3 },
  };

/** @public */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

const MS = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

function durationMs(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) return fallbackMs;
  const duration = readDurationFromConfig(config, { key }) as Record<
    string,
    number
  >;
  return Object.entries(MS).reduce(
    (total, [unit, factor]) => total + (duration[unit] ?? 0) * factor,
    0,
  );
}

function withoutTrailingSlash(url: string) {
  return url.replace(/\/+$/, '');
}

function readUrl(config: Config, key: string, fallback: string): string;
function readUrl(config: Config, key: string): string | undefined;
function readUrl(config: Config, key: string, fallback?: string) {
  const value = config.getOptionalString(key);
  if (value === undefined) return fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error();
  } catch {
    throw new Error(
      `Invalid config at containers.drift.endpoints.${key}: ${JSON.stringify(
        value,
      )} is not an http(s) URL`,
    );
  }
  return withoutTrailingSlash(value);
}

function readRegistries(drift: Config): Record<string, RegistryEndpoint> {
  // Registry hosts contain dots (docker.io), which config paths cannot address: read the object.
  const raw = drift.getOptional('registries');
  const registries: Record<string, RegistryEndpoint> = {};
  if (raw === undefined) return registries;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(
      'Invalid config at containers.drift.registries: expected an object keyed by registry host',
    );
  }
  for (const [host, value] of Object.entries(raw)) {
    const entry = value as Record<string, unknown>;
    const where = `containers.drift.registries["${host}"]`;
    const text = (field: string) => {
      const v = entry?.[field];
      if (v === undefined || v === null || v === '') return undefined;
      if (typeof v !== 'string') {
        throw new Error(
          `Invalid config at ${where}.${field}: expected a string`,
        );
      }
      return v;
    };
    const baseUrl = text('baseUrl');
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
      throw new Error(
        `Invalid config at ${where}.baseUrl: expected the registry's http(s) URL`,
      );
    }
    const extraHosts = entry.credentialHosts;
    if (
      extraHosts !== undefined &&
      !(
        Array.isArray(extraHosts) &&
        extraHosts.every(h => typeof h === 'string')
      )
    ) {
      throw new Error(
        `Invalid config at ${where}.credentialHosts: expected a list of host names`,
      );
    }
    registries[host.toLowerCase()] = {
      baseUrl: withoutTrailingSlash(baseUrl),
      token: text('token'),
      username: text('username'),
      password: text('password'),
      credentialHosts:
        (extraHosts as string[] | undefined) ??
        (host === DOCKER_HUB.host ? DOCKER_HUB.credentialHosts : []),
    };
  }
  return registries;
}

const BEHIND_THRESHOLDS = ['major', 'minor'] as const;

function readNotifications(drift: Config): DriftNotificationsConfig {
  const key = 'notifications.behindThreshold';
  const behindThreshold = drift.getOptionalString(key) ?? 'minor';
  if (!(BEHIND_THRESHOLDS as readonly string[]).includes(behindThreshold)) {
    throw new Error(
      `Invalid config at containers.drift.${key}: expected major or minor, got ${JSON.stringify(
        behindThreshold,
      )}`,
    );
  }
  return {
    enabled: drift.getOptionalBoolean('notifications.enabled'),
    behindThreshold:
      behindThreshold as DriftNotificationsConfig['behindThreshold'],
    failuresInARow: Math.max(
      1,
      wholeNumber(drift, 'notifications.failuresInARow', 3),
    ),
  };
}

function readSchedule(
  drift: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return drift.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(drift.getConfig(key))
    : fallback;
}

function wholeNumber(drift: Config, key: string, fallback: number) {
  const value = drift.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(
      `Invalid config at containers.drift.${key}: expected a whole number, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads the drift engine's configuration: `integrations.github[]` for GitHub hosts and tokens,
 * and everything under `containers.drift`. The one place config is read; throws with the key
 * when a value is wrong.
 *
 * @public
 */
export function readDriftConfig(config: Config): DriftConfig {
  const drift =
    config.getOptionalConfig('containers.drift') ?? new ConfigReader({});

  const github = ScmIntegrations.fromConfig(config)
    .github.list()
    .map(integration => ({
      host: integration.config.host,
      apiBaseUrl: withoutTrailingSlash(
        integration.config.apiBaseUrl ??
          (integration.config.host === 'github.com'
            ? 'https://api.github.com'
            : `https://${integration.config.host}/api/v3`),
      ),
      token: integration.config.token || undefined,
    }));

  const endpoints =
    drift.getOptionalConfig('endpoints') ?? new ConfigReader({});
  return {
    github,
    registries: readRegistries(drift),
    endpoints: {
      pypi: readUrl(endpoints, 'pypi', DEFAULT_UPSTREAM_ENDPOINTS.pypi),
      npm: readUrl(endpoints, 'npm', DEFAULT_UPSTREAM_ENDPOINTS.npm),
      maven: readUrl(endpoints, 'maven', DEFAULT_UPSTREAM_ENDPOINTS.maven),
      helm: readUrl(endpoints, 'helm'),
      endoflife: readUrl(
        endpoints,
        'endoflife',
        DEFAULT_UPSTREAM_ENDPOINTS.endoflife,
      ),
    },
    allowedHosts: drift.getOptionalStringArray('allowedHosts'),
    maxResponseBytes: Math.max(
      1024,
      wholeNumber(drift, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES),
    ),
    concurrency: Math.max(1, wholeNumber(drift, 'concurrency', 8)),
    requestTimeoutMs: durationMs(drift, 'requestTimeout', 10_000),
    retries: wholeNumber(drift, 'retries', 2),
    maxRetryWaitMs: durationMs(drift, 'maxRetryWait', 60_000),
    maxPages: Math.max(1, wholeNumber(drift, 'maxPages', 50)),
    registryPageSize: Math.max(1, wholeNumber(drift, 'registryPageSize', 1000)),
    eolWarningDays: wholeNumber(
      drift,
      'eol.warningDays',
      DEFAULT_EOL_WARNING_DAYS,
    ),
    schedule: readSchedule(drift, 'schedule', DEFAULT_SCHEDULE),
    firstCheckSchedule: readSchedule(
      drift,
      'firstCheckSchedule',
      DEFAULT_FIRST_CHECK_SCHEDULE,
    ),
    notifications: readNotifications(drift),
  };
}

/**
 * The hosts this config points the engine at (`host:port` of every GitHub API, registry and
 * package endpoint, Docker Hub's default hosts, and registries' `credentialHosts`). They count
 * as listed explicitly: unlike hosts that container.yaml names, they may resolve to loopback,
 * private or link-local addresses (an internal mirror, a test server).
 */
export function configuredHosts(config: DriftConfig): string[] {
  const urls = [
    ...config.github.map(g => g.apiBaseUrl),
    ...Object.values(config.registries).map(r => r.baseUrl),
    DOCKER_HUB.baseUrl,
    ...Object.values(config.endpoints).filter(
      (url): url is string => typeof url === 'string',
    ),
  ];
  const hosts = urls.map(hostWithPort).filter((host): host is string => !!host);
  const credentialHosts = [
    ...DOCKER_HUB.credentialHosts,
    ...Object.values(config.registries).flatMap(r => r.credentialHosts),
  ];
  return [...new Set([...hosts, ...credentialHosts])];
}
