import { Config } from '@backstage/config';
import {
  CompanionDrift,
  computeVersionDrift,
  ContainerVersionSpec,
  DriftResult,
  DriftStatus,
  EolInfo,
  overallDriftStatus,
  ReleaseNote,
  UpstreamRef,
  utcToday,
} from '@dockyard/plugin-containers-common';
import {
  BaseImageCheck,
  baseImageDrift,
  laneOf,
  ManifestCheck,
  planBaseImage,
  runManifestCheck,
} from './baseImage';
import { configuredHosts, DriftConfig, readDriftConfig } from './config';
import { eolLookupFailed, eolSpecOf, joinEolCycle } from './eol';
import { Feed } from './feed';
import { releaseNotesOf } from './releaseNotes';
import { HttpCache, InMemoryHttpCache } from './http/cache';
import { ResolveHost } from './http/guardedLookup';
import { UpstreamHttpClient } from './http/UpstreamHttpClient';
import { createUpstreamSources } from './sources';
import { createRegistryGet, RegistryGet } from './sources/docker';
import { EndoflifeCycle, readEndoflifeCycles } from './sources/endoflife';
import { SourceContext, UpstreamSource } from './sources/types';

/**
 * A container to check: its slug, its `version` block (as container.yaml writes it, tokens
 * resolved, companions included) and its base image.
 *
 * @public
 */
export interface DriftTarget {
  slug: string;
  /** Absent when the container has none: the engine answers `error` for it. */
  version?: ContainerVersionSpec;
  /** `runtime.base_image`, tokens resolved; its tag and digest are checked when set. */
  baseImage?: string;
  /**
   * The field that pins each companion, by companion name, when its `current` is written as a
   * token (`build.args.ICEBERG_VERSION`). See {@link containerDriftTarget}.
   */
  companionPins?: Record<string, string>;
}

/**
 * Progress of a run: upstream feeds and base image manifests done out of all.
 *
 * @public
 */
export interface DriftProgress {
  upstreamsDone: number;
  upstreamsTotal: number;
}

/** @public */
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

/** A version to compare (the main one or a companion): with its feed, or already answered. */
type VersionPlan =
  | { feed: Feed; spec: ContainerVersionSpec; compared?: VersionAnswer }
  | { answer: { status: DriftStatus; error: string } };

/** What one version (main or companion) compares to, with its feed's names. */
interface VersionAnswer {
  source?: string;
  sourceUrl?: string;
  status: DriftStatus;
  latest?: string;
  newest?: string;
  behind?: DriftResult['behind'];
  releaseNotesUrl?: string;
  latestReleasedAt?: string;
  releases?: ReleaseNote[];
  error?: string;
}

interface TargetPlan {
  main: VersionPlan;
  companions: VersionPlan[];
  baseImage?: BaseImageCheck;
}

/** One endoflife.date product of a run (`version.eol.product`): read once for every container naming it. */
interface EolLookup {
  cycles?: EndoflifeCycle[];
  failure?: string;
}

/**
 * The drift engine shared by the backend plugin and `dockyard drift`: groups every pinned
 * version of every container — main version, companions, base image tags — by upstream feed so
 * that each feed is fetched once per run, asks each distinct base image tag's manifest once,
 * fetches all of it concurrently (bounded per host by the HTTP client), and compares. One
 * failing container, companion, feed or manifest never stops the others: it gets status `error`.
 *
 * @public
 */
export class DriftEngine {
  readonly http: UpstreamHttpClient;
  private readonly sources: Record<string, UpstreamSource>;
  private readonly registryGet: RegistryGet;
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
    // One registry reader for tag listings and manifests: they share its tokens.
    this.registryGet = createRegistryGet();
    this.sources =
      options.sources ??
      createUpstreamSources({ registryGet: this.registryGet });
    this.context = { config: options.config, http: this.http };
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /** Checks containers; returns one result per target, in the same order. */
  async check(
    targets: DriftTarget[],
    options: { onProgress?: (progress: DriftProgress) => void } = {},
  ): Promise<DriftResult[]> {
    const feeds = new Map<string, Feed>();
    const manifests = new Map<string, ManifestCheck>();
    const plans = targets.map(
      (target): TargetPlan => ({
        main: this.planVersion(target.version, 'version', feeds),
        companions: companionsOf(target).map((companion, i) =>
          this.planVersion(companion, `version.companions[${i}]`, feeds),
        ),
        baseImage: target.baseImage
          ? planBaseImage(target.baseImage, {
              tagsSource: this.sources['docker-tags'],
              context: this.context,
              feeds,
              manifests,
            })
          : undefined,
      }),
    );

    const eolLookups = new Map<string, EolLookup>();
    for (const target of targets) {
      const eol = eolSpecOf(target.version);
      if (eol && !eolLookups.has(eol.product)) eolLookups.set(eol.product, {});
    }

    const compareArrived = comparisonsByFeed(plans, plan => this.answer(plan));
    const total = feeds.size + manifests.size + eolLookups.size;
    let done = 0;
    const step = () => {
      done += 1;
      options.onProgress?.({ upstreamsDone: done, upstreamsTotal: total });
    };
    options.onProgress?.({ upstreamsDone: 0, upstreamsTotal: total });
    await Promise.all([
      ...[...feeds.values()].map(feed =>
        this.fetchFeed(feed).then(() => {
          compareArrived(feed);
          step();
        }),
      ),
      ...[...manifests.values()].map(check =>
        runManifestCheck(check, this.context, this.registryGet).then(step),
      ),
      ...[...eolLookups].map(([product, lookup]) =>
        this.readEol(product, lookup).then(step),
      ),
    ]);

    return targets.map((target, index) => {
      const result = this.result(target, plans[index]);
      const eol = this.eol(target, eolLookups);
      return eol ? { ...result, eol } : result;
    });
  }

  /** Names the feed of a version, or answers at once when there is none to read. */
  private planVersion(
    spec: ContainerVersionSpec | undefined,
    field: string,
    feeds: Map<string, Feed>,
  ): VersionPlan {
    const answer = (status: DriftStatus, error: string): VersionPlan => ({
      answer: { status, error },
    });
    if (!spec || typeof spec !== 'object') {
      return answer(
        'error',
        `no ${field === 'version' ? 'version' : field} block`,
      );
    }
    if (spec.strategy === 'manual') {
      return answer(
        'unknown',
        `${field}.strategy is manual: there is no upstream feed to compare with (see ${field}.notes)`,
      );
    }
    const source = this.sources[spec.strategy];
    if (!source) {
      return answer(
        'error',
        `unknown ${field}.strategy ${JSON.stringify(
          spec.strategy,
        )} (one of manual, ${Object.keys(this.sources).join(', ')})`,
      );
    }
    if (spec.current === undefined || String(spec.current).trim() === '') {
      return answer('error', `${field}.current is empty`);
    }
    let ref: UpstreamRef;
    try {
      ref = source.describe(spec, this.context);
    } catch (error) {
      return answer('error', errorMessage(error));
    }
    let feed = feeds.get(ref.key);
    if (!feed) {
      feed = { ref, source, spec, memo: new Map() };
      feeds.set(ref.key, feed);
    }
    return { feed, spec };
  }

  private async fetchFeed(feed: Feed): Promise<void> {
    try {
      feed.listing = await feed.source.list(feed.spec, this.context);
    } catch (error) {
      feed.failure = `${feed.ref.label}: ${errorMessage(error)}`;
      return;
    }
    if (feed.listing.truncated) {
      this.logger?.warn(
        `${feed.ref.label}: more than containers.drift.maxPages (${this.context.config.maxPages}) pages; newer versions may be missed`,
      );
    }
  }

  private async readEol(product: string, lookup: EolLookup): Promise<void> {
    try {
      lookup.cycles = await readEndoflifeCycles(product, this.context);
    } catch (error) {
      const message = errorMessage(error);
      lookup.failure = message.startsWith('endoflife.date')
        ? message
        : `endoflife.date ${product}: ${message}`;
    }
  }

  /** The end of life of a target's version in use, counted from today (UTC). */
  private eol(
    target: DriftTarget,
    lookups: Map<string, EolLookup>,
  ): EolInfo | undefined {
    const spec = eolSpecOf(target.version);
    if (!spec || !target.version) return undefined;
    const lookup = lookups.get(spec.product);
    if (!lookup?.cycles) {
      return eolLookupFailed(spec, lookup?.failure ?? 'not looked up');
    }
    try {
      return joinEolCycle(target.version, spec, lookup.cycles, {
        today: utcToday(this.now()),
        warningDays: this.context.config.eolWarningDays,
      });
    } catch (error) {
      // A strange answer for one container never takes the others with it.
      return eolLookupFailed(spec, errorMessage(error));
    }
  }

  /** Compares one version with its feed (or gives its answer), once per run. */
  private answer(plan: VersionPlan): VersionAnswer {
    if ('answer' in plan) return plan.answer;
    plan.compared ??= this.compare(plan.feed, plan.spec);
    return plan.compared;
  }

  private compare(feed: Feed, spec: ContainerVersionSpec): VersionAnswer {
    const names = { source: feed.ref.label, sourceUrl: feed.ref.sourceUrl };
    if (!feed.listing) {
      return { ...names, status: 'error', error: feed.failure };
    }
    try {
      const drift = computeVersionDrift(spec, feed.listing.versions, {
        memo: feed.memo,
      });
      return {
        ...names,
        status: drift.status,
        latest: drift.latest,
        newest: drift.newest,
        behind: drift.behind,
        latestReleasedAt: drift.latestReleasedAt,
        // Links through version.release_notes, and the releases in between with their notes.
        ...releaseNotesOf(spec, drift),
        error: drift.error,
      };
    } catch (error) {
      // One version that cannot be compared never takes the others with it.
      return { ...names, status: 'error', error: errorMessage(error) };
    }
  }

  private result(target: DriftTarget, plan: TargetPlan): DriftResult {
    const { source, sourceUrl, ...main } = this.answer(plan.main);
    const result: DriftResult = {
      slug: target.slug,
      strategy: String(target.version?.strategy ?? ''),
      source,
      sourceUrl,
      current: String(target.version?.current ?? ''),
      checkedAt: this.now().toISOString(),
      ...main,
    };
    const companions = companionsOf(target);
    if (companions.length > 0) {
      result.companions = companions.map((companion, i) =>
        withoutUndefined<CompanionDrift>({
          name: String(companion?.name ?? ''),
          strategy: String(companion?.strategy ?? ''),
          pinnedBy: target.companionPins?.[String(companion?.name)],
          current: String(companion?.current ?? ''),
          ...this.answer(plan.companions[i]),
        }),
      );
    }
    if (plan.baseImage) {
      result.baseImage = withoutUndefined(baseImageDrift(plan.baseImage));
    }
    result.overallStatus = overallDriftStatus(result);
    return withoutUndefined(result);
  }
}

/**
 * What to compare as soon as each feed is in, while other requests are still in flight (the
 * versions that read it, the base image lanes in it): comparing thousands of versions then
 * costs little wall time after the last answer. Returns what to call when a feed is in.
 */
function comparisonsByFeed(
  plans: TargetPlan[],
  answer: (plan: VersionPlan) => unknown,
): (feed: Feed) => void {
  const byFeed = new Map<Feed, Array<() => unknown>>();
  const whenIn = (feed: Feed, compare: () => unknown) => {
    const waiting = byFeed.get(feed);
    if (waiting) waiting.push(compare);
    else byFeed.set(feed, [compare]);
  };
  for (const plan of plans) {
    for (const version of [plan.main, ...plan.companions]) {
      if ('feed' in version) whenIn(version.feed, () => answer(version));
    }
    const tags = plan.baseImage?.tags;
    if (tags) whenIn(tags.feed, () => laneOf(tags.feed, tags.tag));
  }
  return feed => {
    for (const compare of byFeed.get(feed) ?? []) {
      try {
        compare();
      } catch {
        // Compared again, and the error reported, when the results are built.
      }
    }
  };
}

function companionsOf(target: DriftTarget) {
  const companions = target.version?.companions;
  return Array.isArray(companions) ? companions : [];
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
