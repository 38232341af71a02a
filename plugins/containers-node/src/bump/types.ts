import type { BumpChange } from './classifyBump';

/** One asked bump: a container and the version it should package. */
export interface BumpRequest {
  slug: string;
  /** The new `version.current`, written the way container.yaml writes it. */
  to: string;
}

/** `bumped`: files changed (or would, in a dry run); `unchanged`: already there; `error`: refused. */
export type BumpStatus = 'bumped' | 'unchanged' | 'error';

/** One file a bump changes, before and after (paths relative to the platform, `/`-separated). */
export interface BumpFileChange {
  path: string;
  before: string;
  after: string;
}

/** What happened to one container. */
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
  /** The base image when it moved with the version (new tag, and new digest when pinned). */
  baseImage?: { from: string; to: string };
}

/** Where bump reports what it skipped (Backstage's LoggerService fits). */
export interface BumpLogger {
  warn(message: string): void;
}

/** A bump refused for a reason a person can act on; nothing is written. */
export class BumpError extends Error {
  name = 'BumpError';
}
