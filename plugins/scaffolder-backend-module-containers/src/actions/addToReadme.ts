import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  containerSlugProblem,
  CONTAINERS_FOLDER_NAME,
} from '@dockyard/plugin-containers-common';
import { updateReadmeContainers } from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import { dirname } from 'node:path';
import { z as zod } from 'zod/v3';
import { PlatformRepository } from '../platform';
import { ActionContextFor } from './actionContext';
import { readOptional } from './localCheckout';
import { readWorkspaceContainer } from './workspaceContainer';
import { examples } from './addToReadme.examples';

/**
 * Options of {@link createContainersAddToReadmeAction}.
 *
 * @public
 */
export interface ContainersAddToReadmeActionOptions {
  /** The configured platform repository, whose README is used when the workspace has none. */
  platform: () => PlatformRepository;
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
  readmePath: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Workspace path of the README (default README.md); taken from the platform repository when the workspace has none',
      ),
};

const outputSchema = {
  readmePath: (z: typeof zod) =>
    z.string().describe('The README in the workspace'),
  changed: (z: typeof zod) =>
    z
      .boolean()
      .describe('False when the README already listed the container as it is'),
};

type AddToReadmeContext = ActionContextFor<
  typeof inputSchema,
  typeof outputSchema
>;

/**
 * `containers:add-to-readme`: adds (or updates) the new container's row in the container table of
 * the platform's root README.md, inside the block Dockyard manages. Running it twice changes
 * nothing the second time.
 *
 * @public
 */
export function createContainersAddToReadmeAction(
  options: ContainersAddToReadmeActionOptions,
) {
  return createTemplateAction({
    id: 'containers:add-to-readme',
    description:
      "Adds the container to the managed container table of the platform's root README.md in the workspace (idempotent)",
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    handler: ctx => addToReadme(ctx, options),
  });
}

async function addToReadme(
  ctx: AddToReadmeContext,
  options: ContainersAddToReadmeActionOptions,
) {
  const { slug, readmePath = 'README.md' } = ctx.input;
  const slugIssue = containerSlugProblem(slug);
  if (slugIssue) {
    throw new InputError(
      `Cannot add the container to the README: ${slugIssue}`,
    );
  }
  const sourcePath =
    ctx.input.sourcePath ?? `${CONTAINERS_FOLDER_NAME}/${slug}`;
  const container = await readWorkspaceContainer(
    ctx.workspacePath,
    sourcePath,
    slug,
  );

  const readmeFile = resolveSafeChildPath(ctx.workspacePath, readmePath);
  const readme = await readmeToUpdate(ctx, readmeFile, options.platform);
  const updated = updateReadmeContainers(readme, [container]);
  const changed = updated !== readme;
  if (changed) {
    await fs.mkdir(dirname(readmeFile), { recursive: true });
    await fs.writeFile(readmeFile, updated, 'utf8');
  }
  ctx.logger.info(
    changed
      ? `Listed ${slug} in the container table of ${readmePath}`
      : `${readmePath} already lists ${slug}; nothing to change`,
  );
  ctx.output('readmePath', readmePath);
  ctx.output('changed', changed);
}

/** The workspace's README, or else the platform repository's, or else a new one. */
async function readmeToUpdate(
  ctx: AddToReadmeContext,
  readmeFile: string,
  platformRepository: () => PlatformRepository,
): Promise<string> {
  const inWorkspace = await readOptional(readmeFile);
  if (inWorkspace !== undefined) return inWorkspace;
  const platform = platformRepository();
  const readme = (await platform.readReadme()) ?? '';
  ctx.logger.info(
    readme
      ? `Took README.md from the platform repository (${platform.location})`
      : 'The platform repository has no README.md; starting one',
  );
  return readme;
}
