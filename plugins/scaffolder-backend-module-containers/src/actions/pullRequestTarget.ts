import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GuestPolicy } from '../config';
import {
  parseRepoTarget,
  RepoTarget,
  repoUrlOf,
  sameRepoTarget,
} from '../repoTarget';
import { DEFAULT_GUEST_POLICY, refuseGuests } from './guests';
import { examples } from './pullRequestTarget.examples';

/**
 * Options of {@link createContainersPullRequestTargetAction}.
 *
 * @public
 */
export interface ContainersPullRequestTargetActionOptions {
  /** The configured target (`containers.scaffolder.pullRequestTarget`, or `platform.url`'s repository). */
  target?: RepoTarget;
  /** Whether guests may open pull requests (`containers.scaffolder.allowGuests`); default: no. */
  guests?: GuestPolicy;
}

/**
 * `containers:pull-request-target`: the repository new containers' pull requests go to, from the
 * backend's config. The template passes its output to `publish:github:pull-request`, so the
 * target is the server's choice; a repository named in the task's input is refused unless it is
 * that one (the form is not the only client of the task API).
 *
 * @public
 */
export function createContainersPullRequestTargetAction(
  options: ContainersPullRequestTargetActionOptions,
) {
  return createTemplateAction({
    id: 'containers:pull-request-target',
    description:
      "The platform repository new containers' pull requests go to, fixed by the backend's config (containers.scaffolder.pullRequestTarget); refuses any other repository",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The repository the template asks for (host?owner=…&repo=…); refused unless it is the configured one',
            ),
      },
      output: {
        repoUrl: z =>
          z
            .string()
            .describe(
              'The configured repository, as publish:github:pull-request takes it: host?owner=…&repo=…',
            ),
      },
    },
    async handler(ctx) {
      await refuseGuests(
        ctx,
        options.guests ?? DEFAULT_GUEST_POLICY,
        'containers:pull-request-target',
      );
      const { target } = options;
      if (!target) {
        throw new InputError(
          'This portal opens no pull requests for new containers: set containers.scaffolder.pullRequestTarget (or platform.url) to the platform repository, or publish into the local checkout',
        );
      }
      const configured = repoUrlOf(target);
      const requested = ctx.input.repoUrl?.trim();
      if (requested) {
        const asked = parseRepoTarget(requested);
        if (!asked || !sameRepoTarget(asked, target)) {
          throw new NotAllowedError(
            `Pull requests for new containers go to ${configured} only (containers.scaffolder.pullRequestTarget); refusing ${JSON.stringify(
              requested.slice(0, 200),
            )}`,
          );
        }
      }
      ctx.logger.info(`The pull request goes to ${configured}`);
      ctx.output('repoUrl', configured);
    },
  });
}
