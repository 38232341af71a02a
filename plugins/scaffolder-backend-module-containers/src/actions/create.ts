import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  ContainerDestination,
  containerFolderExists,
  generateContainer,
} from '@dockyard/plugin-containers-node';
import { CONTAINERS_FOLDER_NAME } from '@dockyard/plugin-containers-common';
import { z as zod } from 'zod/v3';
import { GuestPolicy } from '../config';
import { PlatformRepository } from '../platform';
import {
  ContainerActionInput,
  containerInputSchema,
  toNewContainerInput,
} from './containerInput';
import { examples } from './create.examples';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';

/**
 * Options of {@link createContainersCreateAction}.
 *
 * @public
 */
export interface ContainersCreateActionOptions {
  /** The configured platform repository; called when the action runs, so config errors surface there. */
  platform: () => PlatformRepository;
  /** Whether guests may create containers (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

const inputSchema = {
  ...containerInputSchema,
  targetPath: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Workspace folder that receives <slug>/ (default containers, as in the platform repository)',
      ),
};

const outputSchema = {
  path: (z: typeof zod) =>
    z.string().describe('The new folder in the workspace: containers/<slug>'),
  slug: (z: typeof zod) => z.string().describe('The slug'),
  entityRef: (z: typeof zod) =>
    z
      .string()
      .describe('The catalog entity it becomes: component:default/<slug>'),
  files: (z: typeof zod) =>
    z.array(z.string()).describe('Files written, relative to the new folder'),
};

/** What {@link createContainer} uses of the action context. */
type CreateContext = Pick<
  ActionContext<Record<string, string | string[]>>,
  'workspacePath' | 'logger' | 'isDryRun' | 'checkpoint' | 'output'
>;

/**
 * `containers:create`: renders the platform's `containers/_template` into the task workspace as
 * `containers/<slug>/` with the generator `dockyard new` uses, validated with the container.yaml
 * parser before anything is written.
 *
 * @public
 */
export function createContainersCreateAction(
  options: ContainersCreateActionOptions,
) {
  return createTemplateAction({
    id: 'containers:create',
    description:
      "Renders a new container folder from the platform repository's containers/_template into the workspace, validated with the container.yaml parser",
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      // First, so a guest's task stops before the platform repository is even read.
      await refuseGuests(
        ctx,
        options.guests ?? DEFAULT_GUEST_POLICY,
        'containers:create',
      );
      await createContainer(ctx, ctx.input, options.platform);
    },
  });
}

async function createContainer(
  ctx: CreateContext,
  actionInput: ContainerActionInput & { targetPath?: string },
  platformRepository: () => PlatformRepository,
) {
  const { targetPath = CONTAINERS_FOLDER_NAME, ...fields } = actionInput;
  const input = toNewContainerInput(fields);
  const write: ContainerDestination = {
    containersDir: resolveSafeChildPath(ctx.workspacePath, targetPath),
    displayDir: targetPath.replace(/\/+$/, ''),
    holder: 'the workspace',
  };
  const generate = async () => {
    const platform = platformRepository();
    ctx.logger.info(`Rendering containers/_template of ${platform.location}`);
    const created = await generateContainer({ platform, input, write });
    for (const warning of created.warnings) {
      ctx.logger.warn(warning);
    }
    return created;
  };

  // A retried task finds the checkpoint and does not render again, unless its workspace was not
  // kept (then the files are rendered into the fresh workspace once more).
  const result = await ctx.checkpoint({
    key: `containers.create.${input.slug}`,
    fn: async () => {
      const created = await generate();
      return {
        entityRef: created.entityRef,
        files: created.files.map(f => f.path),
      };
    },
  });
  if (!(await containerFolderExists(write.containersDir, input.slug))) {
    await generate();
  }

  const folder = `${write.displayDir}/${input.slug}`;
  ctx.logger.info(
    `${ctx.isDryRun ? 'Dry run: rendered' : 'Rendered'} ${folder} (${
      result.files.length
    } files) for ${result.entityRef}`,
  );
  ctx.output('path', folder);
  ctx.output('slug', input.slug);
  ctx.output('entityRef', result.entityRef);
  ctx.output('files', result.files);
}
