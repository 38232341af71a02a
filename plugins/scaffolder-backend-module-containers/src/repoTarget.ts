/**
 * A repository on a git host, as `publish:github:pull-request` names it.
 *
 * @public
 */
export interface RepoTarget {
  /** Lower case, with a port when it has one. */
  host: string;
  owner: string;
  repo: string;
}

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,252})(?::[0-9]{1,5})?$/;
const OWNER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const REPO = /^[A-Za-z0-9_.-]{1,100}$/;

function target(
  host: string,
  owner: string | null,
  repo: string | null,
): RepoTarget | undefined {
  const lowerHost = host.toLowerCase();
  if (!HOST.test(lowerHost) || !owner || !repo) return undefined;
  if (!OWNER.test(owner) || !REPO.test(repo) || /^\.+$/.test(repo)) {
    return undefined;
  }
  return { host: lowerHost, owner, repo: repo.replace(/\.git$/, '') };
}

/**
 * Reads a repository written as the scaffolder's `RepoUrlPicker` writes it
 * (`github.com?owner=example&repo=data-platform`) or as its web address
 * (`https://github.com/example/data-platform`, with anything after the repository such as
 * `/tree/main` ignored). Undefined when it is neither.
 *
 * @public
 */
export function parseRepoTarget(value: string): RepoTarget | undefined {
  const text = value.trim();
  if (text.length > 500) return undefined;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (url.username || url.password || url.search || url.hash) {
      return undefined;
    }
    const [owner, repo] = url.pathname.split('/').filter(Boolean);
    return target(url.host, owner ?? null, repo ?? null);
  }
  const query = text.indexOf('?');
  if (query <= 0) return undefined;
  const params = new URLSearchParams(text.slice(query + 1));
  // The scaffolder reads the first of repeated keys; a second one is a trick, not a repository.
  if (
    params.getAll('owner').length !== 1 ||
    params.getAll('repo').length !== 1
  ) {
    return undefined;
  }
  return target(text.slice(0, query), params.get('owner'), params.get('repo'));
}

/**
 * The `repoUrl` input of `publish:github:pull-request` for a repository.
 *
 * @public
 */
export function repoUrlOf(repo: RepoTarget): string {
  const params = new URLSearchParams({ owner: repo.owner, repo: repo.repo });
  return `${repo.host}?${params}`;
}

/** Whether two repositories are the same (GitHub names are case-insensitive). */
export function sameRepoTarget(a: RepoTarget, b: RepoTarget): boolean {
  return (
    a.host === b.host &&
    a.owner.toLowerCase() === b.owner.toLowerCase() &&
    a.repo.toLowerCase() === b.repo.toLowerCase()
  );
}
