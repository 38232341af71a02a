import semver from 'semver';

/**
 * Whether a version's numbers are in a `track` lane. A lane is a pattern such as `4.1.*`,
 * `17.*` or `4.1.x` (numbers before the wildcard must match; `4.1` means `4.1.*`), or a semver
 * range such as `>=4.1 <4.3` or `~4.1`.
 *
 * @public
 */
export function matchesTrack(
  release: number[],
  track: string | undefined,
): boolean {
  const lane = track?.trim();
  if (!lane || lane === '*') return true;
  if (/[<>=^~| ]/.test(lane)) {
    const padded = [0, 1, 2].map(i => release[i] ?? 0).join('.');
    return semver.satisfies(padded, lane);
  }
  const parts = lane.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (/^[*xX]$/.test(parts[i])) return true;
    if (!/^[0-9]+$/.test(parts[i]) || Number(parts[i]) !== (release[i] ?? 0)) {
      return false;
    }
  }
  return true;
}

/**
 * A readable problem with a track, or undefined when it is valid.
 *
 * @public
 */
export function trackProblem(track: string): string | undefined {
  const lane = track.trim();
  if (/[<>=^~| ]/.test(lane)) {
    return semver.validRange(lane)
      ? undefined
      : `filter.track ${JSON.stringify(track)} is not a valid range`;
  }
  return /^([0-9]+\.)*([0-9]+|[*xX])$/.test(lane)
    ? undefined
    : `filter.track ${JSON.stringify(
        track,
      )} is not a lane such as 4.1.* or 17.*`;
}
