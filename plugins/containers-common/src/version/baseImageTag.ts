import { DriftDistance } from '../drift/types';
import { computeVersionDrift, VersionParseMemo } from './computeDrift';
import { inferScheme, versionScheme } from './schemes';
import { UpstreamVersion } from './types';

/**
 * How the tag of a base image compares with the tags its registry lists.
 *
 * @public
 */
export interface BaseImageTagDrift {
  status: 'up-to-date' | 'behind' | 'unknown' | 'error';
  /** The newest tag in the lane of the pinned one, written the same way (variant kept). */
  latestTag?: string;
  /** The newest tag of the same variant in any lane, when newer than `latestTag`. */
  newestTag?: string;
  behind?: DriftDistance;
  /**
   * The pinned tag moves: the registry has longer tags that start with its numbers
   * (`3.12-slim-bookworm` while `3.12.8-slim-bookworm` exists). It is its own lane, and follows
   * upstream by being rebuilt, which only the digest shows.
   */
  moving?: boolean;
  /** Why the tag could not be compared (not a version, no tag in its lane). */
  error?: string;
}

/**
 * The lane of a base image tag that names a release: the first two numbers stay
 * (`3.12.7` → `3.12.*`, `21.0.5_11` → `21.0.*`), a two-number version keeps its major
 * (`17.6` → `17.*`), and a one-number version has the whole variant as its lane (`476`).
 *
 * @public
 */
export function baseImageTrack(release: number[]): string | undefined {
  if (release.length >= 3) return `${release[0]}.${release[1]}.*`;
  if (release.length === 2) return `${release[0]}.*`;
  return undefined;
}

/**
 * Compares a base image's pinned tag with the tags of its repository: whether a newer tag
 * exists in its lane (same variant suffix, same stability, {@link baseImageTrack}), written the
 * way the pinned tag is (`python:3.12.7-slim-bookworm` → `3.12.8-slim-bookworm`). A moving tag
 * (`3.12-slim-bookworm`, `17-jre-noble`) is up to date by definition: it is rebuilt in place.
 * A tag that is not a version (`bookworm-slim`, `latest`) is `unknown`. Pure.
 *
 * @public
 */
export function computeBaseImageTagDrift(
  tag: string,
  upstream: UpstreamVersion[],
  options: { memo?: VersionParseMemo } = {},
): BaseImageTagDrift {
  const schemeName =
    inferScheme(tag, 'docker-tags') === 'calver' ? 'calver' : 'loose';
  const scheme = versionScheme(schemeName);
  const current = scheme.parse(tag.replace(/^v(?=[0-9])/, ''));
  if (!current) {
    return {
      status: 'unknown',
      error: `tag ${JSON.stringify(
        tag,
      )} is not a version: only its digest is compared`,
    };
  }
  const numbers = current.release;
  const moving = upstream.some(entry => {
    const parsed = scheme.parse(entry.tag.replace(/^v(?=[0-9])/, ''));
    return (
      !!parsed &&
      parsed.variant === current.variant &&
      parsed.release.length > numbers.length &&
      numbers.every((n, i) => parsed.release[i] === n)
    );
  });
  if (moving) {
    return { status: 'up-to-date', latestTag: tag, moving: true };
  }
  const drift = computeVersionDrift(
    {
      strategy: 'docker-tags',
      current: tag,
      filter: { scheme: schemeName, track: baseImageTrack(numbers) },
    },
    upstream,
    options,
  );
  return {
    status: drift.status,
    latestTag: drift.latest,
    newestTag: drift.newest,
    behind: drift.behind,
    error: drift.error,
  };
}
