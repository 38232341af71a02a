import {
  overallDriftStatus,
  shortDigest,
  type BaseImageDrift,
  type DriftResult,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';

/** One version a container pins: its main version, a companion, or its base image. */
export interface PinnedPart {
  kind: 'main' | 'companion' | 'base-image';
  /** The companion's name; empty for the main version and the base image. */
  name: string;
  status: PinnedVersionStatus;
  error?: string;
}

type PinnedFields = Pick<
  DriftResult,
  'status' | 'error' | 'companions' | 'baseImage'
>;

/** Every pinned version of a drift result, main version first, base image last. */
export function pinnedParts(result: PinnedFields): PinnedPart[] {
  return [
    {
      kind: 'main',
      name: '',
      status: result.status,
      error: result.error,
    },
    ...(result.companions ?? []).map(
      (companion): PinnedPart => ({
        kind: 'companion',
        name: companion.name,
        status: companion.status,
        error: companion.error,
      }),
    ),
    ...(result.baseImage
      ? [
          {
            kind: 'base-image' as const,
            name: '',
            status: result.baseImage.status,
            error: result.baseImage.error,
          },
        ]
      : []),
  ];
}

/** True when the result has more than its main version to show: companions or a base image. */
export function hasPinnedExtras(
  result: Pick<DriftResult, 'companions' | 'baseImage'>,
): boolean {
  return (result.companions?.length ?? 0) > 0 || !!result.baseImage;
}

/**
 * The parts whose status is the container's overall status (the worst of all), main version
 * first; none when everything is up to date.
 */
export function statusDrivers(result: PinnedFields): PinnedPart[] {
  const overall = overallDriftStatus(result);
  if (overall === 'up-to-date') return [];
  return pinnedParts(result).filter(part => part.status === overall);
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Short names of parts, for tight spaces: "companion hadoop-aws", "base image". */
export function describeParts(parts: PinnedPart[]): string {
  const companions = parts
    .filter(part => part.kind === 'companion')
    .map(part => part.name);
  const words: string[] = [];
  if (parts.some(part => part.kind === 'main')) words.push('main version');
  if (companions.length > 0) {
    words.push(
      `${companions.length === 1 ? 'companion' : 'companions'} ${joinWords(
        companions,
      )}`,
    );
  }
  if (parts.some(part => part.kind === 'base-image')) words.push('base image');
  return joinWords(words);
}

/** What a status says of one part, or of several ([singular, plural]). */
const PREDICATES: Record<PinnedVersionStatus, [string, string]> = {
  behind: ['is behind', 'are behind'],
  rebuilt: ['was rebuilt upstream', 'were rebuilt upstream'],
  error: ['could not be checked', 'could not be checked'],
  unknown: ['is unknown', 'are unknown'],
  'up-to-date': ['is up to date', 'are up to date'],
};

/** Where the base image reads better in its own words. */
const BASE_IMAGE_CLAUSES: Partial<Record<PinnedVersionStatus, string>> = {
  behind: 'the base image has a newer tag in its lane',
  unknown: "the base image's freshness is unknown",
};

/**
 * Which pinned parts make the container's overall status, in one sentence: "Companion
 * iceberg-spark-runtime is behind." Undefined when everything is up to date or when the main
 * version alone makes the status (the card's headline already says so).
 */
export function overallStatusReason(result: PinnedFields): string | undefined {
  const drivers = statusDrivers(result);
  if (drivers.every(part => part.kind === 'main')) return undefined;
  const status = drivers[0].status;
  const [one, many] = PREDICATES[status];
  const clauses: string[] = [];
  if (drivers.some(part => part.kind === 'main')) {
    clauses.push(`the main version ${one}`);
  }
  const companions = drivers
    .filter(part => part.kind === 'companion')
    .map(part => part.name);
  if (companions.length === 1) {
    clauses.push(`companion ${companions[0]} ${one}`);
  } else if (companions.length > 1) {
    clauses.push(`companions ${joinWords(companions)} ${many}`);
  }
  if (drivers.some(part => part.kind === 'base-image')) {
    clauses.push(BASE_IMAGE_CLAUSES[status] ?? `the base image ${one}`);
  }
  const sentence = joinWords(clauses);
  return `${sentence.charAt(0).toLocaleUpperCase('en-US')}${sentence.slice(
    1,
  )}.`;
}

/** The pinned reference without the image name: `3.12.7-slim-bookworm@sha256:0123456789ab`. */
export function pinnedBaseRef(
  baseImage: Pick<BaseImageDrift, 'tag' | 'digest'>,
): string {
  const digest = baseImage.digest ? shortDigest(baseImage.digest) : undefined;
  if (baseImage.tag && digest) return `${baseImage.tag}@${digest}`;
  return baseImage.tag ?? digest ?? '';
}
