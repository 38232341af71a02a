import { Config } from '@backstage/config';
import {
  computeVersionDrift,
  ContainerVersionSpec,
  DriftResult,
  VersionParseMemo,
} from '@dockyard/plugin-containers-common';
import { configuredHosts, DriftConfig, readDriftConfig } from './config';
import { HttpCache, InMemoryHttpCache } from './http/cache';
import { ResolveHost } from './http/guardedLookup';
import { UpstreamHttpClient } from './http/UpstreamHttpClient';
import { createUpstreamSources } from './sources';
import {
  SourceContext,
  UpstreamListing,
  UpstreamRef,
  UpstreamSource,
} from './sources/types';

/** A container to check: its slug and its `version` block (as container.yaml writes it). */
export interface DriftTarget {
  slug: string;
  version: ContainerVersionSpec;
}

/** Progress of a run: upstream feeds done out of all. */
export interface DriftProgress {
  upstreamsDone: number;
  upstreamsTotal: number;
}

export interface DriftEngineOptions {
  config: DriftConfig;
  /** Where ETag / Last-Modified validators live between runs (default: in memory). */
  cache?: HttpCache;
  /** Sources per strategy (default: every built-in one). */
  sources?: Record<string, UpstreamSource>;
  /** First retry delay (tests shorten it). */
  backoffMs?: number;
  /** Resolves upstream host names (default: the system resolver; tests inject their own). */
  resolveHost?: ResolveHost;
  now?: () => Date;
  /** Where warnings go (a feed cut at maxPages). */
  logger?: { warn(message: string): void };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The drift engine shared by the backend plugin and `dockyard drift`: groups containers by
 * upstream feed so that each feed is fetched once per run, fetches the feeds concurrently
 * (bounded per host by the HTTP client), and compares every container with its feed. One failing
 * container or feed never stops the others: it gets a result with status `error`.
 */
export class DriftEngine {
  readonly http: UpstreamHttpClient;
  private readonly sources: Record<string, UpstreamSource>;
  private readonly context: SourceContext;
  private readonly now: () => Date;
  private readonly logger?: { warn(message: string): void };

  static fromConfig(
    config: Config,
    options: Omit<DriftEngineOptions, 'config'> = {},
  ): DriftEngine {
    return new DriftEngine({ ...options, config: readDriftConfig(config) });
  }

  constructor(options: DriftEngineOptions) {
    this.http = new UpstreamHttpClient({
      allowedHosts: options.config.allowedHosts,
      explicitHosts: configuredHosts(options.config),
      resolveHost: options.resolveHost,
      maxResponseBytes: options.config.maxResponseBytes,
      concurrencyPerHost: options.config.concurrency,
      timeoutMs: options.config.requestTimeoutMs,
      retries: options.config.retries,
      maxRetryWaitMs: options.config.maxRetryWaitMs,
      backoffMs: options.backoffMs,
      cache: options.cache ?? new InMemoryHttpCache(),
    });
    this.sources = options.sources ?? createUpstreamSources();
    this.context = { config: options.config, http: this.http };
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /** Checks containers; returns one result per target, in the same order. */
  async check(
    targets: DriftTarget[],
    options: { onProgress?: (progress: DriftProgress) => void } = {},
  ): Promise<DriftResult[]> {
    const results: DriftResult[] = new Array(targets.length);
    const groups = new Map<
      string,
      {
        ref: UpstreamRef;
        source: UpstreamSource;
        version: ContainerVersionSpec;
        members: number[];
      }
    >();
    const base = (target: DriftTarget, ref?: UpstreamRef) => ({
      slug: target.slug,
      strategy: String(target.version?.strategy ?? ''),
      source: ref?.label,
      sourceUrl: ref?.sourceUrl,
      current: String(target.version?.current ?? ''),
      checkedAt: this.now().toISOString(),
    });

    targets.forEach((target, index) => {
      const version = target.version;
      if (!version || typeof version !== 'object') {
        results[index] = {
          ...base(target),
          status: 'error',
          error: 'no version block',
        };
        return;
      }
      if (version.strategy === 'manual') {
        results[index] = {
          ...base(target),
          status: 'unknown',
          error:
            'version.strategy is manual: there is no upstream feed to compare with (see version.notes)',
        };
        return;
      }
      const source = this.sources[version.strategy];
      if (!source) {
        results[index] = {
          ...base(target),
          status: 'error',
          error: `unknown version.strategy ${JSON.stringify(
            version.strategy,
          )} (one of manual, ${Object.keys(this.sources).join(', ')})`,
        };
        return;
      }
      if (
        version.current === undefined ||
        String(version.current).trim() === ''
      ) {
        results[index] = {
          ...base(target),
          status: 'error',
          error: 'version.current is empty',
        };
        return;
      }
      let ref: UpstreamRef;
      try {
        ref = source.describe(version, this.context);
      } catch (error) {
        results[index] = {
          ...base(target),
          status: 'error',
          error: errorMessage(error),
        };
        return;
      }
      const group = groups.get(ref.key);
      if (group) group.members.push(index);
      else groups.set(ref.key, { ref, source, version, members: [index] });
    });

    const total = groups.size;
    let done = 0;
    options.onProgress?.({ upstreamsDone: 0, upstreamsTotal: total });
    await Promise.all(
      [...groups.values()].map(async group => {
        let listing: UpstreamListing | undefined;
        let failure: string | undefined;
        try {
          listing = await group.source.list(group.version, this.context);
        } catch (error) {
          failure = `${group.ref.label}: ${errorMessage(error)}`;
        }
        if (listing?.truncated) {
          this.logger?.warn(
            `${group.ref.label}: more than containers.drift.maxPages (${this.context.config.maxPages}) pages; newer versions may be missed`,
          );
        }
        const memo: VersionParseMemo = new Map();
        for (const index of group.members) {
          const target = targets[index];
          if (!listing) {
            results[index] = {
              ...base(target, group.ref),
              status: 'error',
              error: failure,
            };
            continue;
          }
          const drift = computeVersionDrift(target.version, listing.versions, {
            memo,
          });
          const result: DriftResult = {
            ...base(target, group.ref),
            status: drift.status,
            latest: drift.latest,
            newest: drift.newest,
            behind: drift.behind,
            releaseNotesUrl: drift.releaseNotesUrl,
            latestReleasedAt: drift.latestReleasedAt,
            error: drift.error,
          };
          results[index] = withoutUndefined(result);
        }
        done += 1;
        options.onProgress?.({ upstreamsDone: done, upstreamsTotal: total });
      }),
    );
    return results.map(withoutUndefined);
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
