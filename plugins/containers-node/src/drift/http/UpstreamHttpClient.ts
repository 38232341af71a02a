import pLimit from 'p-limit';
import { isHostAllowed } from './allowedHosts';
import { HttpCache } from './cache';
import { retryAfterMs } from './headers';

/** A failed upstream request, with a message a person can act on. */
export class UpstreamRequestError extends Error {
  constructor(readonly url: string, problem: string, readonly status?: number) {
    super(`GET ${url}: ${problem}`);
    this.name = 'UpstreamRequestError';
  }
}

/** An `Authorization` header value that may only be sent to one host (`host[:port]`). */
export interface HostCredential {
  host: string;
  authorization: string;
}

export interface HttpGetOptions {
  accept?: string;
  /** Credentials, each sent only to its own host, on this request and across redirects. */
  credentials?: HostCredential[];
  /** Send validators from the cache and keep this response in it (default true). */
  conditional?: boolean;
  /** Statuses handed back to the caller instead of failing (401 for a token challenge, 404…). */
  acceptStatus?: number[];
}

export interface HttpResult {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  body: string;
  link?: string;
  headers: Headers;
  /** True when the server answered 304 and the body comes from the cache. */
  notModified: boolean;
}

export interface UpstreamHttpClientOptions {
  /** Hosts that may be contacted (`containers.drift.allowedHosts`); undefined allows all. */
  allowedHosts?: string[];
  /** Requests in flight at once to one host. */
  concurrencyPerHost: number;
  /** Time allowed for one request, body included. */
  timeoutMs: number;
  /** Further attempts after a 5xx, a network error or a 429 (not after a timeout). */
  retries: number;
  /** Longest wait honoured for `Retry-After` or a rate-limit reset; longer fails the request. */
  maxRetryWaitMs: number;
  /** First backoff delay; it doubles on every attempt. */
  backoffMs?: number;
  cache?: HttpCache;
  userAgent?: string;
}

/** Counts for benchmarks and logs. */
export interface HttpStats {
  requests: number;
  notModified: number;
  retried: number;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `timed out after ${timeoutMs / 1000} s`;
  }
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `network error: ${cause ?? err?.message ?? String(error)}`;
}

/**
 * The one HTTP client of the drift engine: bounded concurrency per host, retries with
 * exponential backoff on 5xx and network errors, `Retry-After` on 429/503, GitHub's
 * `X-RateLimit-Remaining`/`Reset`, a timeout per request, conditional requests from an
 * {@link HttpCache}, redirects followed by hand so that the allowed hosts are checked on every
 * hop and credentials never leave their host.
 */
export class UpstreamHttpClient {
  readonly stats: HttpStats = { requests: 0, notModified: 0, retried: 0 };
  private readonly limiters = new Map<string, ReturnType<typeof pLimit>>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: UpstreamHttpClientOptions) {}

  private limiter(host: string) {
    let limit = this.limiters.get(host);
    if (!limit) {
      limit = pLimit(Math.max(1, this.options.concurrencyPerHost));
      this.limiters.set(host, limit);
    }
    return limit;
  }

  private checkHost(url: URL) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UpstreamRequestError(
        url.toString(),
        `only http and https URLs can be fetched`,
      );
    }
    if (!isHostAllowed(url, this.options.allowedHosts)) {
      throw new UpstreamRequestError(
        url.toString(),
        `host ${url.host} is not in containers.drift.allowedHosts`,
      );
    }
  }

  private backoff(attempt: number) {
    const base = this.options.backoffMs ?? 500;
    return base * 2 ** attempt + Math.random() * base;
  }

  private async waitForRateLimit(url: URL) {
    const until = this.blockedUntil.get(url.host);
    if (!until) return;
    const wait = until - Date.now();
    if (wait <= 0) {
      this.blockedUntil.delete(url.host);
      return;
    }
    if (wait > this.options.maxRetryWaitMs) {
      throw new UpstreamRequestError(
        url.toString(),
        `rate limit of ${url.host} exhausted until ${new Date(
          until,
        ).toISOString()}`,
        429,
      );
    }
    await sleep(wait);
  }

  private noteRateLimit(url: URL, headers: Headers) {
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (remaining === '0' && reset > 0) {
      this.blockedUntil.set(url.host, reset * 1000);
    }
  }

  /** GETs a URL and returns its body as text; throws {@link UpstreamRequestError}. */
  async get(href: string, options: HttpGetOptions = {}): Promise<HttpResult> {
    const target = new URL(href).toString();
    const conditional = options.conditional !== false && !!this.options.cache;
    const cached = conditional
      ? await this.options.cache!.get(target)
      : undefined;
    let url = new URL(target);
    let attempt = 0;
    let redirects = 0;

    for (;;) {
      this.checkHost(url);
      await this.waitForRateLimit(url);
      const headers: Record<string, string> = {
        accept: options.accept ?? 'application/json',
        'user-agent': this.options.userAgent ?? 'dockyard-drift',
      };
      const hopHost = url.host.toLowerCase();
      const credential = options.credentials?.find(
        c => c.host.toLowerCase() === hopHost,
      );
      if (credential) headers.authorization = credential.authorization;
      if (cached && url.toString() === target) {
        if (cached.etag) headers['if-none-match'] = cached.etag;
        if (cached.lastModified)
          headers['if-modified-since'] = cached.lastModified;
      }

      const requestUrl = url;
      let response: Response;
      let body: string;
      try {
        [response, body] = await this.limiter(url.host)(async () => {
          this.stats.requests += 1;
          const res = await fetch(requestUrl, {
            headers,
            redirect: 'manual',
            signal: AbortSignal.timeout(this.options.timeoutMs),
          });
          return [res, await res.text()] as const;
        });
      } catch (error) {
        if (error instanceof UpstreamRequestError) throw error;
        // A server that did not answer in time is not asked again in this run: retrying
        // would multiply the wait, and the next scheduled check tries again anyway.
        const timedOut =
          (error as Error)?.name === 'TimeoutError' ||
          (error as Error)?.name === 'AbortError';
        if (!timedOut && attempt < this.options.retries) {
          await sleep(this.backoff(attempt++));
          this.stats.retried += 1;
          continue;
        }
        throw new UpstreamRequestError(
          url.toString(),
          `${describeFetchError(error, this.options.timeoutMs)}${
            attempt ? ` (after ${attempt + 1} attempts)` : ''
          }`,
        );
      }

      this.noteRateLimit(url, response.headers);
      const status = response.status;

      if (status === 304 && cached) {
        this.stats.notModified += 1;
        return {
          url: url.toString(),
          status: 200,
          body: cached.body,
          link: cached.link,
          headers: response.headers,
          notModified: true,
        };
      }

      if (status >= 300 && status < 400 && response.headers.get('location')) {
        if (++redirects > 5) {
          throw new UpstreamRequestError(target, 'too many redirects');
        }
        url = new URL(response.headers.get('location')!, url);
        continue;
      }

      if (status >= 200 && status < 300) {
        const entry = {
          etag: response.headers.get('etag') ?? undefined,
          lastModified: response.headers.get('last-modified') ?? undefined,
          body,
          link: response.headers.get('link') ?? undefined,
        };
        if (conditional && (entry.etag || entry.lastModified)) {
          await this.options.cache!.set(target, entry);
        }
        return {
          url: url.toString(),
          status,
          body,
          link: entry.link,
          headers: response.headers,
          notModified: false,
        };
      }

      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      const rateLimited =
        status === 429 ||
        (status === 403 &&
          (retryAfter !== undefined ||
            response.headers.get('x-ratelimit-remaining') === '0'));
      if (rateLimited) {
        const reset = Number(response.headers.get('x-ratelimit-reset'));
        const wait =
          retryAfter ??
          (reset > 0
            ? Math.max(0, reset * 1000 - Date.now())
            : this.backoff(attempt));
        if (wait > this.options.maxRetryWaitMs) {
          throw new UpstreamRequestError(
            url.toString(),
            `rate limited (HTTP ${status}); the server asks to wait ${Math.ceil(
              wait / 1000,
            )} s, longer than containers.drift.maxRetryWait`,
            status,
          );
        }
        if (attempt < this.options.retries) {
          attempt += 1;
          this.stats.retried += 1;
          await sleep(wait);
          continue;
        }
        throw new UpstreamRequestError(
          url.toString(),
          `rate limited (HTTP ${status}) after ${attempt + 1} attempts`,
          status,
        );
      }

      if (status >= 500) {
        if (attempt < this.options.retries) {
          await sleep(retryAfter ?? this.backoff(attempt));
          attempt += 1;
          this.stats.retried += 1;
          continue;
        }
        throw new UpstreamRequestError(
          url.toString(),
          `HTTP ${status} ${response.statusText}`.trim() +
            (attempt ? ` (after ${attempt + 1} attempts)` : ''),
          status,
        );
      }

      if (options.acceptStatus?.includes(status)) {
        return {
          url: url.toString(),
          status,
          body,
          link: response.headers.get('link') ?? undefined,
          headers: response.headers,
          notModified: false,
        };
      }
      throw new UpstreamRequestError(
        url.toString(),
        `HTTP ${status} ${response.statusText}`.trim(),
        status,
      );
    }
  }
}
