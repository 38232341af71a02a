import {
  compileUserPattern,
  UserPattern,
} from '@dockyard/plugin-containers-common';
import { requireSourceField, UpstreamSource } from './types';

/** `source.regex`, compiled for linear-time matching (throws naming the field when refused). */
function readRegex(pattern: string): UserPattern {
  const regex = compileUserPattern(pattern, 'version.source.regex');
  if (regex.groupCount < 1) {
    throw new Error(
      `version.source.regex ${JSON.stringify(
        pattern,
      )} has no group 1: wrap the version in (…)`,
    );
  }
  return regex;
}

/**
 * `http-directory`, the platform's original strategy: fetch `source.url` (a directory listing)
 * and collect group 1 of every match of `source.regex`. The page is fetched from the network, so
 * the pattern runs on it in linear time and only up to a size it can afford (see userPattern.ts).
 */
export const httpDirectorySource: UpstreamSource = {
  describe(version) {
    const url = requireSourceField(version, 'url');
    const regex = requireSourceField(version, 'regex');
    readRegex(regex);
    // The versions come from the page and the pattern together: one fetch per pair.
    const key = `http-directory:${JSON.stringify([url, regex])}`;
    return { key, label: url, sourceUrl: url };
  },
  async list(version, context) {
    const url = requireSourceField(version, 'url');
    const regex = readRegex(requireSourceField(version, 'regex'));
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
