import {
  pypiPackageName,
  UpstreamVersion,
} from '@dockyard/plugin-containers-common';
import { UpstreamRequestError } from '../http/UpstreamHttpClient';
import { describeFeed, parseJsonBody, UpstreamSource } from './types';

const NOTES_LABEL =
  /release.?notes|changelog|change.?log|changes|history|news|what'?s.?new/i;

/**
 * `pypi`: the JSON API (`/pypi/<package>/json`). Releases whose files are all yanked are skipped;
 * the release date is the first upload; release notes come from the project's URLs when it
 * names them (Changelog, Release notes…), else the release's PyPI page.
 */
export const pypiSource: UpstreamSource = {
  describe: describeFeed,
  async list(version, context) {
    const name = pypiPackageName(version);
    const base = context.config.endpoints.pypi;
    // An endpoint given with its API path (https://pypi.example.com/pypi) works too.
    const api = base.endsWith('/pypi') ? base : `${base}/pypi`;
    const url = `${api}/${encodeURIComponent(name)}/json`;
    let response;
    try {
      response = await context.http.get(url);
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.status === 404) {
        throw new Error(`PyPI has no package ${JSON.stringify(name)} (${url})`);
      }
      throw error;
    }
    const document = parseJsonBody(response.body, url, 'a PyPI project') as {
      info?: { project_urls?: Record<string, string> | null };
      releases?: Record<
        string,
        Array<{ yanked?: boolean; upload_time_iso_8601?: string }>
      >;
    };
    if (typeof document?.releases !== 'object' || document.releases === null) {
      throw new Error(`malformed response from ${url}: no "releases" object`);
    }
    const notes = Object.entries(document.info?.project_urls ?? {}).find(
      ([label]) => NOTES_LABEL.test(label),
    )?.[1];
    const versions: UpstreamVersion[] = [];
    for (const [tag, files] of Object.entries(document.releases)) {
      const list = Array.isArray(files) ? files : [];
      if (list.length > 0 && list.every(file => file?.yanked === true))
        continue;
      const uploads = list
        .map(file => file?.upload_time_iso_8601)
        .filter((time): time is string => typeof time === 'string')
        .sort();
      versions.push({
        tag,
        releasedAt: uploads[0],
        releaseNotesUrl: notes ?? `${base}/project/${name}/${tag}/`,
      });
    }
    return { versions };
  },
};
