import {
  PINNED_STATUS_ORDER,
  type DriftDistance,
  type DriftRecord,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';

// The words of drift (status labels and tones, distances, plurals) live in
// @dockyard/plugin-containers-common, shared with the CLI and the backend; what is here is
// how the frontend sorts and reads records.

/** The statuses in the order the overview shows them: its summary tiles and status filter. */
export const OVERVIEW_STATUSES: readonly PinnedVersionStatus[] = [
  'up-to-date',
  'behind',
  'rebuilt',
  'error',
  'unknown',
];

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
