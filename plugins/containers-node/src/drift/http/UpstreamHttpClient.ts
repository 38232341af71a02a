import http from 'http';
import https from 'https';
import { isIP } from 'net';
import { promisify } from 'util';
import zlib from 'zlib';
import { isError, toError } from '@backstage/errors';
import pLimit from 'p-limit';
import { isHostAllowed, isHostListed } from './allowedHosts';
import { HttpCache, HttpCacheEntry } from './cache';
import {
  AddressRefusedError,
  guardedLookup,
  refusalFor,
  ResolveHost,
  systemResolveHost,
} from './guardedLookup';
import { retryAfterMs } from './headers';

/**
 * A failed upstream request, with a message a person can act on.
 *
 * @public
 */
export class UpstreamRequestError extends Error {
  constructor(
    readonly url: string,
    problem: string,
    readonly status?: number,
    method: string = 'GET',
  ) {
    super(`${method} ${url}: ${problem}`);
    this.name = 'UpstreamRequestError';
  }
}

/**
 * An `Authorization` header value that may only be sent to one host (`host[:port]`), and only
 * over the scheme it was configured for: a credential for an https URL is never sent over http.
 *
 * @public
 */
export interface HostCredential {
  host: string;
  authorization: string;
  /**
   * `https:` or `http:`, the scheme of the URL the credential is configured for. Default: the
   * scheme of the URL requested. An `http:` credential may also go over https.
   */
  protocol?: string;
}

/** @public */
export interface HttpGetOptions {
  accept?: string;
  /** Credentials, each sent only to its own host, on this request and across redirects. */
  credentials?: HostCredential[];
  /**
   * Send validators from the cache and keep this response in it. Default true for GET; a HEAD is
   * conditional only when asked, and then keeps the `keepHeaders` instead of a body.
   */
  conditional?: boolean;
  /**
   * A conditional HEAD: the response headers kept in the cache and given back on a `304`, which
   * need not repeat them (a manifest's `Docker-Content-Digest`).
   */
  keepHeaders?: string[];
  /** Statuses handed back to the caller instead of failing (401 for a token challenge, 404…). */
  acceptStatus?: number[];
  /** `HEAD` asks for headers only (a manifest's `Docker-Content-Digest`). Default `GET`. */
  method?: 'GET' | 'HEAD';
}

/** @public */
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

/** @public */
export interface UpstreamHttpClientOptions {
  /**
   * Hosts that may be contacted (`containers.drift.allowedHosts`); undefined: any host whose
   * addresses are public, and the `explicitHosts`.
   */
  allowedHosts?: string[];
  /**
   * Hosts named by config (endpoint URLs as `host:port`): like exact `allowedHosts` entries, they
   * may resolve to loopback, private and link-local addresses. Every other host must resolve
   * only to public addresses. They must still match `allowedHosts` when that is set.
   */
  explicitHosts?: string[];
  /** Resolves host names (default: the system resolver); tests inject their own. */
  resolveHost?: ResolveHost;
  /** Largest response body read, decompressed, and kept in the cache. Default 5 MiB. */
  maxResponseBytes?: number;
  /** Requests in flight at once to one host. */
  concurrencyPerHost: number;
  /** Requests in flight at once to all hosts together (bounds memory). Default 32. */
  maxConcurrentRequests?: number;
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

/**
 * Counts for benchmarks and logs.
 *
 * @public
 */
export interface HttpStats {
  requests: number;
  notModified: number;
  retried: number;
  /** Connections opened (the others reused a kept-alive one). */
  connections: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** A response body larger than `maxResponseBytes`. Never retried. */
class ResponseTooLargeError extends Error {}

function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (!isError(error)) return `network error: ${String(error)}`;
  if (error.name === 'TimeoutError') {
    return `timed out after ${timeoutMs / 1000} s`;
  }
  return `network error: ${error.code ?? error.message}`;
}

const decompressors: Record<
  string,
  (buffer: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>
> = {
  gzip: promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.gunzip),
  'x-gzip': promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.gunzip),
  deflate: promisify<Buffer, zlib.ZlibOptions, Buffer>(zlib.inflate),
  br: promisify<Buffer, zlib.BrotliOptions, Buffer>(zlib.brotliDecompress),
};

function headersOf(response: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) {
      headers.append(name, one);
    }
  }
  return headers;
}

/** The headers a conditional HEAD keeps, as the cache entry's body (JSON). */
function keptHeaders(headers: Headers, names: string[] = []): string {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) kept[name.toLowerCase()] = value;
  }
  return JSON.stringify(kept);
}

/** A 304's headers, with what the cache kept where the 304 left them out. */
function withKeptHeaders(headers: Headers, cachedBody: string): Headers {
  const merged = new Headers(headers);
  let kept: unknown;
  try {
    kept = JSON.parse(cachedBody);
  } catch {
    return merged;
  }
  if (typeof kept !== 'object' || kept === null) return merged;
  for (const [name, value] of Object.entries(kept)) {
    if (typeof value === 'string' && !merged.has(name)) merged.set(name, value);
  }
  return merged;
}

/** What one request answered, its body read and decoded. */
interface RawResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

/** A GET (or HEAD) once its cache entry is looked up: what every hop and attempt shares. */
interface PreparedGet {
  method: 'GET' | 'HEAD';
  /** The URL asked for, before redirects. */
  target: string;
  firstProtocol: string;
  conditional: boolean;
  cacheKey: string;
  cached?: HttpCacheEntry;
  options: HttpGetOptions;
}

/** What one attempt leads to: an answer, a redirect to follow, or a retry after a wait. */
type HopOutcome =
  | { kind: 'done'; result: HttpResult }
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'retry'; waitMs: number };

/** At most this many redirects are followed for one request. */
const MAX_REDIRECTS = 5;

/** 429, or a 403 that says it is a rate limit (GitHub's secondary and primary limits). */
function isRateLimited(
  status: number,
  headers: Headers,
  retryAfter: number | undefined,
): boolean {
  return (
    status === 429 ||
    (status === 403 &&
      (retryAfter !== undefined ||
        headers.get('x-ratelimit-remaining') === '0'))
  );
}

function attemptsSuffix(attempt: number): string {
  return attempt ? ` (after ${attempt + 1} attempts)` : '';
}

/**
 * The one HTTP client of the drift engine: bounded concurrency per host (and overall), retries
 * with exponential backoff on 5xx and network errors, `Retry-After` on 429/503, GitHub's
 * `X-RateLimit-Remaining`/`Reset`, a timeout per request, conditional requests from an
 * {@link HttpCache}, bodies capped in size while they stream, redirects followed by hand so
 * that the allowed hosts are checked on every hop and credentials never leave their host and
 * scheme, and every connection's addresses checked in its own DNS lookup (see
 * `guardedLookup`): a host that is not listed explicitly must resolve to public addresses.
 *
 * @public
 */
export class UpstreamHttpClient {
  readonly stats: HttpStats = {
    requests: 0,
    notModified: 0,
    retried: 0,
    connections: 0,
  };
  private readonly limiters = new Map<string, ReturnType<typeof pLimit>>();
  private readonly overall: ReturnType<typeof pLimit>;
  private readonly blockedUntil = new Map<string, number>();
  private readonly listedHosts: string[];
  private readonly maxResponseBytes: number;
  private readonly checkedLookup: ReturnType<typeof guardedLookup>;
  private readonly plainLookup: ReturnType<typeof guardedLookup>;
  // Own agents: kept-alive sockets are only ever shared by requests this client checked.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: 5000 }),
    'https:': new https.Agent({ keepAlive: true, timeout: 5000 }),
  };

  constructor(private readonly options: UpstreamHttpClientOptions) {
    this.listedHosts = [
      ...(options.explicitHosts ?? []),
      ...(options.allowedHosts ?? []),
    ];
    this.maxResponseBytes =
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.overall = pLimit(Math.max(1, options.maxConcurrentRequests ?? 32));
    const resolve = options.resolveHost ?? systemResolveHost;
    this.checkedLookup = guardedLookup(resolve, true);
    this.plainLookup = guardedLookup(resolve, false);
  }

  private limiter(host: string) {
    let limit = this.limiters.get(host);
    if (!limit) {
      limit = pLimit(Math.max(1, this.options.concurrencyPerHost));
      this.limiters.set(host, limit);
    }
    return limit;
  }

  /**
   * Checks a URL before anything is sent to it; returns whether its host is listed explicitly
   * (and may therefore resolve to an internal address).
   */
  private checkHost(url: URL, method: string): boolean {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UpstreamRequestError(
        url.toString(),
        `only http and https URLs can be fetched`,
        undefined,
        method,
      );
    }
    if (!isHostAllowed(url, this.options.allowedHosts)) {
      throw new UpstreamRequestError(
        url.toString(),
        `host ${url.host} is not in containers.drift.allowedHosts`,
        undefined,
        method,
      );
    }
    const listed = isHostListed(url, this.listedHosts);
    // An IP literal is connected to without a lookup, so it is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!listed && isIP(literal)) {
      const refusal = refusalFor(literal, literal);
      if (refusal) {
        throw new UpstreamRequestError(
          url.toString(),
          refusal.message,
          undefined,
          method,
        );
      }
    }
    return listed;
  }

  private backoff(attempt: number) {
    const base = this.options.backoffMs ?? 500;
    return base * 2 ** attempt + Math.random() * base;
  }

  private async waitForRateLimit(url: URL, method: string) {
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
        method,
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

  private tooLarge(url: URL) {
    return new ResponseTooLargeError(
      `response from ${url.host} exceeded ${formatBytes(
        this.maxResponseBytes,
      )} (containers.drift.maxResponseBytes)`,
    );
  }

  private async decode(
    url: URL,
    raw: Buffer,
    encoding: string | undefined,
  ): Promise<string> {
    const decompress = encoding
      ? decompressors[encoding.trim().toLowerCase()]
      : undefined;
    let body = raw;
    if (decompress && raw.length > 0) {
      try {
        body = await decompress(raw, {
          maxOutputLength: this.maxResponseBytes,
        });
      } catch (error) {
        if (isError(error) && error.code === 'ERR_BUFFER_TOO_LARGE') {
          throw this.tooLarge(url);
        }
        throw Object.assign(
          new Error(
            `cannot decode ${encoding} body: ${toError(error).message}`,
          ),
          { code: 'EBADENCODING' },
        );
      }
    }
    return new TextDecoder().decode(body);
  }

  /** One request, its body read up to `maxResponseBytes`, within `timeoutMs` in all. */
  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    listed: boolean,
  ): Promise<RawResponse> {
    return new Promise<RawResponse>((resolve, reject) => {
      // Aborting (on an error or the timeout) destroys the request, its socket and its body.
      const stop = new AbortController();
      const deadline = AbortSignal.timeout(this.options.timeoutMs);
      let settled = false;
      const finish = (error?: Error, response?: RawResponse) => {
        if (settled) return;
        settled = true;
        if (error) {
          stop.abort();
          reject(
            deadline.aborted
              ? Object.assign(new Error('timed out'), { name: 'TimeoutError' })
              : error,
          );
        } else resolve(response!);
      };
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(
        url,
        {
          method,
          headers,
          agent: this.agents[url.protocol as 'http:' | 'https:'],
          lookup: listed ? this.plainLookup : this.checkedLookup,
          signal: AbortSignal.any([stop.signal, deadline]),
        },
        response => this.receive(url, method, response, finish),
      );
      this.countNewConnection(request);
      request.on('error', error => finish(error));
      request.end();
    });
  }

  /** Reads a response's body, refusing it once it grows past `maxResponseBytes`. */
  private receive(
    url: URL,
    method: string,
    response: http.IncomingMessage,
    finish: (error?: Error, response?: RawResponse) => void,
  ) {
    // A HEAD answer declares the length of the body it does not send.
    const declared = Number(response.headers['content-length']);
    if (method !== 'HEAD' && declared > this.maxResponseBytes) {
      finish(this.tooLarge(url));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxResponseBytes) finish(this.tooLarge(url));
      else chunks.push(chunk);
    });
    response.on('error', error => finish(error));
    response.on('close', () => {
      if (!response.complete) {
        finish(
          Object.assign(new Error('connection closed mid-response'), {
            code: 'ECONNRESET',
          }),
        );
      }
    });
    response.on('end', () => {
      this.decode(
        url,
        Buffer.concat(chunks),
        response.headers['content-encoding'],
      ).then(
        body =>
          finish(undefined, {
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: headersOf(response),
            body,
          }),
        error => finish(error),
      );
    });
  }

  /** Counts the connections opened, as opposed to kept-alive ones reused. */
  private countNewConnection(request: http.ClientRequest) {
    request.on('socket', socket => {
      if (socket.connecting) {
        socket.once('connect', () => {
          this.stats.connections += 1;
        });
        // Refusing a complete body by its declared length aborts the request after its socket
        // went back to the pool, detached from it: that socket's abort error would then be
        // thrown out of the process. The request reports its own errors.
        socket.on('error', () => {});
      }
    });
  }

  /**
   * GETs (or, with `method: 'HEAD'`, HEADs) a URL and returns its body as text; throws
   * {@link UpstreamRequestError}.
   */
  async get(href: string, options: HttpGetOptions = {}): Promise<HttpResult> {
    const request = await this.prepareGet(href, options);
    let url = new URL(request.target);
    let attempt = 0;
    let redirects = 0;
    for (;;) {
      const outcome = await this.attempt(request, url, attempt);
      if (outcome.kind === 'done') return outcome.result;
      if (outcome.kind === 'redirect') {
        if (++redirects > MAX_REDIRECTS) {
          throw new UpstreamRequestError(
            request.target,
            'too many redirects',
            undefined,
            request.method,
          );
        }
        url = redirectUrl(
          url,
          outcome.location,
          outcome.status,
          request.method,
        );
      } else {
        attempt += 1;
        this.stats.retried += 1;
        await sleep(outcome.waitMs);
      }
    }
  }

  /** Decides whether the request is conditional and looks up what the cache holds for it. */
  private async prepareGet(
    href: string,
    options: HttpGetOptions,
  ): Promise<PreparedGet> {
    const method = options.method ?? 'GET';
    const target = new URL(href).toString();
    const conditional =
      !!this.options.cache &&
      (method === 'GET'
        ? options.conditional !== false
        : options.conditional === true);
    // A HEAD's validators and kept headers live beside the GET's body, never in its place.
    const cacheKey = method === 'GET' ? target : `${method} ${target}`;
    let cached = conditional
      ? await this.options.cache!.get(cacheKey)
      : undefined;
    // A body stored before the cap (or by another writer) is not served again when too large.
    if (cached && Buffer.byteLength(cached.body) > this.maxResponseBytes) {
      cached = undefined;
    }
    return {
      method,
      target,
      firstProtocol: new URL(target).protocol,
      conditional,
      cacheKey,
      cached,
      options,
    };
  }

  /** One attempt at one hop: checks the host, sends, and reads what the answer leads to. */
  private async attempt(
    request: PreparedGet,
    url: URL,
    attempt: number,
  ): Promise<HopOutcome> {
    const { method } = request;
    const listed = this.checkHost(url, method);
    await this.waitForRateLimit(url, method);
    const headers = this.requestHeaders(request, url);
    let response: RawResponse;
    try {
      response = await this.limiter(url.host)(() =>
        this.overall(() => {
          this.stats.requests += 1;
          return this.send(url, method, headers, listed);
        }),
      );
    } catch (error) {
      return this.afterSendError(url, method, error, attempt);
    }
    this.noteRateLimit(url, response.headers);
    return this.afterResponse(request, url, response, attempt);
  }

  /** The headers of one hop: its credential, if any, and the cache's validators on the first. */
  private requestHeaders(
    request: PreparedGet,
    url: URL,
  ): Record<string, string> {
    const { options, cached } = request;
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': this.options.userAgent ?? 'dockyard-drift',
    };
    const hopHost = url.host.toLowerCase();
    const hopProtocol = url.protocol;
    const credential = options.credentials?.find(
      c =>
        c.host.toLowerCase() === hopHost &&
        // Never downgrade: a credential for https goes over https only.
        (hopProtocol === 'https:' ||
          (c.protocol ?? request.firstProtocol) === 'http:'),
    );
    if (credential) headers.authorization = credential.authorization;
    if (cached && url.toString() === request.target) {
      if (cached.etag) headers['if-none-match'] = cached.etag;
      if (cached.lastModified)
        headers['if-modified-since'] = cached.lastModified;
    }
    return headers;
  }

  /** A request that got no answer: retried after a backoff, unless it cannot help. */
  private afterSendError(
    url: URL,
    method: string,
    error: unknown,
    attempt: number,
  ): HopOutcome {
    if (
      error instanceof AddressRefusedError ||
      error instanceof ResponseTooLargeError
    ) {
      throw new UpstreamRequestError(
        url.toString(),
        error.message,
        undefined,
        method,
      );
    }
    // A server that did not answer in time is not asked again in this run: retrying
    // would multiply the wait, and the next scheduled check tries again anyway.
    const timedOut = isError(error) && error.name === 'TimeoutError';
    if (!timedOut && attempt < this.options.retries) {
      return { kind: 'retry', waitMs: this.backoff(attempt) };
    }
    throw new UpstreamRequestError(
      url.toString(),
      `${describeFetchError(error, this.options.timeoutMs)}${attemptsSuffix(
        attempt,
      )}`,
      undefined,
      method,
    );
  }

  /** What an answer leads to, by its status. */
  private async afterResponse(
    request: PreparedGet,
    url: URL,
    response: RawResponse,
    attempt: number,
  ): Promise<HopOutcome> {
    const { method, options } = request;
    const { status, headers } = response;
    if (status === 304 && request.cached) {
      this.stats.notModified += 1;
      return done(notModifiedResult(request, url, response, request.cached));
    }
    const location = headers.get('location');
    if (status >= 300 && status < 400 && location) {
      return { kind: 'redirect', location, status };
    }
    if (status >= 200 && status < 300) {
      return done(await this.keepInCache(request, url, response));
    }
    const retryAfter = retryAfterMs(headers.get('retry-after'));
    if (isRateLimited(status, headers, retryAfter)) {
      return this.afterRateLimit(url, method, response, retryAfter, attempt);
    }
    if (status >= 500) {
      if (attempt < this.options.retries) {
        return { kind: 'retry', waitMs: retryAfter ?? this.backoff(attempt) };
      }
      throw new UpstreamRequestError(
        url.toString(),
        `HTTP ${status} ${response.statusText}`.trim() +
          attemptsSuffix(attempt),
        status,
        method,
      );
    }
    if (options.acceptStatus?.includes(status)) {
      return done({
        url: url.toString(),
        status,
        body: response.body,
        link: headers.get('link') ?? undefined,
        headers,
        notModified: false,
      });
    }
    throw new UpstreamRequestError(
      url.toString(),
      `HTTP ${status} ${response.statusText}`.trim(),
      status,
      method,
    );
  }

  /** A 2xx answer, kept in the cache when the request is conditional and it has validators. */
  private async keepInCache(
    request: PreparedGet,
    url: URL,
    response: RawResponse,
  ): Promise<HttpResult> {
    const { status, body, headers } = response;
    const entry = {
      etag: headers.get('etag') ?? undefined,
      lastModified: headers.get('last-modified') ?? undefined,
      body:
        request.method === 'GET'
          ? body
          : keptHeaders(headers, request.options.keepHeaders),
      link: headers.get('link') ?? undefined,
    };
    if (request.conditional && (entry.etag || entry.lastModified)) {
      await this.options.cache!.set(request.cacheKey, entry);
    }
    return {
      url: url.toString(),
      status,
      body,
      link: entry.link,
      headers,
      notModified: false,
    };
  }

  /** A rate-limited answer: waited out when the wait is short enough and attempts remain. */
  private afterRateLimit(
    url: URL,
    method: string,
    response: RawResponse,
    retryAfter: number | undefined,
    attempt: number,
  ): HopOutcome {
    const { status, headers } = response;
    const reset = Number(headers.get('x-ratelimit-reset'));
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
        method,
      );
    }
    if (attempt < this.options.retries) {
      return { kind: 'retry', waitMs: wait };
    }
    throw new UpstreamRequestError(
      url.toString(),
      `rate limited (HTTP ${status}) after ${attempt + 1} attempts`,
      status,
      method,
    );
  }
}

function done(result: HttpResult): HopOutcome {
  return { kind: 'done', result };
}

/** A 304: the cached body (a GET) or the cached headers (a conditional HEAD) served again. */
function notModifiedResult(
  request: PreparedGet,
  url: URL,
  response: RawResponse,
  cached: HttpCacheEntry,
): HttpResult {
  const isGet = request.method === 'GET';
  return {
    url: url.toString(),
    status: 200,
    body: isGet ? cached.body : '',
    link: cached.link,
    headers: isGet
      ? response.headers
      : withKeptHeaders(response.headers, cached.body),
    notModified: true,
  };
}

/** The URL a redirect's `Location` names, relative to the URL that answered. */
function redirectUrl(
  url: URL,
  location: string,
  status: number,
  method: string,
): URL {
  try {
    return new URL(location, url);
  } catch {
    throw new UpstreamRequestError(
      url.toString(),
      `HTTP ${status} redirect to an invalid URL ${JSON.stringify(
        location.slice(0, 200),
      )}`,
      status,
      method,
    );
  }
}
