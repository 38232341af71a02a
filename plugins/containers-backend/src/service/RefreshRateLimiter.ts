import { CacheService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** How many refreshes one caller may ask for (`containers.drift.refreshRateLimit`). */
export interface RefreshRateLimit {
  /** Refreshes allowed at once, and again over every window. */
  limit: number;
  windowMs: number;
}

/**
 * Ten refreshes a minute per caller: plenty for a person pressing "Check now" on a few
 * containers, little against a script spending the portal's upstream rate limits.
 */
export const DEFAULT_REFRESH_RATE_LIMIT: RefreshRateLimit = {
  limit: 10,
  windowMs: 60_000,
};

/** Reads `containers.drift.refreshRateLimit`. */
export function readRefreshRateLimit(config: Config): RefreshRateLimit {
  const key = 'containers.drift.refreshRateLimit';
  const section = config.getOptionalConfig(key);
  if (!section) {
    return DEFAULT_REFRESH_RATE_LIMIT;
  }
  const limit =
    section.getOptionalNumber('limit') ?? DEFAULT_REFRESH_RATE_LIMIT.limit;
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new InputError(
      `${key}.limit must be a positive whole number of refreshes, got ${limit}`,
    );
  }
  const windowMs = section.has('window')
    ? durationToMilliseconds(readDurationFromConfig(section, { key: 'window' }))
    : DEFAULT_REFRESH_RATE_LIMIT.windowMs;
  if (!(windowMs > 0)) {
    throw new InputError(`${key}.window must be longer than zero`);
  }
  return { limit, windowMs };
}

/** A caller asked for more refreshes than `containers.drift.refreshRateLimit` allows: 429. */
export class TooManyRefreshesError extends CustomErrorBase {
  name = 'TooManyRefreshesError' as const;
  statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** A caller's bucket as kept in the cache: tokens left at time `at` (epoch ms). */
type Bucket = { tokens: number; at: number };

/**
 * A token bucket per caller: `limit` refreshes at once, refilled at `limit` per window. The
 * buckets live in the plugin's cache service, so replicas sharing a cache store (Redis,
 * Memcache) share the limit; with the default memory store each replica counts its own. A
 * caller's requests are taken one after another on a replica, since the cache has no atomic
 * update: parallel requests would otherwise all read the same bucket and all pass.
 */
export class RefreshRateLimiter {
  private readonly perMs: number;
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly cache: CacheService,
    private readonly rate: RefreshRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = rate.limit / rate.windowMs;
  }

  /**
   * Takes one refresh from `caller`'s allowance.
   *
   * @param caller - who asks, e.g. `user:default/jane` or `service:external:ci`
   * @throws TooManyRefreshesError when none is left, saying when the next one is
   */
  async take(caller: string): Promise<void> {
    const previous = this.pending.get(caller) ?? Promise.resolve();
    const taking = previous.then(() => this.takeNow(caller));
    const settled = taking.catch(() => undefined);
    this.pending.set(caller, settled);
    try {
      await taking;
    } finally {
      if (this.pending.get(caller) === settled) {
        this.pending.delete(caller);
      }
    }
  }

  private async takeNow(caller: string): Promise<void> {
    const key = `drift-refresh-bucket:${caller}`;
    const now = this.now();
    const bucket = await this.cache.get<Bucket>(key);
    const tokens = bucket
      ? Math.min(
          this.rate.limit,
          bucket.tokens + Math.max(0, now - bucket.at) * this.perMs,
        )
      : this.rate.limit;
    if (tokens < 1) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((1 - tokens) / this.perMs / 1000),
      );
      throw new TooManyRefreshesError(
        `Too many drift refreshes: ${this.rate.limit} per ${formatWindow(
          this.rate.windowMs,
        )} are allowed; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    // An untouched bucket is full again after one window: forgetting it then changes nothing.
    await this.cache.set(
      key,
      { tokens: tokens - 1, at: now },
      { ttl: this.rate.windowMs },
    );
  }
}

function formatWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return plural(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return plural(ms / 60_000, 'minute');
  if (ms % 1000 === 0) return plural(ms / 1000, 'second');
  return `${ms} ms`;
}

function plural(count: number, unit: string): string {
  return count === 1 ? unit : `${count} ${unit}s`;
}
