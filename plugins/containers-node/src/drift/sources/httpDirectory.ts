import {
  httpDirectoryPattern,
  requireSourceField,
} from '@dockyard/plugin-containers-common';
import { describeFeed, UpstreamSource } from './types';

/**
 * `http-directory`, the platform's original strategy: fetch `source.url` (a directory listing)
 * and collect group 1 of every match of `source.regex`. The page is fetched from the network, so
 * the pattern runs on it in linear time and only up to a size it can afford (see userPattern.ts).
 */
export const httpDirectorySource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const url = requireSourceField(version, 'url');
    const regex = httpDirectoryPattern(version);
    const response = await context.http.get(url, {
      accept: 'text/html, text/plain, */*',
    });
    const found = new Set<string>();
    for (const match of regex.matchAll(response.body)) {
      // Group 1 can take no part in a match (`(x)?…`): such a match names no version.
      if (match.groups[0]) found.add(match.groups[0]);
    }
    return { versions: [...found].map(tag => ({ tag })) };
  },
};
