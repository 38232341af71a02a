import { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import {
  DEFAULT_REFRESH_RATE_LIMIT,
  readRefreshRateLimit,
  RefreshRateLimiter,
  TooManyRefreshesError,
} from './RefreshRateLimiter';

/** A cache that answers on a later tick, as a shared store does, and records each TTL. */
function slowCache() {
  const values = new Map<string, JsonValue>();
  const ttls: unknown[] = [];
  const tick = () => new Promise(resolve => setImmediate(resolve));
  const cache: CacheService = {
    async get<T extends JsonValue>(key: string) {
      await tick();
      return values.get(key) as T | undefined;
    },
    async set(key, value, options) {
      await tick();
      ttls.push(options?.ttl);
      values.set(key, value);
    },
    async delete(key) {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return { cache, ttls };
}

describe('RefreshRateLimiter', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = Date.parse('2025-06-01T00:00:00Z');
  });

  it('allows the limit at once, then one more each window / limit, saying when', async () => {
    const { cache, ttls } = slowCache();
    const limiter = new RefreshRateLimiter(
      cache,
      { limit: 3, windowMs: 60_000 },
      clock,
    );
    for (let i = 0; i < 3; i++) {
      await limiter.take('user:default/jane');
    }
    const refused = limiter.take('user:default/jane');
    await expect(refused).rejects.toBeInstanceOf(TooManyRefreshesError);
    await expect(refused).rejects.toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 20,
      message:
        'Too many drift refreshes: 3 per minute are allowed; try again in 20 s',
    });

    now += 19_000;
    await expect(limiter.take('user:default/jane')).rejects.toMatchObject({
      retryAfterSeconds: 1,
    });
    now += 1_000;
    await limiter.take('user:default/jane');
    await expect(limiter.take('user:default/jane')).rejects.toMatchObject({
      retryAfterSeconds: 20,
    });
    // A bucket is kept one window: after that it is full again anyway.
    expect(new Set(ttls)).toEqual(new Set([60_000]));
  });

  it('counts each caller on their own', async () => {
    const limiter = new RefreshRateLimiter(
      slowCache().cache,
      { limit: 1, windowMs: 60_000 },
      clock,
    );
    await limiter.take('user:default/jane');
    await expect(limiter.take('user:default/jane')).rejects.toMatchObject({
      statusCode: 429,
    });
    await limiter.take('user:default/john');
    await limiter.take('service:external:ci');
  });

  it('counts parallel requests of one caller one by one', async () => {
    const limiter = new RefreshRateLimiter(
      slowCache().cache,
      { limit: 3, windowMs: 60_000 },
      clock,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => limiter.take('user:default/jane')),
    );
    expect(results.map(r => r.status)).toEqual([
      ...Array(3).fill('fulfilled'),
      ...Array(5).fill('rejected'),
    ]);
  });
});

describe('readRefreshRateLimit', () => {
  const read = (refreshRateLimit: unknown) =>
    readRefreshRateLimit(
      new ConfigReader({ containers: { drift: { refreshRateLimit } } } as any),
    );

  it('defaults to 10 a minute', () => {
    expect(readRefreshRateLimit(new ConfigReader({}))).toEqual(
      DEFAULT_REFRESH_RATE_LIMIT,
    );
    expect(DEFAULT_REFRESH_RATE_LIMIT).toEqual({ limit: 10, windowMs: 60_000 });
  });

  it('reads a limit and a window written as an object or a string', () => {
    expect(read({ limit: 5, window: { minutes: 5 } })).toEqual({
      limit: 5,
      windowMs: 300_000,
    });
    expect(read({ window: '30 seconds' })).toEqual({
      limit: 10,
      windowMs: 30_000,
    });
    expect(read({ limit: 2, window: 'PT1H' })).toEqual({
      limit: 2,
      windowMs: 3_600_000,
    });
  });

  it('refuses a limit that is not a positive whole number, and an empty window', () => {
    for (const limit of [0, -1, 2.5]) {
      expect(() => read({ limit })).toThrow(
        `containers.drift.refreshRateLimit.limit must be a positive whole number of refreshes, got ${limit}`,
      );
    }
    expect(() => read({ window: { seconds: 0 } })).toThrow(
      'containers.drift.refreshRateLimit.window must be longer than zero',
    );
    expect(() => read({ window: 'soon' })).toThrow(/window/);
  });
});
