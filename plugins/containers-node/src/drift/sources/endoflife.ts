import {
  requireSourceField,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import { describeFeed, parseJsonBody, UpstreamSource } from './types';

/** `endoflife`: endoflife.date's `/api/<product>.json`, the latest release of every cycle. */
export const endoflifeSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const product = requireSourceField(version, 'product');
    // An endpoint given with its API path (https://endoflife.example.com/api) works too.
    const base = context.config.endpoints.endoflife;
    const api = base.endsWith('/api') ? base : `${base}/api`;
    const url = `${api}/${encodeURIComponent(product)}.json`;
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
    const cycles = parseJsonBody(
      response.body,
      url,
      'a list of release cycles',
    );
    if (!Array.isArray(cycles)) {
      throw new Error(
        `malformed response from ${url}: expected a JSON array of release cycles`,
      );
    }
    const versions: UpstreamVersion[] = [];
    for (const cycle of cycles) {
      const latest = cycle?.latest ?? cycle?.cycle;
      if (typeof latest !== 'string' && typeof latest !== 'number') continue;
      versions.push({
        tag: String(latest),
        releasedAt: cycle.latestReleaseDate ?? cycle.releaseDate ?? undefined,
        releaseNotesUrl:
          typeof cycle.link === 'string' ? cycle.link : undefined,
      });
    }
    return { versions };
  },
};
