import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';

/**
 * Where a target's containers come from.
 *
 * @public
 */
export type ContainersTargetSource =
  | { type: 'path'; path: string }
  | { type: 'url'; url: string };

/**
 * One configured target of `catalog.providers.containers`.
 *
 * @public
 */
export interface ContainersTarget {
  /** The key under `catalog.providers.containers`; names the provider. */
  id: string;
  source: ContainersTargetSource;
  /** Web address of the same folder, without a trailing slash (for README and source links). */
  browseUrl?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaults: ContainerEntityDefaults;
}

/**
 * Values used when a container.yaml does not set them.
 *
 * @public
 */
export interface ContainerEntityDefaults {
  owner?: string;
  system: string;
  lifecycle: string;
}

export const DEFAULT_SYSTEM = 'data-platform';
export const DEFAULT_LIFECYCLE = 'production';
/** A local folder is cheap to read: pick up new folders well within a minute. */
export const DEFAULT_LOCAL_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 20 },
  timeout: { minutes: 1 },
};
/** A URL target costs API calls on the remote host: read it less often. */
export const DEFAULT_URL_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};

const TARGET_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Reads every target of `catalog.providers.containers`.
 *
 * @param baseDir - what relative `path` values are resolved against (the backend's working
 *   directory, as for catalog `file` locations)
 *
 * @public
 */
export function readContainersTargets(
  config: Config,
  baseDir: string = process.cwd(),
): ContainersTarget[] {
  const root = config.getOptionalConfig('catalog.providers.containers');
  if (!root) {
    return [];
  }
  return root.keys().map(id => {
    const prefix = `catalog.providers.containers.${id}`;
    if (!TARGET_ID.test(id)) {
      throw new InputError(
        `${prefix}: the id must be letters, digits, '-' or '_' (it names the entity provider)`,
      );
    }
    const target = root.getConfig(id);
    const path = target.getOptionalString('path');
    const url = target.getOptionalString('url');
    if (Boolean(path) === Boolean(url)) {
      throw new InputError(
        `${prefix}: set exactly one of 'path' (a local folder) or 'url' (a repository folder)`,
      );
    }
    let source: ContainersTargetSource;
    if (path) {
      source = { type: 'path', path: resolvePath(baseDir, path) };
    } else {
      source = { type: 'url', url: parseHttpUrl(url!, `${prefix}.url`) };
    }
    const browseUrl = target.getOptionalString('browseUrl');
    const schedule = target.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          target.getConfig('schedule'),
        )
      : defaultSchedule(source);
    return {
      id,
      source,
      browseUrl: browseUrl
        ? parseHttpUrl(browseUrl, `${prefix}.browseUrl`)
        : undefined,
      schedule,
      defaults: {
        owner: target.getOptionalString('defaults.owner'),
        system: target.getOptionalString('defaults.system') ?? DEFAULT_SYSTEM,
        lifecycle:
          target.getOptionalString('defaults.lifecycle') ?? DEFAULT_LIFECYCLE,
      },
    };
  });
}

/**
 * Defaults for a container.yaml registered on its own (by URL or as a `file` location): those of
 * the first target, like its containers.
 */
export function readRegisteredFileDefaults(
  config: Config,
): ContainerEntityDefaults {
  return (
    readContainersTargets(config)[0]?.defaults ?? {
      system: DEFAULT_SYSTEM,
      lifecycle: DEFAULT_LIFECYCLE,
    }
  );
}

function defaultSchedule(
  source: ContainersTargetSource,
): SchedulerServiceTaskScheduleDefinition {
  return source.type === 'path' ? DEFAULT_LOCAL_SCHEDULE : DEFAULT_URL_SCHEDULE;
}

/** An http(s) URL without its trailing slashes, so that `${url}/${folder}` is right. */
function parseHttpUrl(value: string, key: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InputError(`${key}: '${value}' is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(`${key}: '${value}' must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}
