import type { DriftDistance, EolState, PinnedVersionStatus } from './types';

/**
 * Which pinned version of a container a history point is about.
 *
 * @public
 */
export type PinnedVersionKind = 'main' | 'companion' | 'base-image';

/**
 * One stored check of one pinned version: written when its status, versions, distance,
 * the container's overall status or end-of-life state changed, and once a day at least.
 *
 * @public
 */
export interface DriftHistoryPoint {
  /** When the check ran (ISO 8601). */
  checkedAt: string;
  kind: PinnedVersionKind;
  /** The companion's name, or the base image's name (`docker.io/library/python`). */
  name?: string;
  status: PinnedVersionStatus;
  /** The pinned version (for a base image: its tag, or its digest when it has no tag). */
  current?: string;
  /** The newest version in its lane (for a base image: the newest tag, or the tag's digest). */
  latest?: string;
  behind?: DriftDistance;
  /** The container's overall status at that check. */
  overallStatus: PinnedVersionStatus;
  /** Main version only: where it stood in its support lifecycle, when `version.eol` is set. */
  eol?: EolState;
}

/**
 * The drift history of one container (`GET /drift/history?entityRef=`).
 *
 * @public
 */
export interface EntityDriftHistory {
  entityRef: string;
  /** When the container's current behind streak began (ISO 8601); absent when not behind. */
  behindSince?: string;
  /** The first day (`YYYY-MM-DD`, UTC) the points cover. */
  from: string;
  /** Oldest first. */
  points: DriftHistoryPoint[];
}

/**
 * The containers of one day (UTC), each counted by the last check of that day.
 *
 * @public
 */
export interface DriftTrendDay {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Containers checked that day. */
  containers: number;
  /** Whose overall status was `behind`. */
  behind: number;
  /** Whose check failed (overall status `error`). */
  failing: number;
  /** Whose version in use was past its end of life. */
  pastEol: number;
  /**
   * The median of `behind.days` (days between the release of current and of latest) over the
   * containers whose main version was behind; absent when none was, or no feed gave dates.
   */
  medianDaysBehind?: number;
}

/**
 * Platform-wide drift per day (`GET /drift/history`), over the containers the caller may read.
 * A day without any check has no entry.
 *
 * @public
 */
export interface DriftTrend {
  /** The first day asked for (`YYYY-MM-DD`, UTC). */
  from: string;
  /** The last day: today (UTC). */
  to: string;
  /** Oldest first. */
  days: DriftTrendDay[];
}
