import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';

/** Where the platform repository is read from. */
export type PlatformLocation =
  | { type: 'path'; path: string }
  | { type: 'url'; url: string };

/** `containers.scaffolder.localPublish`. */
export interface LocalPublishConfig {
  enabled: boolean;
  /** Absolute path of the checkout to write into (undefined when not configured). */
  path?: string;
  branchPrefix: string;
  author?: { name: string; email: string };
  refreshTarget?: string;
}

/** `containers.scaffolder`, read once when the module starts. */
export interface ContainersScaffolderConfig {
  /** Undefined when not configured: the actions say so when they need it. */
  platform?: PlatformLocation;
  localPublish: LocalPublishConfig;
}

export const DEFAULT_BRANCH_PREFIX = 'dockyard/new-';

// A prefix that, with a slug after it, is always a valid git branch name.
const BRANCH_PREFIX = /^(?:[a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*[-/]?$/i;

/**
 * Reads `containers.scaffolder`.
 *
 * @param baseDir - what relative paths are resolved against (the backend's working directory,
 *   as for catalog `file` locations)
 */
export function readContainersScaffolderConfig(
  config: Config,
  baseDir: string = process.cwd(),
): ContainersScaffolderConfig {
  const root = config.getOptionalConfig('containers.scaffolder');
  const platformPath = root?.getOptionalString('platform.path');
  const platformUrl = root?.getOptionalString('platform.url');
  if (platformPath && platformUrl) {
    throw new InputError(
      "containers.scaffolder.platform: set either 'path' (a local checkout) or 'url', not both",
    );
  }
  let platform: PlatformLocation | undefined;
  if (platformPath) {
    platform = { type: 'path', path: resolvePath(baseDir, platformPath) };
  } else if (platformUrl) {
    if (!/^https?:\/\//.test(platformUrl)) {
      throw new InputError(
        `containers.scaffolder.platform.url: '${platformUrl}' must be an http(s) URL`,
      );
    }
    platform = { type: 'url', url: platformUrl.replace(/\/+$/, '') };
  }

  const local = root?.getOptionalConfig('localPublish');
  const localPath =
    local?.getOptionalString('path') ??
    (platform?.type === 'path' ? platform.path : undefined);
  const branchPrefix =
    local?.getOptionalString('branchPrefix') ?? DEFAULT_BRANCH_PREFIX;
  if (!BRANCH_PREFIX.test(branchPrefix) || branchPrefix.includes('..')) {
    throw new InputError(
      `containers.scaffolder.localPublish.branchPrefix: '${branchPrefix}' is not a usable git branch prefix (for example dockyard/new-)`,
    );
  }
  const author = local?.getOptionalConfig('author');
  return {
    platform,
    localPublish: {
      enabled: local?.getOptionalBoolean('enabled') ?? false,
      path: localPath ? resolvePath(baseDir, localPath) : undefined,
      branchPrefix,
      author: author
        ? { name: author.getString('name'), email: author.getString('email') }
        : undefined,
      refreshTarget: local?.getOptionalString('refreshTarget'),
    },
  };
}
