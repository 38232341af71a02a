import type { ContainersTargetSource } from './config';

/**
 * The events topic on which `@backstage/plugin-events-backend-module-github` publishes GitHub's
 * push webhooks (its router turns topic `github` plus header `x-github-event: push` into this).
 */
export const GITHUB_PUSH_TOPIC = 'github.push';

/**
 * How long a push waits before the target is read: pushes within this window share one read
 * (a merge queue or a bot bumping several containers pushes several times in a second), and
 * GitHub's archive of the new commit is there by then.
 */
export const PUSH_BATCH_WINDOW_MS = 2000;

/** What a push webhook says, as far as a target cares (the rest of the payload is ignored). */
export interface PushSummary {
  /** `owner/name` as GitHub spells it. */
  repository: string;
  /** The branch pushed to (`main` from `refs/heads/main`). */
  branch: string;
  /** The commit the branch now points at, when given. */
  after?: string;
}

/**
 * Whether a GitHub push webhook payload (topic {@link GITHUB_PUSH_TOPIC}) changes what a target
 * reads, so that the target should be read now: a URL target in the pushed repository (same host,
 * same `owner/name`, compared without case as GitHub does) on the pushed branch. The branch is the
 * one the target's URL names (`…/tree/<branch>/containers`), else the repository's default branch
 * (`repository.default_branch` of the payload), which is what the GitHub reader reads then.
 * Tags, deleted branches, other branches and repositories, local folders and payloads that are not
 * push webhooks are false. A branch name with a slash (`release/1.x`) is ambiguous in a URL;
 * a push to any branch the URL could name counts, since one extra read costs little.
 */
export function pushChangesTarget(
  payload: unknown,
  source: ContainersTargetSource,
): boolean {
  if (source.type !== 'url') return false;
  const push = readPush(payload);
  const folder = parseRepositoryUrl(source.url);
  if (!push || !folder) return false;
  if (push.host !== folder.host || push.fullName !== folder.fullName) {
    return false;
  }
  if (folder.refAndPath === undefined) {
    return push.branch === push.defaultBranch;
  }
  return (
    folder.refAndPath === push.branch ||
    folder.refAndPath.startsWith(`${push.branch}/`)
  );
}

/** The repository, branch and commit of a push payload, for the log; undefined when it is none. */
export function summarizePush(payload: unknown): PushSummary | undefined {
  const push = readPush(payload);
  return push
    ? { repository: push.displayName, branch: push.branch, after: push.after }
    : undefined;
}

interface PushFacts {
  host: string;
  fullName: string;
  displayName: string;
  branch: string;
  defaultBranch?: string;
  after?: string;
}

/** The fields of a push payload that matter, or undefined when the payload is not a branch push. */
function readPush(payload: unknown): PushFacts | undefined {
  if (!isObject(payload) || !isObject(payload.repository)) return undefined;
  const { ref, deleted, after } = payload;
  const {
    full_name: fullName,
    html_url: htmlUrl,
    default_branch: defaultBranch,
  } = payload.repository;
  const branchPrefix = 'refs/heads/';
  if (
    typeof ref !== 'string' ||
    !ref.startsWith(branchPrefix) ||
    deleted === true ||
    typeof fullName !== 'string' ||
    typeof htmlUrl !== 'string'
  ) {
    return undefined;
  }
  const host = hostOf(htmlUrl);
  if (!host) return undefined;
  return {
    host,
    fullName: fullName.toLowerCase(),
    displayName: fullName,
    branch: ref.slice(branchPrefix.length),
    defaultBranch:
      typeof defaultBranch === 'string' ? defaultBranch : undefined,
    after: typeof after === 'string' ? after : undefined,
  };
}

/**
 * `https://github.com/example/data-platform/tree/main/containers` →
 * host `github.com`, `example/data-platform`, `main/containers` (undefined without a `tree/` or
 * `blob/` part: the default branch).
 */
function parseRepositoryUrl(
  url: string,
): { host: string; fullName: string; refAndPath?: string } | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  const [owner, repo, kind, ...rest] = segments.map(decodeSegment);
  if (!owner || !repo) return undefined;
  const fullName = `${owner}/${repo.replace(/\.git$/, '')}`.toLowerCase();
  const names = kind === 'tree' || kind === 'blob';
  return {
    host,
    fullName,
    refAndPath: names && rest.length ? rest.join('/') : undefined,
  };
}

/** Host and port, lower case; undefined for anything but an http(s) URL. */
function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? parsed.host.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
