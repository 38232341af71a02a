import { toError } from '@backstage/errors';
import { DriftDistance, DriftStatus } from '../drift/types';
import { prefixFamily, splitTagPrefix, tagPrefixes } from './prefix';
import {
  inferScheme,
  ParsedVersion,
  VersionScheme,
  versionScheme,
} from './schemes';
import { matchesTrack, trackProblem } from './track';
import type { ContainerVersionSpec } from '../container/schema';
import { UpstreamVersion, VersionSchemeName } from './types';
import {
  compileUserPattern,
  MAX_PATTERN_TEXT_LENGTH,
  UserPattern,
} from './userPattern';

/**
 * What a container's version block says when compared with the versions its upstream lists.
 *
 * @public
 */
export interface VersionDrift {
  status: DriftStatus;
  /** The scheme used: `filter.scheme`, or the one inferred. */
  scheme?: VersionSchemeName;
  /** Newest version in the lane, written the way `current` is written. */
  latest?: string;
  /** Newest version in any track (same variant and stability), when it differs from `latest`. */
  newest?: string;
  behind?: DriftDistance;
  releaseNotesUrl?: string;
  latestReleasedAt?: string;
  /**
   * When behind: the versions after `current` up to `latest` (in the lane and track), newest
   * first, each written the way `current` is written, with the feed's entry for it.
   */
  between?: VersionStep[];
  error?: string;
}

/**
 * One version between `current` and `latest`: written the way `current` is, and as the feed
 * lists it (date, link, and for GitHub releases name and notes).
 *
 * @public
 */
export interface VersionStep {
  version: string;
  upstream: UpstreamVersion;
}

/**
 * Tags already read, shared by the containers of one feed: by how they are read (scheme,
 * pattern, prefixes), then by tag. Only valid for one list of upstream versions.
 *
 * @public
 */
export type VersionParseMemo = Map<
  string,
  Map<string, { prefix: string; parsed?: ParsedVersion }>
>;

interface Candidate {
  upstream: UpstreamVersion;
  prefix: string;
  family: string;
  parsed: ParsedVersion;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function compileFilters(spec: ContainerVersionSpec) {
  const filter = spec.filter ?? {};
  // Throws a message naming the field and what is wrong with the pattern.
  const compile = (field: string, pattern: string) =>
    compileUserPattern(pattern, `filter.${field}`);
  const include = filter.include_regex
    ? compile('include_regex', filter.include_regex)
    : undefined;
  const exclude = (filter.exclude_regex ?? []).map((pattern, i) =>
    compile(`exclude_regex[${i}]`, pattern),
  );
  const problem = filter.track ? trackProblem(filter.track) : undefined;
  if (problem) throw new Error(problem);
  const schemeName = filter.scheme ?? inferScheme(spec.current, spec.strategy);
  const scheme = versionScheme(schemeName, filter.pattern);
  return { include, exclude, scheme };
}

/** Picks the prefix family (one product of a repository) that the container follows. */
function chooseFamily(
  candidates: Candidate[],
  current: { prefix: string; parsed: ParsedVersion },
  scheme: VersionScheme,
  stripPrefix: string | undefined,
): string {
  const families = new Set(candidates.map(c => c.family));
  if (families.size <= 1) return [...families][0] ?? '';
  const currentFamily = prefixFamily(current.prefix);
  if (currentFamily !== '') return currentFamily;
  const holdingCurrent = candidates.find(
    c =>
      c.parsed.variant === current.parsed.variant &&
      scheme.compare(c.parsed, current.parsed) === 0,
  );
  if (holdingCurrent) return holdingCurrent.family;
  if (stripPrefix && families.has(stripPrefix)) return stripPrefix;
  const sameMajor = candidates.find(
    c => c.family === '' && c.parsed.release[0] === current.parsed.release[0],
  );
  if (sameMajor || families.has('')) return '';
  const counts = new Map<string, number>();
  for (const c of candidates)
    counts.set(c.family, (counts.get(c.family) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** Drops moving alias tags: `17` when `17.6` exists, `3.5` when `3.5.1` exists. */
function withoutAliases(candidates: Candidate[]): Candidate[] {
  const longer = new Set<string>();
  for (const c of candidates) {
    const numbers = c.parsed.release;
    for (let i = 1; i < numbers.length; i++) {
      longer.add(numbers.slice(0, i).join('.'));
    }
  }
  return candidates.filter(
    c => c.parsed.stages.length > 0 || !longer.has(c.parsed.release.join('.')),
  );
}

function maxOf(candidates: Candidate[], scheme: VersionScheme) {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best || scheme.compare(c.parsed, best.parsed) > 0) best = c;
  }
  return best;
}

function distance(
  from: ParsedVersion,
  to: ParsedVersion,
  releases: number,
  days: number | undefined,
): DriftDistance {
  const a = from.release;
  const b = to.release;
  const result: DriftDistance = { major: 0, minor: 0, patch: 0, releases };
  if ((a[0] ?? 0) !== (b[0] ?? 0)) result.major = (b[0] ?? 0) - (a[0] ?? 0);
  else if ((a[1] ?? 0) !== (b[1] ?? 0))
    result.minor = (b[1] ?? 0) - (a[1] ?? 0);
  else result.patch = (b[2] ?? 0) - (a[2] ?? 0);
  if (days !== undefined) result.days = days;
  return result;
}

function releaseTime(candidate: Candidate | undefined): number | undefined {
  if (!candidate) return undefined;
  const fromFeed = candidate.upstream.releasedAt
    ? Date.parse(candidate.upstream.releasedAt)
    : NaN;
  return Number.isNaN(fromFeed) ? candidate.parsed.timestamp : fromFeed;
}

/** How the tags are read: the scheme, the filters and the prefixes a tag may carry. */
interface TagReading {
  scheme: VersionScheme;
  include?: UserPattern;
  exclude: UserPattern[];
  prefixes: string[];
  pattern?: string;
}

/** The version the container is at: its prefix and how its scheme reads it. */
interface CurrentVersion {
  prefix: string;
  parsed: ParsedVersion;
}

/**
 * Compares a container's `version` block with the versions its upstream lists: reads every tag
 * with the container's scheme, keeps the lane of `current` (prefix family, variant suffix,
 * stability, `filter.track`) and reports the newest version in it, written the way `current` is.
 * Pure: the feed is fetched elsewhere.
 *
 * @public
 */
export function computeVersionDrift(
  spec: ContainerVersionSpec,
  upstream: UpstreamVersion[],
  options: { memo?: VersionParseMemo } = {},
): VersionDrift {
  let compiled: ReturnType<typeof compileFilters>;
  try {
    compiled = compileFilters(spec);
  } catch (error) {
    return { status: 'error', error: toError(error).message };
  }
  const { include, exclude, scheme } = compiled;
  const filter = spec.filter ?? {};
  const prefixes = tagPrefixes({
    stripPrefix: filter.strip_prefix,
    component: spec.component,
  });

  const currentText = String(spec.current ?? '').trim();
  const currentTag = splitTagPrefix(currentText, prefixes);
  const currentParsed = scheme.parse(currentTag.rest);
  if (!currentParsed) {
    return {
      status: 'error',
      scheme: scheme.name,
      error: `version.current ${JSON.stringify(currentText)} is not a ${
        scheme.name
      } version${filter.scheme ? '' : ' (scheme inferred; set filter.scheme)'}`,
    };
  }
  const current = { prefix: currentTag.prefix, parsed: currentParsed };

  const reading = {
    scheme,
    include,
    exclude,
    prefixes,
    pattern: filter.pattern,
  };
  const parsedTags = readTags(upstream, reading, options.memo);
  const { lane, stable, inTrack } = laneOf(parsedTags, current, spec, scheme);

  const writeAs = (c: Candidate) => `${current.prefix}${c.parsed.text}`;
  const latest = maxOf(inTrack, scheme);
  const newest = maxOf(stable, scheme);
  const newestText =
    newest && (!latest || scheme.compare(newest.parsed, latest.parsed) > 0)
      ? writeAs(newest)
      : undefined;

  if (!latest) {
    return {
      status: 'unknown',
      scheme: scheme.name,
      newest: newestText,
      error: noLaneMessage(upstream, parsedTags, currentText, spec, scheme),
    };
  }

  const result: VersionDrift = {
    status: 'up-to-date',
    scheme: scheme.name,
    latest: writeAs(latest),
    newest: newestText,
    releaseNotesUrl: latest.upstream.releaseNotesUrl,
    latestReleasedAt: latest.upstream.releasedAt,
  };
  if (scheme.compare(latest.parsed, current.parsed) > 0) {
    const newer = newerThan(current, latest, inTrack, scheme);
    result.status = 'behind';
    result.behind = behindBy(current, latest, lane, newer.length, scheme);
    result.between = newer.map(c => ({
      version: writeAs(c),
      upstream: c.upstream,
    }));
  }
  return result;
}

/**
 * The upstream's tags that pass the filters and read as versions of the scheme. Containers that
 * share a feed read the same tags the same way: each tag is parsed once per `memo`.
 */
function readTags(
  upstream: UpstreamVersion[],
  reading: TagReading,
  memo: VersionParseMemo | undefined,
): Candidate[] {
  const { scheme, include, exclude, prefixes } = reading;
  const memoKey = [scheme.name, reading.pattern ?? '', ...prefixes].join(
    '\u0000',
  );
  let parses = memo?.get(memoKey);
  if (!parses) {
    parses = new Map();
    memo?.set(memoKey, parses);
  }
  const parsedTags: Candidate[] = [];
  for (const entry of upstream) {
    // No version is that long (Docker caps tags at 128); user patterns never see such a tag.
    if (entry.tag.length > MAX_PATTERN_TEXT_LENGTH) continue;
    if (include && !include.test(entry.tag)) continue;
    if (exclude.some(regex => regex.test(entry.tag))) continue;
    let read = parses.get(entry.tag);
    if (!read) {
      const { prefix, rest } = splitTagPrefix(entry.tag, prefixes);
      read = { prefix, parsed: scheme.parse(rest) };
      parses.set(entry.tag, read);
    }
    if (!read.parsed) continue;
    const parsed = entry.prerelease
      ? { ...read.parsed, prerelease: true }
      : read.parsed;
    parsedTags.push({
      upstream: entry,
      prefix: read.prefix,
      family: prefixFamily(read.prefix),
      parsed,
    });
  }
  return parsedTags;
}

/**
 * The lane of `current`: same prefix family and variant (moving alias tags dropped where the
 * scheme has them); of those, the stable ones (pre-releases too when current is one or
 * `filter.prerelease` says so), and of those, the ones in `filter.track`.
 */
function laneOf(
  parsedTags: Candidate[],
  current: CurrentVersion,
  spec: ContainerVersionSpec,
  scheme: VersionScheme,
) {
  const filter = spec.filter ?? {};
  const family = chooseFamily(parsedTags, current, scheme, filter.strip_prefix);
  let lane = parsedTags.filter(
    c => c.family === family && c.parsed.variant === current.parsed.variant,
  );
  if (scheme.hasAliasTags) lane = withoutAliases(lane);
  const allowPrerelease =
    current.parsed.prerelease || filter.prerelease === true;
  const stable = lane.filter(c => allowPrerelease || !c.parsed.prerelease);
  const inTrack = stable.filter(c =>
    matchesTrack(c.parsed.release, filter.track),
  );
  return { lane, stable, inTrack };
}

/** Why no version is in the lane: an empty feed, or how many tags were read and how. */
function noLaneMessage(
  upstream: UpstreamVersion[],
  parsedTags: Candidate[],
  currentText: string,
  spec: ContainerVersionSpec,
  scheme: VersionScheme,
): string {
  if (upstream.length === 0) return 'the upstream feed lists no versions';
  const track = spec.filter?.track;
  const seen = `${upstream.length} upstream version${
    upstream.length === 1 ? '' : 's'
  } read`;
  return `no upstream version is in the lane of ${JSON.stringify(
    currentText,
  )} (${seen}, ${parsedTags.length} readable as ${scheme.name}${
    track ? `, track ${track}` : ''
  })`;
}

/**
 * The releases after `current` up to `latest` in the track, newest first, one per version (the
 * first the feed lists, or the one with notes when a version has several tags).
 */
function newerThan(
  current: CurrentVersion,
  latest: Candidate,
  inTrack: Candidate[],
  scheme: VersionScheme,
): Candidate[] {
  const byVersion = new Map<string, Candidate>();
  for (const c of inTrack) {
    if (
      scheme.compare(c.parsed, current.parsed) <= 0 ||
      scheme.compare(c.parsed, latest.parsed) > 0
    ) {
      continue;
    }
    const seen = byVersion.get(c.parsed.text);
    if (!seen || (!seen.upstream.body && c.upstream.body)) {
      byVersion.set(c.parsed.text, c);
    }
  }
  return [...byVersion.values()].sort((a, b) =>
    scheme.compare(b.parsed, a.parsed),
  );
}

/**
 * How far `current` is behind `latest`: the release numbers, the releases in between (in the
 * track), and the days between their releases when both dates are known.
 */
function behindBy(
  current: CurrentVersion,
  latest: Candidate,
  lane: Candidate[],
  releases: number,
  scheme: VersionScheme,
): DriftDistance {
  const currentEntry = lane.find(
    c => scheme.compare(c.parsed, current.parsed) === 0,
  );
  const from = releaseTime(currentEntry) ?? current.parsed.timestamp;
  const to = releaseTime(latest);
  const days =
    from !== undefined && to !== undefined
      ? Math.max(0, Math.round((to - from) / DAY_MS))
      : undefined;
  return distance(current.parsed, latest.parsed, releases, days);
}
