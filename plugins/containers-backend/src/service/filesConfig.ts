import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { dirname, resolve as resolvePath } from 'node:path';

/** The largest file served by default: a runbook or a compose file is far smaller. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

/** How the backend serves files of containers read from a local folder (`containers.files`). */
export interface FilesConfig {
  /** Absolute folders whose files may be served; nothing outside them is. */
  allowedRoots: string[];
  /** Files larger than this are refused. */
  maxBytes: number;
}

/**
 * Reads `containers.files`. Without `allowedRoots`, the roots are, for every local container
 * target `catalog.providers.containers.<id>.path`, that folder itself and the `docs` folder beside
 * it (`../../containers` → `../../containers`, `../../docs`): container.yaml points at
 * `../../docs/…` and at other containers' folders. Never the whole checkout around them, which
 * holds the portal's own config (an ignored `app-config.local.yaml`) when the portal runs from it.
 *
 * @param baseDir - what relative paths are resolved against (the backend's working directory,
 *   as for catalog `file` locations and the container targets themselves)
 */
export function readFilesConfig(
  config: Config,
  baseDir: string = process.cwd(),
): FilesConfig {
  const files = config.getOptionalConfig('containers.files');
  const configuredRoots = files?.getOptionalStringArray('allowedRoots');
  const allowedRoots = configuredRoots
    ? configuredRoots.map(root => resolvePath(baseDir, root))
    : localTargetFolders(config, baseDir);

  const maxBytes =
    files?.getOptionalNumber('maxBytes') ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new InputError(
      `containers.files.maxBytes must be a positive whole number of bytes, got ${maxBytes}`,
    );
  }
  return { allowedRoots: [...new Set(allowedRoots)], maxBytes };
}

function localTargetFolders(config: Config, baseDir: string): string[] {
  const targets = config.getOptionalConfig('catalog.providers.containers');
  if (!targets) {
    return [];
  }
  return targets.keys().flatMap(id => {
    const path = targets.getConfig(id).getOptionalString('path');
    if (!path) {
      return [];
    }
    const containers = resolvePath(baseDir, path);
    return [containers, resolvePath(dirname(containers), 'docs')];
  });
}
