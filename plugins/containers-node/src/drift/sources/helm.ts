import { toError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import {
  helmIndexUrl,
  requireSourceField,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { describeFeed, UpstreamSource } from './types';

/** `helm`: the chart repository's `index.yaml`, entries of `source.chart`. */
export const helmSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const url = helmIndexUrl(version, context.config.endpoints.helm);
    const chart = requireSourceField(version, 'chart');
    const response = await context.http.get(url, {
      accept: 'application/x-yaml, text/yaml, */*',
    });
    let index: { entries?: Record<string, unknown> };
    try {
      index = parseYaml(response.body);
    } catch (error) {
      throw new Error(
        `malformed response from ${url}: not YAML (${toError(error).message})`,
      );
    }
    if (typeof index?.entries !== 'object' || index.entries === null) {
      throw new Error(
        `malformed response from ${url}: not a chart repository index (no "entries")`,
      );
    }
    // Own keys only: a chart named `constructor` or `__proto__` must not reach Object.prototype.
    const entries = Object.hasOwn(index.entries, chart)
      ? index.entries[chart]
      : undefined;
    if (!Array.isArray(entries)) {
      throw new Error(`chart ${JSON.stringify(chart)} is not in ${url}`);
    }
    const versions: UpstreamVersion[] = entries
      .filter(entry => typeof entry?.version === 'string')
      .map(entry => ({
        tag: entry.version,
        releasedAt:
          entry.created instanceof Date
            ? entry.created.toISOString()
            : entry.created ?? undefined,
      }));
    return { versions };
  },
};
