/**
 * The kind of a pre-release (or post-release) part, in the order releases come out.
 *
 * @public
 */
export type StageKind =
  | 'snapshot'
  | 'dev'
  | 'alpha'
  | 'beta'
  | 'milestone'
  | 'preview'
  | 'rc'
  | 'post';

/**
 * A pre-release or post-release part of a version: `rc1`, `-beta-1`, `-SNAPSHOT`, `.post2`.
 *
 * @public
 */
export interface Stage {
  kind: StageKind;
  number: number;
}

/**
 * A version text taken apart: numbers, pre-release parts and the variant suffix.
 *
 * @public
 */
export interface VersionParts {
  /** The numeric components: `[3, 5, 1]`; `[2025, 9, 7, 16, 13, 9]` for a MinIO timestamp. */
  numbers: number[];
  /** The numeric components as written (`3.5.1`), for libraries that read them. */
  numbersText: string;
  /** Pre-release and post-release parts, in order. */
  stages: Stage[];
  /** What is left after the version: `-scala2.12-java17-ubuntu`, `-bookworm`, `-incubating`. */
  variant: string;
  /** A release timestamp read from the version itself (epoch milliseconds), for calendar versions. */
  timestamp?: number;
}

const STAGE_RANK: Record<StageKind, number> = {
  snapshot: -7,
  dev: -6,
  alpha: -5,
  beta: -4,
  milestone: -3,
  preview: -2,
  rc: -1,
  post: 1,
};

const STAGE_ALIASES: Record<string, StageKind> = {
  snapshot: 'snapshot',
  dev: 'dev',
  nightly: 'dev',
  a: 'alpha',
  alpha: 'alpha',
  b: 'beta',
  beta: 'beta',
  m: 'milestone',
  milestone: 'milestone',
  pre: 'preview',
  preview: 'preview',
  ea: 'preview',
  c: 'rc',
  cr: 'rc',
  rc: 'rc',
  post: 'post',
};

// Glued to the numbers, PEP 440 style: 17rc1, 2.0.0b2, 1.0.0.dev1, 1.0.post1, 18beta3.
const GLUED_STAGE =
  /^[._]?(alpha|beta|preview|pre|rc|dev|post|a|b|c)\.?([0-9]+)?(?=$|[-._+])/i;
// A whole dash-separated segment: -rc1, -rc.1, -beta, -preview1, -SNAPSHOT, -M1, -ea.
const SEGMENT_STAGE =
  /^(alpha|beta|preview|pre|rc|dev|snapshot|milestone|nightly|ea|cr|post|m(?=[0-9]))[._]?([0-9]+)?$/i;
const RELEASE_TIMESTAMP =
  /^(?:RELEASE\.)?([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2})-([0-9]{2})-([0-9]{2})Z/;
const NUMBERS = /^[0-9]+(?:\.[0-9]+)*/;
// A date written with dashes (quay.io-style `2024-03-01` tags): one version, not 2024 + a variant.
const DASHED_DATE =
  /^((?:19|20)[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?=$|[^0-9])/;
// A build number glued on with `_` (Eclipse Temurin's `21.0.5_11`): one more numeric component.
const UNDERSCORE_BUILD = /^_([0-9]+)(?=$|[-.+])/;
// SemVer build metadata (`1.2.3+build.5`): never part of the order or of the lane.
const BUILD_METADATA = /\+[0-9A-Za-z.-]*$/;

function stage(keyword: string, digits: string | undefined): Stage {
  return {
    kind: STAGE_ALIASES[keyword.toLowerCase()],
    number: digits ? Number(digits) : 0,
  };
}

/** Whether any part makes this a pre-release (a post-release is not one). */
export function isPrereleaseStages(stages: Stage[]): boolean {
  return stages.some(s => s.kind !== 'post');
}

/**
 * Orders pre-release parts: `snapshot < dev < alpha < beta < milestone < preview < rc < release < post`.
 *
 * @public
 */
export function compareStages(a: Stage[], b: Stage[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const rankA = a[i] ? STAGE_RANK[a[i].kind] : 0;
    const rankB = b[i] ? STAGE_RANK[b[i].kind] : 0;
    if (rankA !== rankB) return rankA - rankB;
    const numberA = a[i]?.number ?? 0;
    const numberB = b[i]?.number ?? 0;
    if (numberA !== numberB) return numberA - numberB;
  }
  return 0;
}

/**
 * Compares numeric components; a missing component counts as 0 (`17` = `17.0`).
 *
 * @public
 */
export function compareNumbers(a: number[], b: number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * A git commit hash (abbreviated or full), which is never a version.
 *
 * @public
 */
export function isCommitHash(text: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(text) && /[a-f]/.test(text);
}

/**
 * Takes apart a version text (the tag without its prefix): numbers first (or MinIO's
 * `RELEASE.<timestamp>`), then pre-release parts glued on or dash-separated, and what is left is
 * the variant suffix. Returns undefined for text that is not a version: aliases (`latest`,
 * `stable`), commit hashes, architecture tags (`amd64`, `sha256-…`).
 *
 * `3.5.1-scala2.12-java17-ubuntu` → 3.5.1 with variant `-scala2.12-java17-ubuntu`;
 * `4.0.0-preview1-scala2.13-java17-ubuntu` → 4.0.0, preview 1, same kind of variant;
 * `1.0.0-incubating-rc1` → 1.0.0, rc 1, variant `-incubating`; `17rc1-bookworm` → 17, rc 1.
 *
 * @public
 */
export function splitVersionParts(text: string): VersionParts | undefined {
  if (isCommitHash(text)) return undefined;
  let numbers: number[];
  let numbersText: string;
  let timestamp: number | undefined;
  let tail: string;

  const release = RELEASE_TIMESTAMP.exec(text);
  const date = release ? undefined : DASHED_DATE.exec(text);
  if (release) {
    numbers = release.slice(1, 7).map(Number);
    numbersText = numbers.join('.');
    const [year, month, day, hour, minute, second] = numbers;
    timestamp = Date.UTC(year, month - 1, day, hour, minute, second);
    tail = text.slice(release[0].length);
  } else if (date) {
    numbers = date.slice(1, 4).map(Number);
    numbersText = numbers.join('.');
    timestamp = Date.UTC(numbers[0], numbers[1] - 1, numbers[2]);
    tail = text.slice(date[0].length);
  } else {
    const match = NUMBERS.exec(text);
    if (!match) return undefined;
    numbersText = match[0];
    numbers = numbersText.split('.').map(Number);
    tail = text.slice(match[0].length);
    const build = UNDERSCORE_BUILD.exec(tail);
    if (build) {
      numbers.push(Number(build[1]));
      tail = tail.slice(build[0].length);
    }
  }
  tail = tail.replace(BUILD_METADATA, '');

  const stages: Stage[] = [];
  for (
    let glued = GLUED_STAGE.exec(tail);
    glued;
    glued = GLUED_STAGE.exec(tail)
  ) {
    stages.push(stage(glued[1], glued[2]));
    tail = tail.slice(glued[0].length);
  }

  if (tail === '')
    return { numbers, numbersText, stages, variant: '', timestamp };
  // Anything glued on that is not a pre-release part (1234abc, 3.5.1foo) is not a version.
  if (!/^[-._+]/.test(tail)) return undefined;
  if (!tail.startsWith('-')) {
    return { numbers, numbersText, stages, variant: tail, timestamp };
  }

  const segments = tail.slice(1).split('-');
  const variant: string[] = [];
  let previous: Stage | undefined;
  let previousHadNumber = true;
  for (const segment of segments) {
    const stageMatch = SEGMENT_STAGE.exec(segment);
    if (stageMatch) {
      previous = stage(stageMatch[1], stageMatch[2]);
      previousHadNumber = stageMatch[2] !== undefined;
      stages.push(previous);
    } else if (previous && !previousHadNumber && /^[0-9]+$/.test(segment)) {
      // -beta-1: the number belongs to the pre-release part before it.
      previous.number = Number(segment);
      previousHadNumber = true;
    } else {
      variant.push(segment);
      previous = undefined;
    }
  }
  return {
    numbers,
    numbersText,
    stages,
    variant: variant.length ? `-${variant.join('-')}` : '',
    timestamp,
  };
}
