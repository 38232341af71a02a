import { toError } from '@backstage/errors';
import {
  companionBuildArg,
  deriveImageTags,
  resolveContainerTokens,
} from '@dockyard/plugin-containers-common';
import type { ContainerDocument } from './container';

/** The revision tag as the rule it follows: the browser does not know the git revision built. */
export const REVISION_TAG_RULE = 'sha-<revision>';

/**
 * The container with every `!token` resolved by the shared parser. Tokens that cannot be resolved
 * stay as written and are reported, so the tab still shows everything else.
 */
export function resolveContainer(container: ContainerDocument): {
  resolved: ContainerDocument;
  problems: string[];
} {
  try {
    const { resolved, problems } = resolveContainerTokens(container);
    return {
      resolved,
      problems: problems.map(problem => problem.message),
    };
  } catch (error) {
    return { resolved: container, problems: [toError(error).message] };
  }
}

/**
 * Every image the container is published as, with the tags the platform's rule derives; the
 * `sha-<12 hex>` tag of the git revision is shown as its rule.
 */
export function publishedImages(
  resolved: ContainerDocument,
): { image: string; tags: string[] }[] {
  const targets = resolved.publish?.targets ?? [];
  return deriveImageTags(resolved).map(({ image, tags }, index) => {
    // Index 0 is publish.image; a target with its own tags gets exactly those.
    const derived = index === 0 || !targets[index - 1]?.tags;
    return { image, tags: derived ? [...tags, REVISION_TAG_RULE] : tags };
  });
}

/**
 * The build args that pin a tracked companion, with the companions' names, from the file as
 * written (`version.companions[].current` naming `build.args.X`). A companion written as a plain
 * version pins no arg.
 */
export function trackedBuildArgs(
  container: ContainerDocument,
): Map<string, string[]> {
  const tracked = new Map<string, string[]>();
  const companions = container.version?.companions;
  for (const companion of Array.isArray(companions) ? companions : []) {
    const arg = companionBuildArg(companion?.current);
    if (arg && typeof companion.name === 'string') {
      tracked.set(arg, [...(tracked.get(arg) ?? []), companion.name]);
    }
  }
  return tracked;
}
