import {
  companionBuildArg,
  ContainerSpec,
  resolveTokens,
} from '@dockyard/plugin-containers-common';
import type { DriftTarget } from './DriftEngine';

/**
 * What the drift engine checks of one container.yaml: the version block with its companions
 * and the base image, tokens resolved, and which build arg pins each companion (from the file
 * as written). `resolved` is the parser's resolved container when the caller has it; otherwise
 * the tokens are resolved here, and a token that names nothing is left as written for the
 * engine to report.
 *
 * @public
 */
export function containerDriftTarget(
  slug: string,
  written: ContainerSpec | undefined,
  resolved?: ContainerSpec,
): DriftTarget {
  let values = resolved;
  if (!values && written) {
    try {
      values = resolveTokens(written);
    } catch {
      values = written;
    }
  }
  const version = values?.version;
  const target: DriftTarget = {
    slug,
    // Without a version block the engine answers `error` for this container.
    version: version && {
      ...version,
      current: String(version.current ?? ''),
      ...(Array.isArray(version.companions)
        ? {
            companions: version.companions.map(companion => ({
              ...companion,
              current: String(companion?.current ?? ''),
            })),
          }
        : {}),
    },
  };
  const baseImage = values?.runtime?.base_image;
  if (typeof baseImage === 'string' && baseImage.trim() !== '') {
    target.baseImage = baseImage;
  }
  const pins: Record<string, string> = {};
  for (const companion of written?.version?.companions ?? []) {
    const arg = companionBuildArg(companion?.current);
    if (arg && typeof companion.name === 'string') {
      pins[companion.name] = `build.args.${arg}`;
    }
  }
  if (Object.keys(pins).length > 0) target.companionPins = pins;
  return target;
}
