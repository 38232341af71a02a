import {
  ContainerVersionSpec,
  describeUpstream,
  UpstreamRef,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { DriftConfig } from '../config';
import { linkHeaderUrl } from '../http/headers';
import { UpstreamHttpClient } from '../http/UpstreamHttpClient';

/**
 * What a feed lists.
 *
 * @public
 */
export interface UpstreamListing {
  versions: UpstreamVersion[];
  /** Set when the feed had more pages than `maxPages`. */
  truncated?: boolean;
}

/**
 * What sources get from the engine.
 *
 * @public
 */
export interface SourceContext {
  config: DriftConfig;
  http: UpstreamHttpClient;
}

/**
 * A kind of upstream feed (one per `version.strategy`).
 *
 * @public
 */
export interface UpstreamSource {
  /** Names the feed of a container; throws a readable error when `version.source` is incomplete. */
  describe(version: ContainerVersionSpec, context: SourceContext): UpstreamRef;
  /** Lists the feed's versions; throws a readable error when the feed fails or makes no sense. */
  list(
    version: ContainerVersionSpec,
    context: SourceContext,
  ): Promise<UpstreamListing>;
}

/** Parses a JSON body, or says which feed sent something else. */
export function parseJsonBody(
  body: string,
  url: string,
  what: string,
): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const start = body.trim().slice(0, 60).replace(/\s+/g, ' ');
    throw new Error(
      `malformed response from ${url}: expected ${what} as JSON, got ${
        start ? JSON.stringify(start) : 'an empty body'
      }`,
    );
  }
}

/**
 * How the built-in sources name their feed: containers-common's {@link describeUpstream} with the
 * configured endpoints, so the drift engine says what the catalog said before the first check.
 */
export function describeFeed(
  version: ContainerVersionSpec,
  context: SourceContext,
): UpstreamRef {
  const ref = describeUpstream(version, context.config.endpoints);
  if (!ref) {
    throw new Error(`strategy ${version.strategy} has no upstream feed`);
  }
  return ref;
}

/** Follows `Link: rel="next"` pages, up to `maxPages`. */
export async function readPages<T>(
  firstUrl: string,
  context: SourceContext,
  readPage: (body: string, url: string) => T[],
  options: Parameters<UpstreamHttpClient['get']>[1] = {},
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let url: string | undefined = firstUrl;
  const seen = new Set<string>();
  for (let page = 0; url; page++) {
    if (page >= context.config.maxPages) return { items, truncated: true };
    if (seen.has(url)) break;
    seen.add(url);
    const response = await context.http.get(url, options);
    items.push(...readPage(response.body, response.url));
    url = linkHeaderUrl(response.link, 'next', response.url);
  }
  return { items, truncated: false };
}
