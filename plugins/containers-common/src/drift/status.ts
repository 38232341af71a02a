import { BaseImageDrift, DriftResult, PinnedVersionStatus } from './types';

/**
 * Pinned-version statuses from best to worst. `unknown` (no feed, or no version to compare) is
 * worse than `up-to-date` only; a rebuilt base image needs a re-pin, a version behind needs a
 * real upgrade, and an error hides what the check would have said, so it ranks worst.
 *
 * @public
 */
export const PINNED_STATUS_ORDER: readonly PinnedVersionStatus[] = [
  'up-to-date',
  'unknown',
  'rebuilt',
  'behind',
  'error',
];

function rank(status: PinnedVersionStatus): number {
  const index = PINNED_STATUS_ORDER.indexOf(status);
  // A status this code does not know (a newer writer) counts as unknown.
  return index === -1 ? PINNED_STATUS_ORDER.indexOf('unknown') : index;
}

/**
 * The worst of some statuses, in {@link PINNED_STATUS_ORDER}; `up-to-date` for none. An absent
 * status (a part that is not there) does not count.
 *
 * @public
 */
export function worstStatus(
  statuses: Iterable<PinnedVersionStatus | undefined>,
): PinnedVersionStatus {
  let worst = 0;
  for (const status of statuses) {
    if (status !== undefined) worst = Math.max(worst, rank(status));
  }
  return PINNED_STATUS_ORDER[worst];
}

/**
 * A container's overall status: the worst of its main version, its companions and its base
 * image. Computed from the parts, so it also answers for records stored before companions and
 * base images were checked (their `status` is the main version's).
 *
 * @public
 */
export function overallDriftStatus(
  result: Pick<DriftResult, 'status' | 'companions' | 'baseImage'>,
): PinnedVersionStatus {
  return worstStatus([
    result.status,
    ...(result.companions ?? []).map(companion => companion.status),
    result.baseImage?.status,
  ]);
}

/**
 * Whether the pinned tag of a base image now points at another digest than the one pinned.
 *
 * @public
 */
export function baseImageRebuilt(
  baseImage: Pick<BaseImageDrift, 'digest' | 'latestDigest'> | undefined,
): boolean {
  return (
    !!baseImage?.digest &&
    !!baseImage.latestDigest &&
    baseImage.digest !== baseImage.latestDigest
  );
}
