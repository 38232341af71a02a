import {
  requireSourceField,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import {
  describeFeed,
  parseJsonBody,
  SourceContext,
  UpstreamSource,
} from './types';

/**
 * One release cycle as endoflife.date's `/api/<product>.json` lists it (newest first). Only
 * what Dockyard reads; values are as upstream wrote them, unchecked.
 */
export interface EndoflifeCycle {
  /** The cycle's name: `17`, `3.12`. */
  cycle: string;
  /** End of life: a `YYYY-MM-DD` date, `true` (ended, no date) or `false` (none planned). */
  eol?: unknown;
  /** End of active support, in the same forms as `eol`. */
  support?: unknown;
  /** The cycle's latest release. */
  latest?: unknown;
  releaseDate?: unknown;
  latestReleaseDate?: unknown;
  link?: unknown;
}

/** A cycle longer than this is no cycle name (a hostile or broken answer): it is skipped. */
const MAX_CYCLE_LENGTH = 64;

/**
 * The URL of a product's cycles: the configured endpoint (`containers.drift.endpoints.endoflife`,
 * with or without its `/api` path) and the product, encoded.
 */
export function endoflifeProductUrl(
  product: string,
  context: SourceContext,
): string {
  const base = context.config.endpoints.endoflife;
  const api = base.endsWith('/api') ? base : `${base}/api`;
  return `${api}/${encodeURIComponent(product)}.json`;
}

/**
 * Reads a product's release cycles from endoflife.date, through the engine's HTTP client (cache,
 * ETag, allowed hosts, size cap). Throws a readable error for an unknown product (404) and for an
 * answer that is no list of cycles; entries without a cycle name are skipped.
 */
export async function readEndoflifeCycles(
  product: string,
  context: SourceContext,
): Promise<EndoflifeCycle[]> {
  const url = endoflifeProductUrl(product, context);
  let response;
  try {
    response = await context.http.get(url);
  } catch (error) {
    if (error instanceof UpstreamRequestError && error.status === 404) {
      throw new Error(
        `endoflife.date has no product ${JSON.stringify(product)} (${url})`,
      );
    }
    throw error;
  }
  const cycles = parseJsonBody(response.body, url, 'a list of release cycles');
  if (!Array.isArray(cycles)) {
    throw new Error(
      `malformed response from ${url}: expected a JSON array of release cycles`,
    );
  }
  const read: EndoflifeCycle[] = [];
  for (const entry of cycles) {
    if (typeof entry !== 'object' || entry === null) continue;
    const name = entry.cycle;
    if (typeof name !== 'string' && typeof name !== 'number') continue;
    const cycle = String(name);
    if (cycle === '' || cycle.length > MAX_CYCLE_LENGTH) continue;
    read.push({ ...entry, cycle });
  }
  return read;
}

/** `endoflife`: endoflife.date's `/api/<product>.json`, the latest release of every cycle. */
export const endoflifeSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const product = requireSourceField(version, 'product');
    const versions: UpstreamVersion[] = [];
    for (const cycle of await readEndoflifeCycles(product, context)) {
      const latest = cycle.latest ?? cycle.cycle;
      if (typeof latest !== 'string' && typeof latest !== 'number') continue;
      const releasedAt = cycle.latestReleaseDate ?? cycle.releaseDate;
      versions.push({
        tag: String(latest),
        releasedAt: typeof releasedAt === 'string' ? releasedAt : undefined,
        releaseNotesUrl:
          typeof cycle.link === 'string' ? cycle.link : undefined,
      });
    }
    return { versions };
  },
};
