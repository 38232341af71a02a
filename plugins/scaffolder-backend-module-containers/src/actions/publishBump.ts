import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
} from '@dockyard/plugin-containers-common';
import fs from 'node:fs/promises';
import { BUMP_BRANCH_PREFIX, bumpBranchName } from '../bumpBranch';
import { GitCheckout, GitIdentity } from '../git';
import { commitToBranch, README, requireCheckoutDir } from './localCheckout';
import { readWorkspaceContainer } from './workspaceContainer';

/** More than a bump ever changes (container.yaml, Dockerfile, README). */
const MAX_BUMP_FILES = 20;

/** A bump made by `containers:bump`, to commit in the local checkout. */
export interface BumpPublishPlan {
  root: string;
  slug: string;
  version: string;
  /** Paths relative to the platform root; the new text is at the same path in the workspace. */
  paths: string[];
  workspacePath: string;
  /** `containers:bump`'s branchName; default `dockyard/bump-<slug>-<version>`. */
  branchName?: string;
  commitMessage: string;
  author?: GitIdentity;
  dryRun: boolean;
}

export type BumpPublishResult = {
  path: string;
  folder: string;
  branch?: string;
  commit?: string;
  readmeUpdated: boolean;
};

/**
 * The paths `containers:bump` reported, checked: each the root README.md or a file under
 * `containers/<slug>/`, written plainly (no `.`, `..`, empty or absolute parts), present in the
 * workspace as a regular file, and container.yaml among them at the version asked for.
 */
export async function checkBumpFiles(
  workspacePath: string,
  slug: string,
  version: string,
  paths: unknown,
): Promise<string[]> {
  if (
    !Array.isArray(paths) ||
    paths.length === 0 ||
    paths.length > MAX_BUMP_FILES
  ) {
    throw new InputError(
      `containers:publish-local: files must list the 1 to ${MAX_BUMP_FILES} files containers:bump changed (its output files)`,
    );
  }
  const folder = `${CONTAINERS_FOLDER_NAME}/${slug}/`;
  for (const path of paths) {
    const parts = typeof path === 'string' ? path.split('/') : [];
    const plain =
      parts.length > 0 &&
      parts.every(p => p !== '' && p !== '.' && p !== '..' && !/\\/.test(p));
    if (
      typeof path !== 'string' ||
      !plain ||
      (path !== README && !path.startsWith(folder))
    ) {
      throw new InputError(
        `containers:publish-local: ${JSON.stringify(
          String(path).slice(0, 200),
        )} is not a file a bump of ${slug} changes (README.md or a file under ${folder})`,
      );
    }
    const info = await fs
      .lstat(resolveSafeChildPath(workspacePath, path))
      .catch(() => undefined);
    if (!info?.isFile()) {
      throw new InputError(
        `containers:publish-local: ${path} is not in the workspace: run containers:bump first`,
      );
    }
  }
  const containerFile = `${folder}${CONTAINER_FILE_NAME}`;
  if (!paths.includes(containerFile)) {
    throw new InputError(
      `containers:publish-local: files must include ${containerFile}, which every bump changes`,
    );
  }
  const container = await readWorkspaceContainer(
    workspacePath,
    `${CONTAINERS_FOLDER_NAME}/${slug}`,
    slug,
  );
  if (container.current !== version) {
    throw new InputError(
      `containers:publish-local: ${containerFile} in the workspace has version ${container.current}, not ${version}`,
    );
  }
  return [...new Set(paths as string[])];
}

/**
 * The branch `containers:bump` named (a companion or base image bump has its own), which must be
 * one of this container's bump branches: no other branch is ever moved.
 */
export function checkBumpBranch(
  slug: string,
  branchName: string | undefined,
): string | undefined {
  if (branchName === undefined) return undefined;
  const prefix = `${BUMP_BRANCH_PREFIX}${slug}-`;
  if (
    !branchName.startsWith(prefix) ||
    branchName.length === prefix.length ||
    branchName.length > 200
  ) {
    throw new InputError(
      `containers:publish-local: ${JSON.stringify(
        branchName.slice(0, 200),
      )} is not a bump branch of ${slug} (${prefix}…); pass containers:bump's branchName`,
    );
  }
  return branchName;
}

/** Refuses what would lose someone's work, before anything is written. */
async function checkCheckout(
  checkout: GitCheckout,
  plan: BumpPublishPlan,
  branch: string,
  logger: LoggerService,
): Promise<{ paths: string[]; existing?: string }> {
  const { root } = plan;
  const operation = await checkout.operationInProgress();
  if (operation) {
    throw new ConflictError(
      `${root} is in the middle of ${operation}: finish or abort it first`,
    );
  }
  if (!(await checkout.head())) {
    throw new ConflictError(`${root} has no commit yet to branch from`);
  }
  const nameIssue = await checkout.branchNameProblem(branch);
  if (nameIssue) {
    throw new ConflictError(`Cannot publish the bump: ${nameIssue}`);
  }
  const paths: string[] = [];
  for (const path of plan.paths) {
    if (await checkout.isIgnored(path)) {
      throw new ConflictError(
        `${path} is ignored by git in ${root} (.gitignore): it could not be committed`,
      );
    }
    // The bump was worked out from the checkout's files: uncommitted edits would be swept in.
    if (await checkout.hasChanges(path)) {
      if (path === README) {
        logger.warn(
          `${README} has uncommitted changes in ${root}; left as it is. Update its row later with \`yarn dockyard readme\`.`,
        );
        continue;
      }
      throw new ConflictError(
        `${path} has uncommitted changes in ${root}: commit or stash them, then run the bump again`,
      );
    }
    paths.push(path);
  }
  // Running a bump again moves its branch onto what is checked out, as the pull request path
  // moves its branch onto the default branch; a branch holding more than the bump is refused.
  const existing = await checkout.branchHead(branch);
  if (existing) {
    const ahead = await checkout.commitsAheadOfHead(branch);
    const touched = await checkout.pathsChangedOnBranch(branch);
    const foreign = touched.filter(p => !plan.paths.includes(p));
    if (ahead > 1 || foreign.length > 0) {
      throw new ConflictError(
        `The branch ${branch} already exists in ${root} and holds more than this bump (${ahead} commits${
          foreign.length ? `, changes to ${foreign.slice(0, 3).join(', ')}` : ''
        }): merge, rename or delete it, then run the bump again`,
      );
    }
    logger.info(
      `The branch ${branch} exists (${existing.slice(
        0,
        12,
      )}): it is moved onto the commit checked out and gets the bump again`,
    );
  }
  return { paths, existing };
}

/** A git checkout's side of a bump: the branch, the paths to commit and where things were. */
interface BumpBranch {
  checkout: GitCheckout;
  branch: string;
  /** The paths to commit: a README with uncommitted changes is left out. */
  paths: string[];
  /** Where the branch pointed before, when it existed already. */
  existing?: string;
  /** What was checked out, to switch back to. */
  previous?: string;
}

/**
 * Commits a bump in the local checkout: on the branch `dockyard/bump-<slug>-<version>`, created
 * (or moved) at the commit checked out, with one commit of exactly the changed files. The same
 * rules as a new container's publishing: everything that can refuse is checked before anything is
 * written, uncommitted work is never swept into the commit, and a failure puts the files and the
 * branches back as they were.
 */
export async function publishBumpToCheckout(
  plan: BumpPublishPlan,
  logger: LoggerService,
): Promise<BumpPublishResult> {
  const { root, slug } = plan;
  await requireCheckoutDir(root);
  const folder = `${CONTAINERS_FOLDER_NAME}/${slug}`;
  const path = resolveSafeChildPath(root, folder);
  await requireRegularFiles(root, plan.paths);
  const git = await bumpBranchIn(plan, logger);
  const paths = git?.paths ?? plan.paths;
  const branch = git?.branch;
  const readmeUpdated = paths.includes(README);

  if (plan.dryRun) {
    logger.info(
      `Dry run: would write ${paths.join(', ')} into ${root}${
        branch ? ` on the branch ${branch}` : ''
      }`,
    );
    return { path, folder, branch, readmeUpdated };
  }

  const before = await readTexts(root, paths);
  let switched = false;
  try {
    if (git) {
      await git.checkout.resetAndSwitch(git.branch);
      switched = true;
      logger.info(
        `Switched ${root} to the branch ${git.branch} at the commit of ${git.previous}; uncommitted work stays as it was`,
      );
    }
    for (const file of paths) {
      await fs.writeFile(
        resolveSafeChildPath(root, file),
        await fs.readFile(
          resolveSafeChildPath(plan.workspacePath, file),
          'utf8',
        ),
        'utf8',
      );
    }
    const commit = await commitToBranch({
      root: plan.root,
      git,
      paths,
      listed: paths.join(', '),
      message: plan.commitMessage,
      author: plan.author,
      logger,
    });
    return { path, folder, branch, commit, readmeUpdated };
  } catch (error) {
    await undoBump(root, git, switched, paths, before, logger);
    throw error;
  }
}

/** A bump changes files that exist; never write through a link. */
async function requireRegularFiles(root: string, paths: string[]) {
  for (const file of paths) {
    const info = await fs
      .lstat(resolveSafeChildPath(root, file))
      .catch(() => undefined);
    if (!info?.isFile()) {
      throw new ConflictError(
        `${file} is not a regular file in ${root}: the bump cannot be published there`,
      );
    }
  }
}

/** In a git checkout, the bump's branch once {@link checkCheckout} lets it go ahead. */
async function bumpBranchIn(
  plan: BumpPublishPlan,
  logger: LoggerService,
): Promise<BumpBranch | undefined> {
  const checkout = await GitCheckout.open(plan.root);
  if (!checkout) return undefined;
  const branch = plan.branchName ?? bumpBranchName(plan.slug, plan.version);
  const { paths, existing } = await checkCheckout(
    checkout,
    plan,
    branch,
    logger,
  );
  const previous = (await checkout.currentBranch()) ?? (await checkout.head());
  return { checkout, branch, paths, existing, previous };
}

/** The files' text now, to put back if the bump fails. */
async function readTexts(
  root: string,
  paths: string[],
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of paths) {
    texts.set(
      file,
      await fs.readFile(resolveSafeChildPath(root, file), 'utf8'),
    );
  }
  return texts;
}

/** Puts the checkout back as it was: the old branch, the branch where it was, the old files. */
async function undoBump(
  root: string,
  git: BumpBranch | undefined,
  switched: boolean,
  paths: string[],
  before: Map<string, string>,
  logger: LoggerService,
) {
  const previous = git?.previous;
  if (git && switched && previous) {
    await git.checkout
      .switchBackAndRestore(previous, git.branch, git.existing)
      .catch(undoError =>
        logger.error(
          `Could not switch ${root} back to ${previous}: ${undoError}`,
        ),
      );
  }
  if (git) await git.checkout.unstage(paths).catch(() => undefined);
  for (const [file, text] of before) {
    await fs
      .writeFile(resolveSafeChildPath(root, file), text, 'utf8')
      .catch(() => undefined);
  }
}
