import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';
import { parseRepoTarget, RepoTarget } from './repoTarget';

/**
 * Where the platform repository is read from.
 *
 * @public
 */
export type PlatformLocation =
  | { type: 'path'; path: string }
  | { type: 'url'; url: string };

/**
 * `containers.scaffolder.localPublish`.
 *
 * @public
 */
export interface LocalPublishConfig {
  enabled: boolean;
  /** Absolute path of the checkout to write into (undefined when not configured). */
  path?: string;
  branchPrefix: string;
  author?: { name: string; email: string };
  refreshTarget?: string;
}

/**
 * Who counts as a guest, and whether guests may create containers.
 *
 * @public
 */
export interface GuestPolicy {
  /** `containers.scaffolder.allowGuests`. Default false. */
  allowGuests: boolean;
  /**
   * The user entity refs the guest sign-in provider signs people in as, lower case: Backstage's
   * default `user:development/guest`, and `auth.providers.guest.userEntityRef` when set.
   */
  guestUserRefs: string[];
}

/**
 * `containers.scaffolder`, read once when the module starts.
 *
 * @public
 */
export interface ContainersScaffolderConfig {
  /** Undefined when not configured: the actions say so when they need it. */
  platform?: PlatformLocation;
  localPublish: LocalPublishConfig;
  guests: GuestPolicy;
  /**
   * Where the New container template's pull requests go: `pullRequestTarget`, else the
   * repository of `platform.url`. Undefined when neither is set.
   */
  pullRequestTarget?: RepoTarget;
}

/** The guest provider's own default (plugin-auth-backend-module-guest-provider). */
export const DEFAULT_GUEST_USER_REF = 'user:development/guest';

export const DEFAULT_BRANCH_PREFIX = 'dockyard/new-';

// A prefix that, with a slug after it, is always a valid git branch name.
const BRANCH_PREFIX = /^(?:[a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*[-/]?$/i;

/**
 * Reads `containers.scaffolder`.
 *
 * @param baseDir - what relative paths are resolved against (the backend's working directory,
 *   as for catalog `file` locations)
 *
 * @public
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

  const targetText = root?.getOptionalString('pullRequestTarget');
  let pullRequestTarget: RepoTarget | undefined;
  if (targetText) {
    pullRequestTarget = parseRepoTarget(targetText);
    if (!pullRequestTarget) {
      throw new InputError(
        `containers.scaffolder.pullRequestTarget: '${targetText}' is not a repository: write it as github.com?owner=example&repo=data-platform or https://github.com/example/data-platform`,
      );
    }
  } else if (platform?.type === 'url') {
    pullRequestTarget = parseRepoTarget(platform.url);
  }

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
    guests: {
      allowGuests: root?.getOptionalBoolean('allowGuests') ?? false,
      guestUserRefs: guestUserRefs(
        config.getOptionalString('auth.providers.guest.userEntityRef'),
      ),
    },
    pullRequestTarget,
  };
}

/**
 * Both the provider's default and the configured ref count as the guest: a portal that once
 * used the default may still have tasks and sessions signed in as it.
 */
function guestUserRefs(configured: string | undefined): string[] {
  const refs = [DEFAULT_GUEST_USER_REF];
  if (configured) refs.push(completeUserRef(configured));
  return [...new Set(refs)];
}

/** `guest` and `default/guest` are `user:default/guest`, as the catalog reads a short ref. */
function completeUserRef(ref: string): string {
  const colon = ref.indexOf(':');
  const kind = colon >= 0 ? ref.slice(0, colon) : 'user';
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  return `${kind}:${
    rest.includes('/') ? rest : `default/${rest}`
  }`.toLowerCase();
}
