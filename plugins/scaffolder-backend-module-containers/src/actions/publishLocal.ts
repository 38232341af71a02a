import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CONTAINERS_REFRESH_TOPIC,
  containerSlugProblem,
  CONTAINERS_FOLDER_NAME,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';
import {
  containerFolderExists,
  readTemplateFolder,
  ReadmeContainer,
  updateReadmeContainers,
  writeNewContainer,
} from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import { z as zod } from 'zod/v3';
import { GuestPolicy, LocalPublishConfig } from '../config';
import { GitCheckout, GitIdentity } from '../git';
import { readWorkspaceContainer } from './workspaceContainer';
import { examples } from './publishLocal.examples';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';
import { ActionContextFor } from './actionContext';
import {
  commitToBranch,
  README,
  readOptional,
  requireCheckoutDir,
} from './localCheckout';
import {
  BumpPublishResult,
  checkBumpBranch,
  checkBumpFiles,
  publishBumpToCheckout,
} from './publishBump';

/**
 * Options of {@link createContainersPublishLocalAction}.
 *
 * @public
 */
export interface ContainersPublishLocalActionOptions {
  config: LocalPublishConfig;
  /** Used to make the catalog read the new container at once. */
  events: EventsService;
  /** Whether guests may write into the checkout (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

const inputSchema = {
  slug: (z: typeof zod) =>
    z.string().describe('The container, as rendered by containers:create'),
  sourcePath: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Workspace folder of the container (default containers/<slug>)',
      ),
  updateReadme: (z: typeof zod) =>
    z
      .boolean()
      .optional()
      .describe(
        "List the container in the checkout's README.md table (default true)",
      ),
  bumpTo: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Publish the bump containers:bump made to this version (its output to) instead of a new container: on the branch dockyard/bump-<slug>-<version>, which a second run for the same version moves and commits again',
      ),
  files: (z: typeof zod) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'With bumpTo: the files containers:bump changed (its output files), relative to the platform root',
      ),
  commitMessage: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'With bumpTo: the commit message (containers:bump outputs one)',
      ),
  branchName: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        "With bumpTo: containers:bump's branchName (default dockyard/bump-<slug>-<bumpTo>); only a dockyard/bump-<slug>-… branch is accepted",
      ),
};

const outputSchema = {
  path: (z: typeof zod) =>
    z.string().describe('Absolute path of the new folder in the checkout'),
  folder: (z: typeof zod) =>
    z.string().describe('The new folder, relative to the checkout'),
  branch: (z: typeof zod) =>
    z.string().optional().describe('The branch created (git checkouts only)'),
  commit: (z: typeof zod) =>
    z.string().optional().describe('The commit made (git checkouts only)'),
  readmeUpdated: (z: typeof zod) =>
    z.boolean().describe("Whether the checkout's README.md was updated"),
};

type PublishLocalContext = ActionContextFor<
  typeof inputSchema,
  typeof outputSchema
>;

/**
 * `containers:publish-local`: for the embedded default. Writes the new container folder (and its
 * README row) into the configured local checkout of the platform; in a git checkout, on a new
 * branch with a commit of exactly those paths. With `bumpTo`, commits a bump made by
 * `containers:bump` instead, on its branch `dockyard/bump-<slug>-<version>`. Then asks the
 * catalog to read the containers again.
 *
 * @public
 */
export function createContainersPublishLocalAction(
  options: ContainersPublishLocalActionOptions,
) {
  return createTemplateAction({
    id: 'containers:publish-local',
    description:
      'Writes the new container (or, with bumpTo, the bump made by containers:bump) into the local platform checkout (a git branch with one commit when it is a git repository) and refreshes the catalog',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    handler: ctx => publishLocal(ctx, options),
  });
}

async function publishLocal(
  ctx: PublishLocalContext,
  options: ContainersPublishLocalActionOptions,
) {
  const { config, events } = options;
  const root = enabledCheckoutPath(config);
  await refuseGuests(
    ctx,
    options.guests ?? DEFAULT_GUEST_POLICY,
    'containers:publish-local',
    ctx.input.bumpTo === undefined ? undefined : 'bump containers',
  );
  const slugIssue = containerSlugProblem(ctx.input.slug);
  if (slugIssue) {
    throw new InputError(`Cannot publish the container: ${slugIssue}`);
  }
  const author = userIdentity(ctx.user?.entity) ?? config.author;
  const result =
    ctx.input.bumpTo !== undefined
      ? await publishBump(ctx, root, ctx.input.bumpTo, author)
      : await publishNewContainer(ctx, root, config.branchPrefix, author);
  if (!ctx.isDryRun) {
    await refreshCatalog(events, config.refreshTarget, ctx.logger);
  }
  ctx.output('path', result.path);
  ctx.output('folder', result.folder);
  if (result.branch) ctx.output('branch', result.branch);
  if (result.commit) ctx.output('commit', result.commit);
  ctx.output('readmeUpdated', result.readmeUpdated);
}

/** The checkout to write into, or a refusal saying which setting is missing. */
function enabledCheckoutPath(config: LocalPublishConfig): string {
  if (!config.enabled || !config.path) {
    throw new InputError(
      config.enabled
        ? 'containers:publish-local has no checkout to write into: set containers.scaffolder.localPublish.path (or containers.scaffolder.platform.path)'
        : 'containers:publish-local is disabled: set containers.scaffolder.localPublish.enabled to true to write new containers into a local checkout, or open a pull request instead (publish:github:pull-request)',
    );
  }
  return config.path;
}

/** `bumpTo`: commits the files `containers:bump` wrote into the workspace, on its branch. */
async function publishBump(
  ctx: PublishLocalContext,
  root: string,
  version: string,
  author: GitIdentity | undefined,
): Promise<BumpPublishResult> {
  const { slug } = ctx.input;
  const branchName = checkBumpBranch(slug, ctx.input.branchName);
  const paths = await checkBumpFiles(
    ctx.workspacePath,
    slug,
    version,
    ctx.input.files,
  );
  return ctx.checkpoint({
    key: `containers.publish-local.bump.${slug}.${version}`,
    fn: () =>
      publishBumpToCheckout(
        {
          root,
          slug,
          version,
          paths,
          workspacePath: ctx.workspacePath,
          branchName,
          commitMessage:
            ctx.input.commitMessage ?? `Bump ${slug} to ${version}`,
          author,
          dryRun: Boolean(ctx.isDryRun),
        },
        ctx.logger,
      ),
  });
}

/** A new container: its folder (and README row) from the workspace, on a new branch. */
async function publishNewContainer(
  ctx: PublishLocalContext,
  root: string,
  branchPrefix: string,
  author: GitIdentity | undefined,
): Promise<PublishResult> {
  const { slug, updateReadme = true } = ctx.input;
  const sourcePath =
    ctx.input.sourcePath ?? `${CONTAINERS_FOLDER_NAME}/${slug}`;
  const container = await readWorkspaceContainer(
    ctx.workspacePath,
    sourcePath,
    slug,
  );
  const plan: PublishPlan = {
    root,
    slug,
    container,
    sourceDir: resolveSafeChildPath(ctx.workspacePath, sourcePath),
    updateReadme,
    branchPrefix,
    author,
    dryRun: Boolean(ctx.isDryRun),
  };
  // A retried task must not write or commit twice: the checkpoint keeps the first result.
  return ctx.checkpoint({
    key: `containers.publish-local.${slug}`,
    fn: () => publishToCheckout(plan, ctx.logger),
  });
}

interface PublishPlan {
  root: string;
  slug: string;
  container: ReadmeContainer;
  sourceDir: string;
  updateReadme: boolean;
  branchPrefix: string;
  author?: GitIdentity;
  dryRun: boolean;
}

interface PublishResult {
  path: string;
  folder: string;
  branch?: string;
  commit?: string;
  readmeUpdated: boolean;
  [key: string]: string | boolean | undefined;
}

/** Where the new folder goes in the checkout. */
interface NewFolder {
  containersDir: string;
  /** `containers/<slug>`, relative to the checkout. */
  folder: string;
  /** Its absolute path. */
  path: string;
}

/** The git side of a publish: the checkout, the new branch and what to switch back to. */
interface NewBranch {
  checkout: GitCheckout;
  branch: string;
  previous?: string;
}

/** The README before and after the container's row is added (`after` unset: not written). */
interface ReadmeChange {
  file: string;
  before?: string;
  after?: string;
}

/** What a publish has done so far, so that a failure can undo exactly that. */
interface PublishProgress {
  branchCreated: boolean;
  folderWritten: boolean;
  readmeWritten: boolean;
}

/**
 * Writes the new container into the checkout and, in a git checkout, commits exactly its folder
 * (and the README) on a new branch. Everything that can refuse is checked before anything is
 * written; a failure puts the checkout back as it was.
 */
async function publishToCheckout(
  plan: PublishPlan,
  logger: LoggerService,
): Promise<PublishResult> {
  const { root, slug } = plan;
  const target = await newFolderIn(root, slug);
  const git = await newBranchIn(
    root,
    target.folder,
    `${plan.branchPrefix}${slug}`,
  );
  const readme = await readmeChange(plan, git?.checkout, logger);
  const files = await readTemplateFolder(plan.sourceDir);
  const readmeUpdated = readme.after !== undefined;
  if (plan.dryRun) {
    logger.info(
      `Dry run: would write ${target.folder} (${files.length} files)${
        readme.after ? ` and ${README}` : ''
      } into ${root}${git ? ` on a new branch ${git.branch}` : ''}`,
    );
    return {
      path: target.path,
      folder: target.folder,
      branch: git?.branch,
      readmeUpdated,
    };
  }

  const paths = readmeUpdated ? [target.folder, README] : [target.folder];
  const progress: PublishProgress = {
    branchCreated: false,
    folderWritten: false,
    readmeWritten: false,
  };
  try {
    if (git) await switchToNewBranch(git, root, logger, progress);
    await writeNewContainer(
      {
        slug,
        entityRef: `component:default/${slug}`,
        files: files.map(f => ({ ...f, executable: Boolean(f.executable) })),
        warnings: [],
      },
      target.containersDir,
      target.folder,
    );
    progress.folderWritten = true;
    if (readme.after !== undefined) {
      await fs.writeFile(readme.file, readme.after, 'utf8');
      progress.readmeWritten = true;
    }
    const commit = await commitToBranch({
      root: plan.root,
      git,
      paths,
      listed: paths.join(' and '),
      message: `Add container ${plan.slug}\n\nCreated with the Dockyard "New container" template.`,
      author: plan.author,
      logger,
    });
    return {
      path: target.path,
      folder: target.folder,
      branch: git?.branch,
      commit,
      readmeUpdated,
    };
  } catch (error) {
    await undoPublish(root, target, git, readme, paths, progress, logger);
    throw error;
  }
}

/** The new folder's place in the checkout, refused when the checkout or the folder is there. */
async function newFolderIn(root: string, slug: string): Promise<NewFolder> {
  await requireCheckoutDir(root);
  const containersDir = resolveSafeChildPath(root, CONTAINERS_FOLDER_NAME);
  const folder = `${CONTAINERS_FOLDER_NAME}/${slug}`;
  const path = resolveSafeChildPath(containersDir, slug);
  if (await containerFolderExists(containersDir, slug)) {
    throw new ConflictError(
      `${folder} already exists in ${root}: refusing to overwrite it`,
    );
  }
  return { containersDir, folder, path };
}

/**
 * In a git checkout, the branch the new container goes on, once nothing stands in the way: no
 * merge or rebase under way, a commit to branch from, a free branch name, and a folder git
 * neither ignores nor still tracks. Undefined when the checkout is not a git repository.
 */
async function newBranchIn(
  root: string,
  folder: string,
  branch: string,
): Promise<NewBranch | undefined> {
  const checkout = await GitCheckout.open(root);
  if (!checkout) return undefined;
  const operation = await checkout.operationInProgress();
  if (operation) {
    throw new ConflictError(
      `${root} is in the middle of ${operation}: finish or abort it first`,
    );
  }
  if (!(await checkout.head())) {
    throw new ConflictError(`${root} has no commit yet to branch from`);
  }
  const branchIssue = await checkout.branchProblem(branch);
  if (branchIssue) {
    throw new ConflictError(
      `Cannot create the branch: ${branchIssue} in ${root}`,
    );
  }
  if (await checkout.isIgnored(`${folder}/${CONTAINER_FILE_NAME}`)) {
    throw new ConflictError(
      `${folder} is ignored by git in ${root} (.gitignore): it could not be committed`,
    );
  }
  if (await checkout.isTracked(folder)) {
    throw new ConflictError(
      `${folder} is tracked by git in ${root} (deleted but not committed?): refusing to overwrite it`,
    );
  }
  const previous = (await checkout.currentBranch()) ?? (await checkout.head());
  return { checkout, branch, previous };
}

/** The README with the new container's row; left alone when it has uncommitted changes. */
async function readmeChange(
  plan: PublishPlan,
  checkout: GitCheckout | undefined,
  logger: LoggerService,
): Promise<ReadmeChange> {
  const file = resolveSafeChildPath(plan.root, README);
  const before = await readOptional(file);
  if (!plan.updateReadme) return { file, before };
  if (checkout && before !== undefined && (await checkout.hasChanges(README))) {
    logger.warn(
      `${README} has uncommitted changes in ${plan.root}; left as it is. List the container later with \`yarn dockyard readme\`.`,
    );
    return { file, before };
  }
  const after = updateReadmeContainers(before ?? '', [plan.container]);
  return { file, before, after: after === before ? undefined : after };
}

async function switchToNewBranch(
  git: NewBranch,
  root: string,
  logger: LoggerService,
  progress: PublishProgress,
) {
  await git.checkout.createAndSwitch(git.branch);
  progress.branchCreated = true;
  logger.info(
    `Switched ${root} to the new branch ${git.branch} (from ${git.previous}); uncommitted work stays as it was`,
  );
}

/** Puts the checkout back as it was: no folder, the old README, the old branch. */
async function undoPublish(
  root: string,
  target: NewFolder,
  git: NewBranch | undefined,
  readme: ReadmeChange,
  paths: string[],
  progress: PublishProgress,
  logger: LoggerService,
) {
  if (git) await git.checkout.unstage(paths).catch(() => undefined);
  if (progress.folderWritten) {
    await fs.rm(target.path, { recursive: true, force: true });
  }
  if (progress.readmeWritten) {
    if (readme.before === undefined) await fs.rm(readme.file, { force: true });
    else await fs.writeFile(readme.file, readme.before, 'utf8');
  }
  const previous = git?.previous;
  if (git && progress.branchCreated && previous) {
    await git.checkout
      .switchBackAndDelete(previous, git.branch)
      .catch(undoError =>
        logger.error(
          `Could not switch ${root} back to ${previous}: ${undoError}`,
        ),
      );
  }
}

/** The commit author for the task's user, when the catalog knows their e-mail. */
function userIdentity(entity: unknown): GitIdentity | undefined {
  const profile = (
    entity as { spec?: { profile?: { displayName?: string; email?: string } } }
  )?.spec?.profile;
  const name = (entity as { metadata?: { name?: string } })?.metadata?.name;
  if (!profile?.email) return undefined;
  return {
    name: profile.displayName ?? name ?? profile.email,
    email: profile.email,
  };
}

async function refreshCatalog(
  events: EventsService,
  target: string | undefined,
  logger: LoggerService,
) {
  try {
    await events.publish({
      topic: CONTAINERS_REFRESH_TOPIC,
      eventPayload: target ? { target } : {},
    });
    logger.info('Asked the catalog to read the containers again');
  } catch (error) {
    // The container is written; the provider's schedule picks it up anyway.
    logger.warn(`Could not refresh the catalog at once: ${error}`);
  }
}
