/** How a container compares with its upstream feed. */
export type DriftStatus = 'up-to-date' | 'behind' | 'unknown' | 'error';

/** How far `current` is behind the proposed version. */
export interface DriftDistance {
  /** Difference in the major component (0 when same major). */
  major: number;
  /** Difference in the minor component when the major is the same, else 0. */
  minor: number;
  /** Difference in the patch component when major and minor are the same, else 0. */
  patch: number;
  /** Number of upstream releases (in the same lane) newer than `current`. */
  releases: number;
  /** Days between the release dates of `current` and the proposed version, when the feed gives dates. */
  days?: number;
}

/**
 * The drift of one container: the result of one check of its upstream feed.
 * `latest` and `newest` are written the way `version.current` is written (same prefix handling,
 * same variant suffix), so they compare directly with `current`.
 */
export interface DriftResult {
  /** The container's slug (its folder name). */
  slug: string;
  /** version.strategy of the container. */
  strategy: string;
  /** Human-readable upstream, e.g. `github:trinodb/trino`, `docker.io/library/postgres`, `pypi:apache-airflow`. */
  source?: string;
  /** Link to the upstream feed for people (release page, registry page, project page). */
  sourceUrl?: string;
  /** version.current as written in container.yaml. */
  current: string;
  /** Newest version in the same lane (track, variant suffix, stability) as current. */
  latest?: string;
  /** Newest version overall (any lane), when it differs from `latest`. */
  newest?: string;
  status: DriftStatus;
  /** How far behind `latest` the current version is; absent when up to date or unknown. */
  behind?: DriftDistance;
  /** Release notes of `latest`, when known. */
  releaseNotesUrl?: string;
  /** Release date of `latest` (ISO 8601), when the feed gives it. */
  latestReleasedAt?: string;
  /** When this check ran (ISO 8601). */
  checkedAt: string;
  /** Why the status is `error` or `unknown` (for `manual`: why there is no feed). */
  error?: string;
}

/** A stored drift result as the backend serves it: the last check plus what was last good. */
export interface DriftRecord extends DriftResult {
  /** The catalog entity of the container, e.g. `component:default/trino`. */
  entityRef: string;
  /**
   * When a check last succeeded (ISO 8601). When the latest check failed, the version fields
   * (`latest`, `newest`, `behind`, …) are those of that last good check and `error` says why
   * the newest check failed.
   */
  lastSuccessAt?: string;
}
