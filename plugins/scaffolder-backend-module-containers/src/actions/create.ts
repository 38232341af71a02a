import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { containerSlugProblem } from '@dockyard/plugin-containers-common';
import {
  CONTAINERS_FOLDER,
  containerFolderExists,
  renderNewContainer,
  writeNewContainer,
} from '@dockyard/plugin-containers-node';
import { GuestPolicy } from '../config';
import { PlatformRepository } from '../platform';
import {
  ContainerActionInput,
  containerInputSchema,
  toNewContainerInput,
} from './containerInput';
import { examples } from './create.examples';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';

/** Options of {@link createContainersCreateAction}. */
export interface ContainersCreateActionOptions {
  /** The configured platform repository; called when the action runs, so config errors surface there. */
  platform: () => PlatformRepository;
  /** Whether guests may create containers (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

/**
 * `containers:create`: renders the platform's `containers/_template` into the task workspace as
 * `containers/<slug>/`, validated with the container.yaml parser before anything is written.
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
    schema: {
      input: {
        ...containerInputSchema,
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder that receives <slug>/ (default containers, as in the platform repository)',
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('The new folder in the workspace: containers/<slug>'),
        slug: z => z.string().describe('The slug'),
        entityRef: z =>
          z
            .string()
            .describe(
              'The catalog entity it becomes: component:default/<slug>',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the new folder'),
      },
    },
    async handler(ctx) {
      // First, so a guest's task stops before the platform repository is even read.
      await refuseGuests(
        ctx,
        options.guests ?? DEFAULT_GUEST_POLICY,
        'containers:create',
      );
      const { targetPath = CONTAINERS_FOLDER, ...fields } = ctx.input;
      const input = toNewContainerInput(fields as ContainerActionInput);
      const slugIssue = containerSlugProblem(String(input.slug ?? ''));
      if (slugIssue) {
        throw new InputError(`Cannot create the container: ${slugIssue}`);
      }
      const containersDir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const folder = `${targetPath.replace(/\/+$/, '')}/${input.slug}`;

      const render = async () => {
        const platform = options.platform();
        if (await platform.containerExists(input.slug)) {
          throw new ConflictError(
            `containers/${input.slug} already exists in the platform repository (${platform.location}): choose another slug`,
          );
        }
        ctx.logger.info(
          `Rendering containers/_template of ${platform.location}`,
        );
        const rendered = renderNewContainer(
          await platform.readTemplate(),
          input,
        );
        for (const warning of rendered.warnings) {
          ctx.logger.warn(warning);
        }
        return rendered;
      };

      // A retried task finds the checkpoint and does not render again, unless its workspace
      // was not kept (then the files are rendered into the fresh workspace once more).
      const result = await ctx.checkpoint({
        key: `containers.create.${input.slug}`,
        fn: async () => {
          if (await containerFolderExists(containersDir, input.slug)) {
            throw new ConflictError(
              `${folder} already exists in the workspace`,
            );
          }
          const rendered = await render();
          await writeNewContainer(rendered, containersDir, folder);
          return {
            entityRef: rendered.entityRef,
            files: rendered.files.map(f => f.path),
          };
        },
      });
      if (!(await containerFolderExists(containersDir, input.slug))) {
        await writeNewContainer(await render(), containersDir, folder);
      }

      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: rendered' : 'Rendered'} ${folder} (${
          result.files.length
        } files) for ${result.entityRef}`,
      );
      ctx.output('path', folder);
      ctx.output('slug', input.slug);
      ctx.output('entityRef', result.entityRef);
      ctx.output('files', result.files);
    },
  });
}
