import {
  requireSourceField,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import { describeFeed, parseJsonBody, UpstreamSource } from './types';

/**
 * `npm`: the registry's package document. Deprecated versions are skipped; release dates come
 * from its `time` map.
 */
export const npmSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const name = requireSourceField(version, 'package');
    // Scoped packages keep their @ and escape the slash: @scope%2Fname.
    const url = `${context.config.endpoints.npm}/${name.replace('/', '%2F')}`;
    let response;
    try {
      response = await context.http.get(url);
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.status === 404) {
        throw new Error(
          `the npm registry has no package ${JSON.stringify(name)} (${url})`,
        );
      }
      throw error;
    }
    const document = parseJsonBody(
      response.body,
      url,
      'an npm package document',
    ) as {
      versions?: Record<string, { deprecated?: string }>;
      time?: Record<string, string>;
    };
    if (typeof document?.versions !== 'object' || document.versions === null) {
      throw new Error(`malformed response from ${url}: no "versions" object`);
    }
    const versions: UpstreamVersion[] = Object.entries(document.versions)
      .filter(([, manifest]) => !manifest?.deprecated)
      .map(([tag]) => ({
        tag,
        releasedAt: document.time?.[tag],
        releaseNotesUrl: `https://www.npmjs.com/package/${name}/v/${tag}`,
      }));
    return { versions };
  },
};
