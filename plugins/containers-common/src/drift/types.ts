/**
 * How a container (its main version, or one companion) compares with its upstream feed.
 *
 * @public
 */
export type DriftStatus = 'up-to-date' | 'behind' | 'unknown' | 'error';

/**
 * How a digest-pinned base image compares with its registry: `behind` when a newer tag exists in
 * the lane of the pinned tag, `rebuilt` when the pinned tag now points at another digest.
 *
 * @public
 */
export type BaseImageStatus =
  | 'up-to-date'
  | 'behind'
  | 'rebuilt'
  | 'unknown'
  | 'error';

/**
 * The status of any pinned version (main, companion, base image) and of a container overall.
 *
 * @public
 */
export type PinnedVersionStatus = DriftStatus | BaseImageStatus;

/**
 * How far `current` is behind the proposed version.
 *
 * @public
 */
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
 * Why a release deserves a look before upgrading: its notes mention a breaking change, a
 * deprecation, a removal or a security fix, or it starts a new major version.
 *
 * @public
 */
export type ReleaseHighlight =
  | 'breaking'
  | 'deprecation'
  | 'removal'
  | 'security'
  | 'major';

/**
 * One upstream release between `current` (exclusive) and `latest` (inclusive), as the drift
 * card lists it. `version` is written the way `current` is written.
 *
 * @public
 */
export interface ReleaseNote {
  version: string;
  /** The release's title, when the feed gives one (GitHub releases). */
  name?: string;
  /** When it was published (ISO 8601), when the feed says. */
  publishedAt?: string;
  /** Its release notes: `version.release_notes` filled in, else the feed's own link. */
  url?: string;
  /** The notes themselves (Markdown as upstream wrote it, untrusted), bounded in length. */
  body?: string;
  /** Set when `body` was cut to its bound; the full notes are at `url`. */
  bodyTruncated?: true;
  highlights?: ReleaseHighlight[];
}

/**
 * One companion: another upstream version the image pins (`version.companions[]`, usually in a
 * build arg), checked like the main version. `latest` and `newest` are written the way its
 * `current` is written.
 *
 * @public
 */
export interface CompanionDrift {
  /** `version.companions[].name`, unique within the container (`iceberg-spark-runtime`). */
  name: string;
  /** The companion's strategy. */
  strategy: string;
  /** Human-readable upstream, e.g. `maven:org.apache.iceberg:iceberg-spark-runtime-3.5_2.12`. */
  source?: string;
  /** Link to the upstream feed for people. */
  sourceUrl?: string;
  /**
   * The container.yaml field that holds the pinned value when `current` is a token, without
   * the `!`: `build.args.ICEBERG_VERSION`. A bump edits that field.
   */
  pinnedBy?: string;
  /** The pinned version (the token resolved). */
  current: string;
  /** Newest version in the same lane as current. */
  latest?: string;
  /** Newest version overall, when it differs from `latest`. */
  newest?: string;
  status: DriftStatus;
  /** How far behind `latest`; absent when up to date or unknown. */
  behind?: DriftDistance;
  releaseNotesUrl?: string;
  /** Release date of `latest` (ISO 8601), when the feed gives it. */
  latestReleasedAt?: string;
  /** The releases after `current` up to `latest`, newest first (at most {@link MAX_RELEASE_NOTES}). */
  releases?: ReleaseNote[];
  /** Why the status is `error` or `unknown`. */
  error?: string;
  /** Stored records only: when this companion's check last succeeded (ISO 8601). */
  lastSuccessAt?: string;
}

/**
 * The base image (`runtime.base_image`, tokens resolved): whether a newer tag exists in the lane
 * of the pinned tag (`3.12.7-slim-bookworm` → `3.12.8-slim-bookworm`, the variant kept), and
 * whether the pinned tag now points at another digest than the one pinned (rebuilt upstream).
 * When both hold, `status` is `behind` and {@link baseImageRebuilt} still tells the rebuild.
 *
 * @public
 */
export interface BaseImageDrift {
  /** The image name as written, without tag and digest (`docker.io/library/python`, `python`). */
  image: string;
  /** The registry and repository it stands for: `docker.io/library/python`. */
  source?: string;
  /** Link to the image's page for people (Docker Hub, Quay…), when known. */
  sourceUrl?: string;
  /** The pinned tag (`3.12-slim-bookworm`); absent when the image is pinned by digest only. */
  tag?: string;
  /** The pinned digest (`sha256:…`); absent when the reference has none (then no rebuild check). */
  digest?: string;
  /** The digest the pinned tag points at now, from the registry. */
  latestDigest?: string;
  /**
   * The newest tag in the lane of the pinned tag, written the same way (equal to `tag` when none
   * is newer). A moving tag (`3.12-slim-bookworm` while `3.12.8-slim-bookworm` exists) is its
   * own lane: it moves by rebuilds, which `latestDigest` shows.
   */
  latestTag?: string;
  /** The newest tag of the same variant in any lane, when it differs from `latestTag`. */
  newestTag?: string;
  status: BaseImageStatus;
  /** How far `latestTag` is ahead of `tag`, when behind. */
  behind?: DriftDistance;
  /** When the image `latestDigest` names was built (its config's `created`), when rebuilt and known. */
  rebuiltAt?: string;
  /** Why the status is `error` or `unknown`, or why part of the check could not be done. */
  error?: string;
  /** Stored records only: when this base image's check last succeeded (ISO 8601). */
  lastSuccessAt?: string;
}

/**
 * Where the version in use stands in its product's support lifecycle (endoflife.date):
 * `supported`, `warning` (its end of life is inside the warning window), `eol` (past its end of
 * life, from the end-of-life date itself on) or `unknown` (no such product or cycle, or the
 * lookup failed; `error` says why).
 *
 * @public
 */
export type EolState = 'supported' | 'warning' | 'eol' | 'unknown';

/**
 * The end of life of the version in use (`version.eol` of container.yaml): its endoflife.date
 * product and release cycle, joined with that cycle's dates. `state` and `daysToEol` depend on
 * the day: what the backend serves is worked out for the day it answers.
 *
 * @public
 */
export interface EolInfo {
  /** The endoflife.date product (`postgresql`). */
  product: string;
  /** The release cycle of the version in use (`17`, `3.12`), written or derived from `current`. */
  cycle: string;
  state: EolState;
  /** The cycle's end of life (`YYYY-MM-DD`); absent when it has none, or none is known. */
  eolDate?: string;
  /** Days from today (UTC) to `eolDate`: 0 on that day, negative once past. */
  daysToEol?: number;
  /** The end of the cycle's active support (`YYYY-MM-DD`), when the product gives one. */
  supportedUntil?: string;
  /** The product's newest cycle still supported (`cycle` itself when it is the newest). */
  latestCycle?: string;
  /** Why `state` is `unknown`, or why the last lookup failed. */
  error?: string;
}

/**
 * The drift of one container: the result of one check of its upstream feed.
 * `latest` and `newest` are written the way `version.current` is written (same prefix handling,
 * same variant suffix), so they compare directly with `current`.
 *
 * @public
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
  /**
   * The releases after `current` up to `latest`, newest first (at most
   * {@link MAX_RELEASE_NOTES}; `behind.releases` counts them all): name, date, link, notes.
   */
  releases?: ReleaseNote[];
  /** When this check ran (ISO 8601). */
  checkedAt: string;
  /** Why the status is `error` or `unknown` (for `manual`: why there is no feed). */
  error?: string;
  /**
   * One entry per `version.companions[]`, in order. Absent in records stored before
   * companions existed and for containers without any.
   */
  companions?: CompanionDrift[];
  /** The base image's freshness; absent when there is no `runtime.base_image` (and in old records). */
  baseImage?: BaseImageDrift;
  /**
   * The worst of the main version, the companions and the base image (see
   * {@link overallDriftStatus}, which also answers for old records without this field).
   * The top-level `status` stays the main version's.
   */
  overallStatus?: PinnedVersionStatus;
  /** The end of life of the version in use, when container.yaml sets `version.eol`. */
  eol?: EolInfo;
}

/**
 * A stored drift result as the backend serves it: the last check plus what was last good.
 *
 * @public
 */
export interface DriftRecord extends DriftResult {
  /** The catalog entity of the container, e.g. `component:default/trino`. */
  entityRef: string;
  /**
   * When a check last succeeded (ISO 8601). When the latest check failed, the version fields
   * (`latest`, `newest`, `behind`, …) are those of that last good check and `error` says why
   * the newest check failed.
   */
  lastSuccessAt?: string;
  /**
   * Served records only: when the container's current behind streak began (ISO 8601), from
   * the drift history. A failed check does not end a streak (the last good result still
   * stands); any other status than `behind` overall does. Absent when it is not behind.
   */
  behindSince?: string;
  /**
   * Checks in a row whose overall status was `error` (any pinned version failed); 0 after a
   * check without error. Absent in records stored before it was counted.
   */
  consecutiveFailures?: number;
  /**
   * Served only for a container never checked yet, whose first check is on its way: `status`
   * is `unknown`, `checkedAt` is empty and there are no upstream fields (`latest`, `behind`…).
   */
  pending?: true;
}
