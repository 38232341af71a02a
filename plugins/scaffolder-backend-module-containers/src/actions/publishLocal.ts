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
} from '@dockyard/plugin-containers-common';
import {
  CONTAINERS_FOLDER,
  containerFolderExists,
  readTemplateFolder,
  ReadmeContainer,
  updateReadmeContainers,
  writeNewContainer,
} from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import { GuestPolicy, LocalPublishConfig } from '../config';
import { FALLBACK_IDENTITY, GitCheckout, GitIdentity } from '../git';
import { readWorkspaceContainer } from './workspaceContainer';
import { examples } from './publishLocal.examples';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';
import {
  checkBumpBranch,
  checkBumpFiles,
  publishBumpToCheckout,
} from './publishBump';

/** Options of {@link createContainersPublishLocalAction}. */
export interface ContainersPublishLocalActionOptions {
  config: LocalPublishConfig;
  /** Used to make the catalog read the new container at once. */
  events: EventsService;
  /** Whether guests may write into the checkout (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

const README = 'README.md';

/**
 * `containers:publish-local`: for the embedded default. Writes the new container folder (and its
 * README row) into the configured local checkout of the platform; in a git checkout, on a new
 * branch with a commit of exactly those paths. With `bumpTo`, commits a bump made by
 * `containers:bump` instead, on its branch `dockyard/bump-<slug>-<version>`. Then asks the
 * catalog to read the containers again.
 */
export function createContainersPublishLocalAction(
  options: ContainersPublishLocalActionOptions,
) {
  const { config, events } = options;
  return createTemplateAction({
    id: 'containers:publish-local',
    description:
      'Writes the new container (or, with bumpTo, the bump made by containers:bump) into the local platform checkout (a git branch with one commit when it is a git repository) and refreshes the catalog',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        slug: z =>
          z
            .string()
            .describe('The container, as rendered by containers:create'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder of the container (default containers/<slug>)',
            ),
        updateReadme: z =>
          z
            .boolean()
            .optional()
            .describe(
              "List the container in the checkout's README.md table (default true)",
            ),
        bumpTo: z =>
          z
            .string()
            .optional()
            .describe(
              'Publish the bump containers:bump made to this version (its output to) instead of a new container: on the branch dockyard/bump-<slug>-<version>, which a second run for the same version moves and commits again',
            ),
        files: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'With bumpTo: the files containers:bump changed (its output files), relative to the platform root',
            ),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'With bumpTo: the commit message (containers:bump outputs one)',
            ),
        branchName: z =>
          z
            .string()
            .optional()
            .describe(
              "With bumpTo: containers:bump's branchName (default dockyard/bump-<slug>-<bumpTo>); only a dockyard/bump-<slug>-… branch is accepted",
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Absolute path of the new folder in the checkout'),
        folder: z =>
          z.string().describe('The new folder, relative to the checkout'),
        branch: z =>
          z
            .string()
            .optional()
            .describe('The branch created (git checkouts only)'),
        commit: z =>
          z
            .string()
            .optional()
            .describe('The commit made (git checkouts only)'),
        readmeUpdated: z =>
          z.boolean().describe("Whether the checkout's README.md was updated"),
      },
    },
    async handler(ctx) {
      if (!config.enabled || !config.path) {
        throw new InputError(
          config.enabled
            ? 'containers:publish-local has no checkout to write into: set containers.scaffolder.localPublish.path (or containers.scaffolder.platform.path)'
            : 'containers:publish-local is disabled: set containers.scaffolder.localPublish.enabled to true to write new containers into a local checkout, or open a pull request instead (publish:github:pull-request)',
        );
      }
      await refuseGuests(
        ctx,
        options.guests ?? DEFAULT_GUEST_POLICY,
        'containers:publish-local',
        ctx.input.bumpTo === undefined ? undefined : 'bump containers',
      );
      const { slug, updateReadme = true } = ctx.input;
      const slugIssue = containerSlugProblem(slug);
      if (slugIssue) {
        throw new InputError(`Cannot publish the container: ${slugIssue}`);
      }
      if (ctx.input.bumpTo !== undefined) {
        const version = ctx.input.bumpTo;
        const root = config.path;
        const branchName = checkBumpBranch(slug, ctx.input.branchName);
        const paths = await checkBumpFiles(
          ctx.workspacePath,
          slug,
          version,
          ctx.input.files,
        );
        const bumped = await ctx.checkpoint({
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
                author: userIdentity(ctx.user?.entity) ?? config.author,
                dryRun: Boolean(ctx.isDryRun),
              },
              ctx.logger,
            ),
        });
        if (!ctx.isDryRun) {
          await refreshCatalog(events, config.refreshTarget, ctx.logger);
        }
        ctx.output('path', bumped.path);
        ctx.output('folder', bumped.folder);
        if (bumped.branch) ctx.output('branch', bumped.branch);
        if (bumped.commit) ctx.output('commit', bumped.commit);
        ctx.output('readmeUpdated', bumped.readmeUpdated);
        return;
      }
      const sourcePath = ctx.input.sourcePath ?? `${CONTAINERS_FOLDER}/${slug}`;
      const container = await readWorkspaceContainer(
        ctx.workspacePath,
        sourcePath,
        slug,
      );
      const plan: PublishPlan = {
        root: config.path,
        slug,
        container,
        sourceDir: resolveSafeChildPath(ctx.workspacePath, sourcePath),
        updateReadme,
        branchPrefix: config.branchPrefix,
        author: userIdentity(ctx.user?.entity) ?? config.author,
        dryRun: Boolean(ctx.isDryRun),
      };

      // A retried task must not write or commit twice: the checkpoint keeps the first result.
      const result = await ctx.checkpoint({
        key: `containers.publish-local.${slug}`,
        fn: () => publishToCheckout(plan, ctx.logger),
      });

      if (!ctx.isDryRun) {
        await refreshCatalog(events, config.refreshTarget, ctx.logger);
      }
      ctx.output('path', result.path);
      ctx.output('folder', result.folder);
      if (result.branch) ctx.output('branch', result.branch);
      if (result.commit) ctx.output('commit', result.commit);
      ctx.output('readmeUpdated', result.readmeUpdated);
    },
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

async function publishToCheckout(
  plan: PublishPlan,
  logger: LoggerService,
): Promise<PublishResult> {
  const { root, slug } = plan;
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(`The local platform checkout ${root} does not exist`);
  }
  const containersDir = resolveSafeChildPath(root, CONTAINERS_FOLDER);
  const folder = `${CONTAINERS_FOLDER}/${slug}`;
  const path = resolveSafeChildPath(containersDir, slug);
  if (await containerFolderExists(containersDir, slug)) {
    throw new ConflictError(
      `${folder} already exists in ${root}: refusing to overwrite it`,
    );
  }

  // Everything that can refuse is checked before anything is written.
  const checkout = await GitCheckout.open(root);
  let branch: string | undefined;
  let previous: string | undefined;
  if (checkout) {
    const operation = await checkout.operationInProgress();
    if (operation) {
      throw new ConflictError(
        `${root} is in the middle of ${operation}: finish or abort it first`,
      );
    }
    if (!(await checkout.head())) {
      throw new ConflictError(`${root} has no commit yet to branch from`);
    }
    branch = `${plan.branchPrefix}${slug}`;
    const branchIssue = await checkout.branchProblem(branch);
    if (branchIssue) {
      throw new ConflictError(
        `Cannot create the branch: ${branchIssue} in ${root}`,
      );
    }
    if (await checkout.isIgnored(`${folder}/container.yaml`)) {
      throw new ConflictError(
        `${folder} is ignored by git in ${root} (.gitignore): it could not be committed`,
      );
    }
    if (await checkout.isTracked(folder)) {
      throw new ConflictError(
        `${folder} is tracked by git in ${root} (deleted but not committed?): refusing to overwrite it`,
      );
    }
    previous = (await checkout.currentBranch()) ?? (await checkout.head());
  }

  const readmeFile = resolveSafeChildPath(root, README);
  const readmeBefore = await readOptional(readmeFile);
  let readmeAfter: string | undefined;
  if (plan.updateReadme) {
    if (
      checkout &&
      readmeBefore !== undefined &&
      (await checkout.hasChanges(README))
    ) {
      logger.warn(
        `${README} has uncommitted changes in ${root}; left as it is. List the container later with \`yarn dockyard readme\`.`,
      );
    } else {
      readmeAfter = updateReadmeContainers(readmeBefore ?? '', [
        plan.container,
      ]);
      if (readmeAfter === readmeBefore) readmeAfter = undefined;
    }
  }

  const files = await readTemplateFolder(plan.sourceDir);
  if (plan.dryRun) {
    logger.info(
      `Dry run: would write ${folder} (${files.length} files)${
        readmeAfter ? ` and ${README}` : ''
      } into ${root}${branch ? ` on a new branch ${branch}` : ''}`,
    );
    return { path, folder, branch, readmeUpdated: readmeAfter !== undefined };
  }

  const paths = readmeAfter !== undefined ? [folder, README] : [folder];
  let branchCreated = false;
  let folderWritten = false;
  let readmeWritten = false;
  try {
    if (checkout && branch) {
      await checkout.createAndSwitch(branch);
      branchCreated = true;
      logger.info(
        `Switched ${root} to the new branch ${branch} (from ${previous}); uncommitted work stays as it was`,
      );
    }
    await writeNewContainer(
      {
        slug,
        entityRef: `component:default/${slug}`,
        files: files.map(f => ({ ...f, executable: Boolean(f.executable) })),
        warnings: [],
      },
      containersDir,
      folder,
    );
    folderWritten = true;
    if (readmeAfter !== undefined) {
      await fs.writeFile(readmeFile, readmeAfter, 'utf8');
      readmeWritten = true;
    }
    let commit: string | undefined;
    if (checkout) {
      const configured = await checkout.configuredIdentity();
      const author = plan.author ?? configured ?? FALLBACK_IDENTITY;
      commit = await checkout.commitPaths(
        paths,
        `Add container ${slug}\n\nCreated with the Dockyard "New container" template.`,
        author,
        configured ?? author,
      );
      logger.info(
        `Committed ${paths.join(' and ')} as ${commit.slice(
          0,
          12,
        )} on ${branch}, author ${author.name} <${author.email}>`,
      );
    } else {
      logger.info(
        `Wrote ${paths.join(' and ')} into ${root} (not a git repository)`,
      );
    }
    return {
      path,
      folder,
      branch,
      commit,
      readmeUpdated: readmeAfter !== undefined,
    };
  } catch (error) {
    // Put the checkout back as it was: no folder, the old README, the old branch.
    if (checkout) await checkout.unstage(paths).catch(() => undefined);
    if (folderWritten) await fs.rm(path, { recursive: true, force: true });
    if (readmeWritten) {
      if (readmeBefore === undefined) await fs.rm(readmeFile, { force: true });
      else await fs.writeFile(readmeFile, readmeBefore, 'utf8');
    }
    if (checkout && branchCreated && branch && previous) {
      await checkout
        .switchBackAndDelete(previous, branch)
        .catch(undoError =>
          logger.error(
            `Could not switch ${root} back to ${previous}: ${undoError}`,
          ),
        );
    }
    throw error;
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

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
