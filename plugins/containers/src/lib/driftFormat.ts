import {
  PINNED_STATUS_ORDER,
  type DriftDistance,
  type DriftRecord,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';

/** The words shown for a drift status, everywhere the status appears. */
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
 */
export function pinnedStatusLabel(
  status: PinnedVersionStatus,
  part: 'version' | 'base-image' = 'version',
): string {
  return part === 'base-image' && status === 'behind'
    ? 'Newer tag'
    : DRIFT_STATUS_LABELS[status];
}

/** The strategy with no upstream feed: drift is `unknown` by design. */
export const MANUAL_STRATEGY = 'manual';

/**
 * Worst first, so sorting by status puts what needs attention on top: failed checks, then
 * containers behind, then base images rebuilt upstream, then unknown, then up to date. The
 * reverse of the shared order that also decides a container's overall status.
 */
export function driftStatusRank(status: PinnedVersionStatus): number {
  const index = PINNED_STATUS_ORDER.indexOf(status);
  // A status this code does not know (a newer backend) sorts as unknown, like the shared order.
  const known = index === -1 ? PINNED_STATUS_ORDER.indexOf('unknown') : index;
  return PINNED_STATUS_ORDER.length - 1 - known;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The biggest step of a distance in words: "1 major", "3 minor", "2 patch".
 * Undefined when the versions do not differ in major, minor or patch.
 */
export function describeStep(behind: DriftDistance): string | undefined {
  if (behind.major > 0) return `${behind.major} major`;
  if (behind.minor > 0) return `${behind.minor} minor`;
  if (behind.patch > 0) return `${behind.patch} patch`;
  return undefined;
}

/** The releases and days of a distance: "7 releases · 212 days"; empty when there are none. */
export function describeLag(behind: DriftDistance | undefined): string {
  if (!behind) return '';
  const parts: string[] = [];
  if (behind.releases > 0) parts.push(plural(behind.releases, 'release'));
  if (behind.days !== undefined && behind.days > 0) {
    parts.push(plural(behind.days, 'day'));
  }
  return parts.join(' · ');
}

/**
 * How far behind, in the words a platform engineer uses:
 * "1 major · 7 releases · 212 days". Empty when there is no distance.
 */
export function describeDistance(behind: DriftDistance | undefined): string {
  if (!behind) return '';
  return [describeStep(behind), describeLag(behind)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Orders distances: a major step outweighs any number of minors, and so on; releases and days
 * break ties. Absent distances (up to date, unknown) sort as zero.
 */
export function compareDistance(
  a: DriftDistance | undefined,
  b: DriftDistance | undefined,
): number {
  const keys: (keyof DriftDistance)[] = [
    'major',
    'minor',
    'patch',
    'releases',
    'days',
  ];
  for (const key of keys) {
    const diff = (a?.[key] ?? 0) - (b?.[key] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when a container's version is kept by hand, so there is no drift to compute. */
export function isManual(
  record: Pick<DriftRecord, 'strategy'> | undefined,
  strategyAnnotation?: string,
): boolean {
  return (record?.strategy ?? strategyAnnotation) === MANUAL_STRATEGY;
}

/**
 * True when the newest check failed but an earlier one succeeded: the version fields are then
 * those of that last good check.
 */
export function hasLastGoodResult(record: DriftRecord): boolean {
  return (
    record.status === 'error' &&
    record.lastSuccessAt !== undefined &&
    record.lastSuccessAt !== record.checkedAt
  );
}

/**
 * The reason at the end of an error message, for tight spaces: the drift engine writes
 * "<upstream>: GET <url>: <reason>", and the reason is what a person acts on. The whole message
 * belongs in a tooltip or the card.
 */
export function errorReason(message: string): string {
  const parts = message.split(/:\s+/);
  const reason = parts[parts.length - 1].trim();
  return reason.length >= 8 ? reason : message;
}
