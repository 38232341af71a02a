import { DriftDistance, PinnedVersionStatus } from './types';

/**
 * The words people read about drift, in one place so that the drift card, the overview, the
 * `dockyard drift` table and the backend's log say the same thing the same way.
 */

/**
 * A count with its noun: "1 release", "7 releases".
 *
 * @public
 */
export function plural(
  count: number,
  singular: string,
  pluralForm = `${singular}s`,
): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The words shown for a drift status, everywhere a person reads one (chips, tiles, filters).
 *
 * @public
 */
export const DRIFT_STATUS_LABELS: Record<PinnedVersionStatus, string> = {
  'up-to-date': 'Up to date',
  behind: 'Behind',
  rebuilt: 'Rebuilt upstream',
  error: 'Check failed',
  unknown: 'Unknown',
};

/**
 * The words for the status of one pinned part. A base image is `behind` when a newer tag exists
 * in its lane, which people read better as "Newer tag".
 *
 * @public
 */
export function pinnedStatusLabel(
  status: PinnedVersionStatus,
  part: 'version' | 'base-image' = 'version',
): string {
  return part === 'base-image' && status === 'behind'
    ? 'Newer tag'
    : DRIFT_STATUS_LABELS[status];
}

/**
 * How a status reads at a glance; a frontend maps each tone to its theme's colour.
 *
 * @public
 */
export type DriftTone = 'ok' | 'warning' | 'error' | 'neutral';

/**
 * The tone of each drift status: what needs a change warns, a failed check is an error.
 *
 * @public
 */
export const DRIFT_STATUS_TONES: Record<PinnedVersionStatus, DriftTone> = {
  'up-to-date': 'ok',
  behind: 'warning',
  rebuilt: 'warning',
  error: 'error',
  unknown: 'neutral',
};

/**
 * The biggest step of a distance in words: "1 major", "3 minor", "2 patch".
 * Undefined when the versions do not differ in major, minor or patch.
 *
 * @public
 */
export function describeStep(behind: DriftDistance): string | undefined {
  if (behind.major > 0) return `${behind.major} major`;
  if (behind.minor > 0) return `${behind.minor} minor`;
  if (behind.patch > 0) return `${behind.patch} patch`;
  return undefined;
}

/**
 * The releases and days of a distance: "7 releases · 212 days" (or joined by `separator`);
 * empty when there are none.
 *
 * @public
 */
export function describeLag(
  behind: DriftDistance | undefined,
  separator = ' · ',
): string {
  if (!behind) return '';
  const parts: string[] = [];
  if (behind.releases > 0) parts.push(plural(behind.releases, 'release'));
  if (behind.days !== undefined && behind.days > 0) {
    parts.push(plural(behind.days, 'day'));
  }
  return parts.join(separator);
}

/**
 * How far behind, in the words a platform engineer uses:
 * "1 major · 7 releases · 212 days". Empty when there is no distance.
 *
 * @public
 */
export function describeDistance(behind: DriftDistance | undefined): string {
  if (!behind) return '';
  return [describeStep(behind), describeLag(behind)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The order and words of a count of containers by status, as summaries print it. The words are
 * tally headings, the same for every count ("1 errors"), so the line keeps one shape that CI
 * logs are searched by. A base image rebuilt upstream is rare: its count is said only when
 * there is one.
 */
const STATUS_COUNTS: {
  status: PinnedVersionStatus;
  words: string;
  whenZero: boolean;
}[] = [
  { status: 'behind', words: 'behind', whenZero: true },
  { status: 'rebuilt', words: 'rebuilt', whenZero: false },
  { status: 'up-to-date', words: 'up to date', whenZero: true },
  { status: 'unknown', words: 'unknown', whenZero: true },
  { status: 'error', words: 'errors', whenZero: true },
];

/**
 * Containers counted by (overall) status, for a summary line or a log:
 * "2 behind, 1 rebuilt, 5 up to date, 0 unknown, 1 errors".
 *
 * @public
 */
export function describeStatusCounts(
  statuses: readonly PinnedVersionStatus[],
): string {
  return STATUS_COUNTS.map(({ status, words, whenZero }) => {
    const count = statuses.filter(s => s === status).length;
    return count > 0 || whenZero ? `${count} ${words}` : undefined;
  })
    .filter(Boolean)
    .join(', ');
}

/**
 * A digest as people compare it at a glance: `sha256:` and the first 12 hex digits.
 *
 * @public
 */
export function shortDigest(digest: string): string {
  const match = /^([a-z0-9]+):([0-9a-f]{12})[0-9a-f]*$/i.exec(digest);
  return match ? `${match[1]}:${match[2]}` : digest;
}
