/** Every value `version.strategy` may take. */
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

/** How a container's upstream releases are found (`version.strategy`). */
export type VersionStrategy = (typeof VERSION_STRATEGIES)[number];

/** Every value `version.filter.scheme` may take. */
export const VERSION_SCHEMES = [
  'semver',
  'loose',
  'pep440',
  'calver',
  'regex',
] as const;

/** How versions are read and ordered (`version.filter.scheme`). */
export type VersionSchemeName = (typeof VERSION_SCHEMES)[number];

/** `version.source`: where the upstream feed is; which fields apply depends on the strategy. */
export interface ContainerVersionSource {
  /** github-release, github-tag: `owner/name`. */
  repo?: string;
  /** github-release, github-tag: the GitHub host (GitHub Enterprise); default `github.com`. */
  host?: string;
  /** docker-tags: the image, registry host first (`docker.io/library/postgres`). */
  image?: string;
  /** pypi, npm: the package; maven: `group:artifact`. */
  package?: string;
  /** http-directory: the listing page; helm: the chart repository; maven: another repository. */
  url?: string;
  /** http-directory: a regex whose group 1 is the version. */
  regex?: string;
  /** helm: the chart's name in the repository index. */
  chart?: string;
  /** endoflife: the endoflife.date product id. */
  product?: string;
}

/** `version.filter`: which upstream tags are candidates and how they are compared. */
export interface ContainerVersionFilter {
  /** Removed from upstream tags before comparing (`rel/release-`); `v` and a few common ones always are. */
  strip_prefix?: string;
  /** Only tags matching this regex (against the tag as upstream writes it) are candidates. */
  include_regex?: string;
  /** Tags matching any of these (against the tag as upstream writes it) are ignored. */
  exclude_regex?: string[];
  /** A lane such as `4.1.*`: only versions in it are proposed as latest. */
  track?: string;
  /** `true` to propose pre-releases even when `current` is stable. */
  prerelease?: boolean;
  /** How versions are read; inferred from `current` and the strategy when absent. */
  scheme?: VersionSchemeName;
  /** With `scheme: regex`: a regex with named groups in comparison order. */
  pattern?: string;
}

/**
 * One `version.companions[]` entry: another upstream version the image pins (usually in a build
 * arg), found and compared like the main version.
 */
export interface ContainerCompanionSpec {
  /** Unique within the container: `iceberg-spark-runtime`. */
  name: string;
  strategy: string;
  /** The pinned version; as written usually a token (`!build.args.ICEBERG_VERSION`). */
  current: string;
  source?: ContainerVersionSource;
  filter?: ContainerVersionFilter;
  notes?: string;
}

/** The `version` block of container.yaml, as the drift engine reads it. */
export interface ContainerVersionSpec {
  strategy: string;
  current: string;
  component?: string;
  source?: ContainerVersionSource;
  filter?: ContainerVersionFilter;
  notes?: string;
  companions?: ContainerCompanionSpec[];
}

/** One version as an upstream feed lists it. */
export interface UpstreamVersion {
  /** The tag or version exactly as upstream writes it (`rel/release-4.1.0`, `v3.5.1`). */
  tag: string;
  /** Release date (ISO 8601), when the feed gives it. */
  releasedAt?: string;
  /** Release notes of this version, when the feed gives them. */
  releaseNotesUrl?: string;
  /** The feed itself marks this version as a pre-release (GitHub's `prerelease` flag). */
  prerelease?: boolean;
}
