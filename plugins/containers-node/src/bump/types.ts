import type { BumpChange } from './classifyBump';

/**
 * One asked bump of a container: its version, one of its companions, its base image's digest,
 * or the version and the base image together.
 *
 * @public
 */
export interface BumpRequest {
  slug: string;
  /**
   * The new `version.current`, written the way container.yaml writes it; with `companion`, that
   * companion's new version. Optional only with `base` and no `companion`.
   */
  to?: string;
  /**
   * The `version.companions[].name` that `to` is for: the build arg its `current` token names
   * is set (and the Dockerfile's `ARG` default follows); `version.current` stays.
   */
  companion?: string;
  /**
   * Re-pin a digest-pinned `runtime.base_image` to the digest its tag names on the registry now
   * (the tag was rebuilt upstream). Nothing to do when the base image moved with the version.
   */
  base?: boolean;
}

/**
 * `bumped`: files changed (or would, in a dry run); `unchanged`: already there; `error`: refused.
 *
 * @public
 */
export type BumpStatus = 'bumped' | 'unchanged' | 'error';

/**
 * One file a bump changes, before and after (paths relative to the platform, `/`-separated).
 *
 * @public
 */
export interface BumpFileChange {
  path: string;
  before: string;
  after: string;
}

/**
 * What happened to one container.
 *
 * @public
 */
export interface BumpResult {
  slug: string;
  /** The container's name, when its file could be read. */
  name?: string;
  /** `version.current` before the bump, when the file could be read. */
  from?: string;
  /** The version asked for (or, with `behind`, the latest in the container's lane). */
  to?: string;
  status: BumpStatus;
  /** Why the bump was refused (status `error`); nothing was written for this container. */
  error?: string;
  /** Paths of the files changed, relative to the platform (`containers/trino/container.yaml`, `README.md`). */
  files: string[];
  /** The changes themselves, for a diff, a commit or a pull request. */
  changes: BumpFileChange[];
  /** How large the bump is, when the versions compare. */
  change?: BumpChange;
  /** Release notes of `to`, when the upstream feed gives them (`behind` runs). */
  releaseNotesUrl?: string;
  /** `catalog.rollback.runbook`, relative to the platform (or a URL), when the container has one. */
  rollbackRunbook?: string;
  /**
   * The base image when it moved: with the version (new tag, and new digest when pinned), to a
   * newer tag of its lane, or to the digest its tag names now.
   */
  baseImage?: BaseImageMove;
  /** The companions moved (their build args set), in the order of `version.companions`. */
  companions?: CompanionMove[];
  /**
   * What a `behind` run found behind but left alone, and why (a companion pinned by no build
   * arg, a base image tag that moves with the version…); the rest of the bump went ahead.
   */
  skipped?: SkippedMove[];
}

/**
 * Why the base image moved.
 *
 * @public
 */
export type BaseImageMoveReason =
  /** Its tag carries `version.current` and moved with it. */
  | 'version'
  /** Same tag, new digest: the tag was rebuilt upstream. */
  | 'rebuilt'
  /** A newer tag of the same lane (`3.12.7-slim-bookworm` → `3.12.8-slim-bookworm`). */
  | 'newer-tag';

/**
 * The base image before and after a bump (`runtime.base_image`, tokens resolved).
 *
 * @public
 */
export interface BaseImageMove {
  from: string;
  to: string;
  /** Absent in results made before base image re-pins existed: read it as `version`. */
  reason?: BaseImageMoveReason;
}

/**
 * One companion a bump moved.
 *
 * @public
 */
export interface CompanionMove {
  /** `version.companions[].name` */
  name: string;
  from: string;
  to: string;
  /** The build arg set: `ICEBERG_VERSION`. */
  buildArg: string;
  /** How large the move is, when the versions compare. */
  change?: BumpChange;
  /** Release notes of `to`, when the upstream feed gives them (`behind` runs). */
  releaseNotesUrl?: string;
}

/**
 * A move a `behind` run left alone.
 *
 * @public
 */
export interface SkippedMove {
  /** What would have moved: `companion iceberg-spark-runtime`, `base image`. */
  what: string;
  /** The version or image it would have moved to, when known. */
  to?: string;
  reason: string;
}

/**
 * Where bump reports what it skipped (Backstage's LoggerService fits).
 *
 * @public
 */
export interface BumpLogger {
  warn(message: string): void;
}

/**
 * A bump refused for a reason a person can act on; nothing is written.
 *
 * @public
 */
export class BumpError extends Error {
  name = 'BumpError';
}
