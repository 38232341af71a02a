/**
 * What is kept of a response so that the next request can be conditional.
 *
 * @public
 */
export interface HttpCacheEntry {
  etag?: string;
  lastModified?: string;
  /** The body of the last 200 response, served again on 304 Not Modified. */
  body: string;
  /** The `Link` header of that response (pagination), served again on 304. */
  link?: string;
}

/**
 * Where HTTP validators and bodies are kept between checks: in memory for the CLI, in the
 * plugin's database for the backend.
 *
 * @public
 */
export interface HttpCache {
  get(url: string): Promise<HttpCacheEntry | undefined>;
  set(url: string, entry: HttpCacheEntry): Promise<void>;
}

/**
 * An HTTP cache that lives as long as the process.
 *
 * @public
 */
export class InMemoryHttpCache implements HttpCache {
  private readonly entries = new Map<string, HttpCacheEntry>();

  async get(url: string) {
    return this.entries.get(url);
  }

  async set(url: string, entry: HttpCacheEntry) {
    this.entries.set(url, entry);
  }

  get size() {
    return this.entries.size;
  }
}
