/**
 * Every value `version.strategy` may take.
 *
 * @public
 */
export const VERSION_STRATEGIES = [
  'manual',
  'github-release',
  'github-tag',
  'docker-tags',
  'pypi',
  'http-directory',
  'maven',
  'npm',
  'helm',
  'endoflife',
] as const;

/**
 * How a container's upstream releases are found (`version.strategy`).
 *
 * @public
 */
export type VersionStrategy = (typeof VERSION_STRATEGIES)[number];

/**
 * Every value `version.filter.scheme` may take.
 *
 * @public
 */
export const VERSION_SCHEMES = [
  'semver',
  'loose',
  'pep440',
  'calver',
  'regex',
] as const;

/**
 * How versions are read and ordered (`version.filter.scheme`).
 *
 * @public
 */
export type VersionSchemeName = (typeof VERSION_SCHEMES)[number];

/**
 * One version as an upstream feed lists it.
 *
 * @public
 */
export interface UpstreamVersion {
  /** The tag or version exactly as upstream writes it (`rel/release-4.1.0`, `v3.5.1`). */
  tag: string;
  /** Release date (ISO 8601), when the feed gives it. */
  releasedAt?: string;
  /** Release notes of this version, when the feed gives them. */
  releaseNotesUrl?: string;
  /** The release's title, when the feed gives one (GitHub releases). */
  name?: string;
  /** The release's notes (Markdown as upstream wrote it, untrusted, any length), when the feed has them. */
  body?: string;
  /** The feed itself marks this version as a pre-release (GitHub's `prerelease` flag). */
  prerelease?: boolean;
}
