import {
  computeVersionDrift,
  inferScheme,
  type ContainerVersionSpec,
  type DriftDistance,
} from '@dockyard/plugin-containers-common';

/**
 * How large a bump is, as a pull request says it; `downgrade` when `to` is older.
 *
 * @public
 */
export type BumpChange = 'major' | 'minor' | 'patch' | 'downgrade';

/** The largest part of a drift distance that moved. */
export function changeOfDistance(
  distance: DriftDistance | undefined,
): BumpChange | undefined {
  if (!distance) return undefined;
  if (distance.major > 0) return 'major';
  if (distance.minor > 0) return 'minor';
  if (distance.patch > 0) return 'patch';
  return undefined;
}

/**
 * How a bump from `from` to `to` moves, read with the container's own version scheme (its
 * `filter.scheme`, or the one inferred from `from`) as drift reads it. The lane filters (track,
 * include and exclude patterns) do not apply: `to` was asked for. Undefined when the two do
 * not compare (another variant, a scheme that cannot read one of them) or only a part beyond
 * major.minor.patch moved.
 *
 * @public
 */
export function classifyBump(
  version: ContainerVersionSpec,
  from: string,
  to: string,
): BumpChange | undefined {
  const filter = {
    scheme:
      version.filter?.scheme ?? inferScheme(from, String(version.strategy)),
    pattern: version.filter?.pattern,
    strip_prefix: version.filter?.strip_prefix,
    prerelease: true,
  };
  const distance = (current: string, candidate: string) => {
    const drift = computeVersionDrift({ ...version, current, filter }, [
      { tag: candidate },
    ]);
    return drift.status === 'behind' ? drift.behind : undefined;
  };
  const up = distance(from, to);
  if (up) return changeOfDistance(up);
  return distance(to, from) ? 'downgrade' : undefined;
}
