import { requireSourceField, type UpstreamSpec } from './sourceFields';

/**
 * A GitHub repository as github-release and github-tag read it.
 *
 * @public
 */
export interface GithubRepo {
  /** Lower case: `github.com`, or a GitHub Enterprise host. */
  host: string;
  owner: string;
  name: string;
}

/**
 * Reads `source.repo` (`owner/name`, or a repository URL) and `source.host`.
 *
 * @public
 */
export function parseGithubRepo(version: UpstreamSpec): GithubRepo {
  const repo = requireSourceField(version, 'repo');
  const asUrl = /^https?:\/\//.test(repo) ? new URL(repo) : undefined;
  const path = (asUrl ? asUrl.pathname : repo)
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '');
  const parts = path.split('/');
  // `.` and `..` would be read as path steps in the API URL (`../..` reaches other endpoints).
  if (
    parts.length !== 2 ||
    parts.some(p => !/^[A-Za-z0-9_.-]+$/.test(p) || /^\.+$/.test(p))
  ) {
    throw new Error(
      `version.source.repo ${JSON.stringify(
        repo,
      )} is not owner/name (for example trinodb/trino)`,
    );
  }
  return {
    host: (version.source?.host ?? asUrl?.host ?? 'github.com').toLowerCase(),
    owner: parts[0],
    name: parts[1],
  };
}

/**
 * The repository's web page: `https://github.com/trinodb/trino`.
 *
 * @public
 */
export function githubWebUrl(repo: GithubRepo): string {
  return `https://${repo.host}/${repo.owner}/${repo.name}`;
}
