import { compileUserRegex } from '@dockyard/plugin-containers-common';
import { requireSourceField, UpstreamSource } from './types';

function readRegex(pattern: string): RegExp {
  let regex: RegExp;
  try {
    regex = compileUserRegex(pattern);
  } catch (error) {
    throw new Error(
      `version.source.regex ${JSON.stringify(
        pattern,
      )} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  return new RegExp(
    regex.source,
    regex.flags.includes('g') ? regex.flags : `${regex.flags}g`,
  );
}

/**
 * `http-directory`, the platform's original strategy: fetch `source.url` (a directory listing)
 * and collect group 1 of every match of `source.regex`.
 */
export const httpDirectorySource: UpstreamSource = {
  describe(version) {
    const url = requireSourceField(version, 'url');
    readRegex(requireSourceField(version, 'regex'));
    return { key: `http-directory:${url}`, label: url, sourceUrl: url };
  },
  async list(version, context) {
    const url = requireSourceField(version, 'url');
    const regex = readRegex(requireSourceField(version, 'regex'));
    const response = await context.http.get(url, {
      accept: 'text/html, text/plain, */*',
    });
    const found = new Set<string>();
    for (const match of response.body.matchAll(regex)) {
      if (match[1] === undefined) {
        throw new Error(
          `version.source.regex ${JSON.stringify(
            version.source?.regex,
          )} has no group 1: wrap the version in (…)`,
        );
      }
      found.add(match[1]);
    }
    return { versions: [...found].map(tag => ({ tag })) };
  },
};
