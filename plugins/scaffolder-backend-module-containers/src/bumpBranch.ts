/**
 * Where bumps are published: `dockyard/bump-<slug>-<version>`, locally and on GitHub.
 *
 * @public
 */
export const BUMP_BRANCH_PREFIX = 'dockyard/bump-';

/**
 * The one branch a bump of `slug` to `version` is published on, so that running it again for the
 * same target updates that branch (and its pull request) instead of opening another. A version
 * may hold what a git branch name may not (`~`, `..`, a final `.` or `.lock`): those become `-`
 * or are dropped; the slug is a checked folder name already.
 *
 * @public
 */
export function bumpBranchName(slug: string, version: string): string {
  const safe = version
    .replace(/[^A-Za-z0-9._+-]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/(?:\.lock|\.)+$/i, '');
  return `${BUMP_BRANCH_PREFIX}${slug}-${safe}`;
}
