import {
  companionBuildArg,
  formatContainerPath,
  type ContainerPath,
} from '@dockyard/plugin-containers-common';
import { pinTarget } from './pinTarget';
import { BumpError } from './types';
import { valueAt } from './yamlEdit';

/** Where a companion is pinned: the build arg its `current` token names. */
export interface CompanionPin {
  /** Its index in `version.companions`. */
  index: number;
  /** `ICEBERG_VERSION` */
  buildArg: string;
  /** `['build', 'args', 'ICEBERG_VERSION']`: the scalar a bump sets. */
  path: ContainerPath;
}

/** A value from container.yaml, quoted and shortened for a message. */
export function quoted(value: unknown, max = 60): string {
  const text = String(value);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

interface WrittenCompanion {
  name?: unknown;
  current?: unknown;
}

/**
 * The build arg that pins companion `name` in a container as written (tokens unresolved), so
 * that a bump sets that arg and the Dockerfile's `ARG` default follows. Throws
 * {@link BumpError} when the container has no such companion, when its `current` is not a
 * `"!build.args.X"` token (then nothing ties it to what the image installs), or when the arg
 * does not hold the version itself.
 */
export function companionPin(
  container: { version?: { companions?: unknown } },
  name: string,
  label: string,
): CompanionPin {
  const companions = (
    Array.isArray(container.version?.companions)
      ? container.version!.companions
      : []
  ) as WrittenCompanion[];
  const index = companions.findIndex(c => c?.name === name);
  if (index === -1) {
    const names = companions.map(c => String(c?.name));
    throw new BumpError(
      `${label} has no companion ${quoted(name)} in version.companions (${
        names.length
          ? `it has ${names.map(n => quoted(n)).join(', ')}`
          : 'it has none'
      })`,
    );
  }
  const field = `version.companions[${index}].current`;
  const current = String(companions[index].current ?? '');
  const buildArg = companionBuildArg(current);
  if (buildArg === undefined) {
    throw new BumpError(
      `${label}: companion ${quoted(
        name,
      )} is not pinned by a build arg: ${field} is ${quoted(
        current,
      )}, not a token such as "!build.args.ICEBERG_VERSION", so a bump does not know what in the image installs it — name the build arg there, or change it by hand`,
    );
  }
  const path: ContainerPath = ['build', 'args', buildArg];
  const target = pinTarget(container, path);
  if (
    target.path.length !== path.length ||
    target.path.some((key, i) => key !== path[i])
  ) {
    throw new BumpError(
      `${label}: companion ${quoted(
        name,
      )} is pinned by build.args.${buildArg}, which is ${quoted(
        valueAt(container, path),
      )}, a token for ${formatContainerPath(
        target.path,
      )}: it moves with that field, not on its own`,
    );
  }
  if (target.composed) {
    throw new BumpError(
      `${label}: companion ${quoted(
        name,
      )} is pinned by build.args.${buildArg}, which is ${quoted(
        target.raw,
      )}, a token inside a longer string that a bump cannot set: write the version there by hand`,
    );
  }
  return { index, buildArg, path };
}
