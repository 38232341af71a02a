import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { VersionSchemeName } from './types';
import { compileUserPattern } from './userPattern';
import {
  compareNumbers,
  compareStages,
  isCommitHash,
  isPrereleaseStages,
  splitVersionParts,
  Stage,
} from './versionParts';

/**
 * A version read by a scheme: what ordering, lanes and distances need.
 *
 * @public
 */
export interface ParsedVersion {
  /** The version text as written, without prefix: `3.5.1-scala2.12-java17-ubuntu`. */
  text: string;
  /** Numeric components, for tracks and distances. */
  release: number[];
  prerelease: boolean;
  /** The variant suffix that makes a lane (`-bookworm`); '' when none. */
  variant: string;
  /** A release time read from the version itself (calendar versions), epoch milliseconds. */
  timestamp?: number;
  /** Scheme-specific ordering data. */
  stages: Stage[];
  /** pep440: the version without variant; regex: the captured groups in order. */
  key?: string | Array<string | undefined>;
}

/**
 * Reads and orders versions of one kind.
 *
 * @public
 */
export interface VersionScheme {
  name: VersionSchemeName;
  /** Reads a version (prefix already stripped); undefined when it is not one of this scheme. */
  parse(text: string): ParsedVersion | undefined;
  compare(a: ParsedVersion, b: ParsedVersion): number;
  /**
   * Whether tags with fewer numbers than another tag that starts the same are moving aliases
   * (`17` and `17.6` on Docker Hub), not releases.
   */
  hasAliasTags: boolean;
}

function fromParts(text: string): ParsedVersion | undefined {
  const parts = splitVersionParts(text);
  if (!parts) return undefined;
  return {
    text,
    release: parts.numbers,
    prerelease: isPrereleaseStages(parts.stages),
    variant: parts.variant,
    timestamp: parts.timestamp,
    stages: parts.stages,
  };
}

function compareGeneric(a: ParsedVersion, b: ParsedVersion): number {
  return (
    compareNumbers(a.release, b.release) || compareStages(a.stages, b.stages)
  );
}

/** semver: exactly MAJOR.MINOR.PATCH, numbers ordered with the `semver` library. */
const semverScheme: VersionScheme = {
  name: 'semver',
  hasAliasTags: false,
  parse(text) {
    const parts = splitVersionParts(text);
    if (!parts || parts.timestamp !== undefined) return undefined;
    // semver.valid rejects what semver forbids, such as leading zeros (01.2.3).
    if (!semver.valid(parts.numbersText)) return undefined;
    return {
      text,
      release: parts.numbers,
      prerelease: isPrereleaseStages(parts.stages),
      variant: parts.variant,
      stages: parts.stages,
      key: parts.numbersText,
    };
  },
  compare(a, b) {
    return (
      compareSemverNumbers(a.release, b.release) ||
      compareStages(a.stages, b.stages)
    );
  },
};

/**
 * semver's order of MAJOR.MINOR.PATCH, from the numbers `parse` already checked with
 * `semver.valid` (three safe integers): `semver.compare` would read both texts again on every
 * comparison, and a drift run makes millions. A `_11` build number after them is not compared.
 */
function compareSemverNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/** loose: any count of dot-separated numbers (Trino's `476`, Kafka-style `3.9.1.0`, `17.6`). */
const looseScheme: VersionScheme = {
  name: 'loose',
  hasAliasTags: true,
  parse(text) {
    const parsed = fromParts(text);
    return parsed && parsed.timestamp === undefined ? parsed : undefined;
  },
  compare: compareGeneric,
};

/** calver: dates and timestamps (MinIO's `RELEASE.2025-09-07T16-13-09Z`, `2024.10.01`). */
const calverScheme: VersionScheme = {
  name: 'calver',
  hasAliasTags: true,
  parse(text) {
    const parsed = fromParts(text);
    if (!parsed) return undefined;
    if (parsed.timestamp === undefined) {
      parsed.timestamp = dateFromNumbers(parsed.release);
    }
    return parsed;
  },
  compare: compareGeneric,
};

/** A date from `YYYY.MM.DD` or `YYYYMMDD` numbers, when they are one. */
function dateFromNumbers(numbers: number[]): number | undefined {
  let [year, month, day] = numbers;
  if (numbers.length === 1 && /^[12][0-9]{7}$/.test(String(year))) {
    const text = String(year);
    [year, month, day] = [
      text.slice(0, 4),
      text.slice(4, 6),
      text.slice(6),
    ].map(Number);
  }
  if (
    year >= 1900 &&
    year <= 2999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31
  ) {
    return Date.UTC(year, month - 1, day);
  }
  return undefined;
}

/** pep440: Python versions, ordered with `@renovatebot/pep440` (`2.0.0b2`, `1.0.post1`, epochs). */
const pep440Scheme: VersionScheme = {
  name: 'pep440',
  hasAliasTags: false,
  parse(text) {
    const whole = pep440.explain(text);
    if (whole && !isCommitHash(text)) {
      return {
        text,
        release: whole.release,
        prerelease: whole.is_prerelease,
        variant: '',
        stages: [],
        key: text,
      };
    }
    // A container tag with a variant (3.1.3-python3.12): the version part must be PEP 440.
    const parts = splitVersionParts(text);
    if (!parts?.variant || !text.endsWith(parts.variant)) return undefined;
    const version = text.slice(0, text.length - parts.variant.length);
    const explained = pep440.explain(version);
    if (!explained) return undefined;
    return {
      text,
      release: explained.release,
      prerelease: explained.is_prerelease,
      variant: parts.variant,
      stages: [],
      key: version,
    };
  },
  compare(a, b) {
    return pep440.compare(a.key as string, b.key as string);
  },
};

const PRERELEASE_GROUP = /^(pre|prerelease|rc|alpha|beta|dev|snapshot)$/i;

/**
 * The names of a pattern's named groups (`(?<name>…)` or `(?P<name>…)`), in the order they appear.
 *
 * @public
 */
export function namedGroups(pattern: string): string[] {
  try {
    return compileUserPattern(pattern).groupNames;
  } catch {
    // A pattern Dockyard will not run is reported on its own; still name its groups.
    return [...pattern.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map(
      match => match[1],
    );
  }
}

function compareGroupValues(
  a: string | undefined,
  b: string | undefined,
): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (/^[0-9]+$/.test(a) && /^[0-9]+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : 1;
}

/**
 * regex: a pattern with named groups, compared in the order they appear — numbers numerically,
 * other text lexically. A group named `pre`, `prerelease`, `rc`, `alpha`, `beta`, `dev` or
 * `snapshot` marks a pre-release when it matches, and sorts before the same version without it.
 *
 * @public
 */
export function regexScheme(pattern: string): VersionScheme {
  const regex = compileUserPattern(pattern, 'filter.pattern');
  const groups = regex.groupNames;
  if (groups.length === 0) {
    throw new Error(
      `filter.pattern ${JSON.stringify(
        pattern,
      )} has no named groups (use (?<major>[0-9]+)…)`,
    );
  }
  return {
    name: 'regex',
    hasAliasTags: false,
    parse(text) {
      const match = regex.exec(text);
      if (!match) return undefined;
      const values = groups.map(group => match.named[group] || undefined);
      const prerelease = groups.some(
        (group, i) => PRERELEASE_GROUP.test(group) && values[i] !== undefined,
      );
      const release = groups
        .map((group, i) =>
          PRERELEASE_GROUP.test(group) ? undefined : values[i],
        )
        .filter((value): value is string => /^[0-9]+$/.test(value ?? ''))
        .map(Number);
      return {
        text,
        release,
        prerelease,
        variant: '',
        stages: [],
        key: values,
      };
    },
    compare(a, b) {
      const keyA = a.key as Array<string | undefined>;
      const keyB = b.key as Array<string | undefined>;
      for (let i = 0; i < groups.length; i++) {
        const onlyOneIsPrerelease =
          PRERELEASE_GROUP.test(groups[i]) &&
          (keyA[i] === undefined) !== (keyB[i] === undefined);
        if (onlyOneIsPrerelease) {
          // The release (no pre-release part) sorts after its pre-releases.
          return keyA[i] === undefined ? 1 : -1;
        }
        const diff = compareGroupValues(keyA[i], keyB[i]);
        if (diff !== 0) return diff;
      }
      return 0;
    },
  };
}

/**
 * The scheme object for a name; `regex` needs its pattern.
 *
 * @public
 */
export function versionScheme(
  name: VersionSchemeName,
  pattern?: string,
): VersionScheme {
  switch (name) {
    case 'semver':
      return semverScheme;
    case 'loose':
      return looseScheme;
    case 'calver':
      return calverScheme;
    case 'pep440':
      return pep440Scheme;
    case 'regex':
      if (!pattern) {
        throw new Error('filter.scheme regex needs filter.pattern');
      }
      return regexScheme(pattern);
    default:
      throw new Error(`unknown filter.scheme ${JSON.stringify(name)}`);
  }
}

// MinIO timestamps, dates (2024.10.01, 20241001, 2024-10-01) and year-first versions such as
// 2024.10.1 or 2025.01.0 (YYYY.MM.MICRO): zero-padded months are not semver, so such a current
// inferred as semver would drop the next year's January.
const CALENDAR_START =
  /^(?:RELEASE\.[0-9]{4}-|(?:19|20)[0-9]{2}([-.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12][0-9]|3[01])(?:$|[^0-9])|(?:19|20)[0-9]{2}\.(?:0?[1-9]|1[0-2])(?:$|[^0-9]))/;

/**
 * The scheme for a container without `filter.scheme`, from how `current` is written:
 * PyPI packages are PEP 440; timestamps and dates are calver; three numbers are semver;
 * anything else numeric (`476`, `17.6`, `3.9.1.0`) is loose.
 *
 * @public
 */
export function inferScheme(
  current: string,
  strategy?: string,
): VersionSchemeName {
  if (strategy === 'pypi') return 'pep440';
  if (CALENDAR_START.test(current)) return 'calver';
  const parts = splitVersionParts(current);
  if (parts && parts.numbers.length === 3 && semver.valid(parts.numbersText)) {
    return 'semver';
  }
  if (!parts && pep440.valid(current)) return 'pep440';
  return 'loose';
}
