import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { containerSlugProblem } from '@dockyard/plugin-containers-common';
import {
  bumpContainers,
  formatBumpDiff,
  renderPullRequestBody,
  renderPullRequestTitle,
  versionProblem,
  type BumpResult,
} from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import { dirname } from 'node:path';
import { z as zod } from 'zod/v3';
import { bumpBranchName } from '../bumpBranch';
import { GuestPolicy } from '../config';
import { PlatformRepository } from '../platform';
import { ActionContextFor } from './actionContext';
import { examples } from './bump.examples';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';

/**
 * What a bump's branch is named after: the version, the companion and its version, or the base
 * image's new digest (so each distinct target has its own branch and pull request).
 */
function branchTarget(result: BumpResult, companion?: string): string {
  const moved = result.companions?.[0];
  if (companion && moved) return `${moved.name}-${moved.to}`;
  if (result.from !== result.to) return result.to ?? '';
  const digest = /@sha256:([0-9a-f]{12})/.exec(result.baseImage?.to ?? '');
  return digest ? `base-${digest[1]}` : 'base';
}

/**
 * Options of {@link createContainersBumpAction}.
 *
 * @public
 */
export interface ContainersBumpActionOptions {
  /** The configured platform repository; called when the action runs, so config errors surface there. */
  platform: () => PlatformRepository;
  /**
   * The app config: `containers.drift` (registries, credentials, allowed hosts) and
   * `integrations.github`, read when a base image pinned by digest has to be re-pinned.
   */
  config: Config;
  /** Whether guests may bump containers (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

/** What a bump left for the next steps; kept in the task's checkpoint (so: JSON). */
type BumpOutcome = {
  name: string;
  from: string;
  to: string;
  change: string | null;
  title: string;
  body: string;
  commitMessage: string;
  branchName: string;
  /** The files changed, relative to the platform root, and their new text. */
  files: Array<{ path: string; text: string }>;
  diff: string;
};

const MADE_BY = 'The Dockyard "Bump container" template (`dockyard bump`)';

const inputSchema = {
  slug: (z: typeof zod) =>
    z.string().describe('The container: its folder under containers/'),
  version: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        "The new version.current, written as container.yaml writes it (e.g. 478, 1.2.0-incubating); with companion, that companion's version. Required unless base",
      ),
  companion: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        "A version.companions[] name: version moves that companion (the build arg its token names, and the Dockerfile's ARG default) instead of version.current",
      ),
  base: (z: typeof zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Also re-pin a digest-pinned runtime.base_image to the digest its tag names on the registry now (rebuilt upstream)',
      ),
};

const outputSchema = {
  slug: (z: typeof zod) => z.string().describe('The container'),
  entityRef: (z: typeof zod) =>
    z.string().describe('Its catalog entity: component:default/<slug>'),
  name: (z: typeof zod) => z.string().describe("The container's name"),
  from: (z: typeof zod) =>
    z.string().describe('version.current before the bump'),
  to: (z: typeof zod) => z.string().describe('version.current after the bump'),
  change: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe('major, minor, patch or downgrade, when the versions compare'),
  files: (z: typeof zod) =>
    z
      .array(z.string())
      .describe(
        'The files changed, relative to the platform root (and written at those paths in the workspace)',
      ),
  title: (z: typeof zod) =>
    z.string().describe('The pull request title: Bump <name> from X to Y'),
  body: (z: typeof zod) =>
    z.string().describe('The pull request body, in Markdown'),
  commitMessage: (z: typeof zod) => z.string().describe('The commit message'),
  branchName: (z: typeof zod) =>
    z
      .string()
      .describe(
        'The branch the bump belongs on: dockyard/bump-<slug>-<version>, the same for every run to the same version',
      ),
};

type BumpContext = ActionContextFor<typeof inputSchema, typeof outputSchema>;
type BumpInput = BumpContext['input'];

/**
 * `containers:bump`: moves one container of the platform to another upstream version with
 * `dockyard bump`'s implementation (`bumpContainers` of containers-node) and writes only the
 * changed files (container.yaml, the Dockerfile's ARG defaults, the README row) into the task
 * workspace, at their paths in the platform, for `containers:publish-local` or
 * `publish:github:pull-request`. Outputs the pull request's title and body.
 *
 * @public
 */
export function createContainersBumpAction(
  options: ContainersBumpActionOptions,
) {
  return createTemplateAction({
    id: 'containers:bump',
    description:
      "Bumps a container of the platform repository to another upstream version (dockyard bump) and writes the changed files into the workspace, with the pull request's title and body",
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      await refuseGuests(
        ctx,
        options.guests ?? DEFAULT_GUEST_POLICY,
        'containers:bump',
        'bump containers',
      );
      await bumpContainer(ctx, options);
    },
  });
}

/** Why the input cannot be bumped: a bad slug, a bad version, or no version without `base`. */
function bumpInputProblem(input: BumpInput): string | undefined {
  const { slug, version, companion, base = false } = input;
  const slugIssue = containerSlugProblem(String(slug ?? ''));
  if (slugIssue) return `Cannot bump the container: ${slugIssue}`;
  let versionIssue: string | undefined;
  if (version !== undefined) {
    versionIssue = versionProblem(String(version));
  } else if (companion !== undefined || !base) {
    versionIssue = `say which version ${
      companion ?? 'it'
    } goes to (version), or ask for base: true`;
  }
  return versionIssue ? `Cannot bump ${slug}: ${versionIssue}` : undefined;
}

async function bumpContainer(
  ctx: BumpContext,
  options: ContainersBumpActionOptions,
) {
  const problem = bumpInputProblem(ctx.input);
  if (problem) throw new InputError(problem);
  const { slug, version, companion, base = false } = ctx.input;

  // A retried task keeps the first result: after publishing, the platform may already hold
  // the new version, and a second computation would find nothing to bump.
  const outcome: BumpOutcome = await ctx.checkpoint({
    key: `containers.bump.${slug}.${version}${
      companion ? `.companion.${companion}` : ''
    }${base ? '.base' : ''}`,
    fn: () => planBumpOutcome(ctx, options),
  });

  await writeToWorkspace(ctx.workspacePath, outcome.files);
  ctx.logger.info(
    `${ctx.isDryRun ? 'Dry run: ' : ''}${outcome.title}; changed ${
      outcome.files.length
    } files:\n${outcome.diff}`,
  );
  outputBump(ctx, slug, outcome);
}

/** Works the bump out on a copy of the platform (nothing is written there) and describes it. */
async function planBumpOutcome(
  ctx: BumpContext,
  options: ContainersBumpActionOptions,
): Promise<BumpOutcome> {
  const { slug, version, companion, base = false } = ctx.input;
  // What moves, as messages name it: `478`, `iceberg-spark-runtime 1.10.0`, the base image.
  const asked = companion
    ? `${companion} ${version}`
    : version ?? 'the current digest of its base image';
  const platform = options.platform();
  ctx.logger.info(
    `Bumping containers/${slug} of ${platform.location} to ${asked}`,
  );
  const platformDir = await platform.bumpSource(slug, () =>
    ctx.createTemporaryDirectory(),
  );
  const [result] = await bumpContainers({
    platformDir,
    requests: [{ slug, to: version, companion, base }],
    config: options.config,
    // Worked out only: the files go to the workspace, never into the platform.
    dryRun: true,
    logger: ctx.logger,
  });
  if (result.status === 'error') {
    throw new InputError(`Cannot bump ${slug} to ${asked}: ${result.error}`);
  }
  if (result.status === 'unchanged') {
    throw new ConflictError(
      `${slug} is already at ${asked} in the platform repository (${platform.location}): nothing to bump`,
    );
  }
  const title = renderPullRequestTitle([result]);
  return {
    name: result.name ?? slug,
    from: result.from ?? '',
    to: result.to ?? version ?? '',
    change: result.change ?? null,
    title,
    body: renderPullRequestBody([result], {
      linkBase: platform.browseUrl,
      madeBy: MADE_BY,
    }),
    commitMessage: `${title}\n\nChanged with the Dockyard "Bump container" template: ${result.files.join(
      ', ',
    )}.`,
    branchName: bumpBranchName(slug, branchTarget(result, companion)),
    files: result.changes.map(c => ({ path: c.path, text: c.after })),
    diff: formatBumpDiff([result]),
  };
}

/** Writes the changed files into the workspace, at their paths in the platform. */
async function writeToWorkspace(
  workspacePath: string,
  files: BumpOutcome['files'],
) {
  for (const file of files) {
    const target = resolveSafeChildPath(workspacePath, file.path);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, file.text, 'utf8');
  }
}

function outputBump(ctx: BumpContext, slug: string, outcome: BumpOutcome) {
  ctx.output('slug', slug);
  ctx.output('entityRef', `component:default/${slug}`);
  ctx.output('name', outcome.name);
  ctx.output('from', outcome.from);
  ctx.output('to', outcome.to);
  if (outcome.change) ctx.output('change', outcome.change);
  ctx.output(
    'files',
    outcome.files.map(f => f.path),
  );
  ctx.output('title', outcome.title);
  ctx.output('body', outcome.body);
  ctx.output('commitMessage', outcome.commitMessage);
  ctx.output('branchName', outcome.branchName);
}
