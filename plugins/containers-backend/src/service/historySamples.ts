import {
  DriftHistoryPoint,
  DriftRecord,
  overallDriftStatus,
  PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';

/** A history point with the key that tells its pinned version apart from the container's others. */
export interface HistorySample extends DriftHistoryPoint {
  /** `main`, `base-image` or `companion:<name>`: stable while the pinned version is. */
  key: string;
  /** `YYYY-MM-DD` (UTC) of `checkedAt`. */
  day: string;
}

/** What the last written sample of a pinned version was, as the next check compares with it. */
export interface LastSample {
  /** {@link sampleFingerprint} of the sample. */
  fingerprint: string;
  day: string;
}

/**
 * The samples of one check: its main version, each companion and the base image, all at the
 * record's `checkedAt` and with the container's overall status.
 */
export function historySamples(record: DriftRecord): HistorySample[] {
  const checkedAt = new Date(record.checkedAt).toISOString();
  const day = checkedAt.slice(0, 10);
  const overallStatus = record.overallStatus ?? overallDriftStatus(record);
  const sample = (
    key: string,
    point: Omit<DriftHistoryPoint, 'checkedAt' | 'overallStatus'>,
  ): HistorySample =>
    withoutUndefined({ ...point, key, day, checkedAt, overallStatus });

  const samples = [
    sample('main', {
      kind: 'main',
      status: record.status,
      current: record.current,
      latest: record.latest,
      behind: record.behind,
      eol: record.eol?.state,
    }),
  ];
  for (const companion of record.companions ?? []) {
    samples.push(
      sample(`companion:${companion.name}`, {
        kind: 'companion',
        name: companion.name,
        status: companion.status,
        current: companion.current,
        latest: companion.latest,
        behind: companion.behind,
      }),
    );
  }
  const base = record.baseImage;
  if (base) {
    samples.push(
      sample('base-image', {
        kind: 'base-image',
        name: base.image,
        status: base.status,
        // A base image pinned by digest only moves by digest.
        current: base.tag ?? base.digest,
        latest: base.tag ? base.latestTag : base.latestDigest,
        behind: base.behind,
      }),
    );
  }
  return samples;
}

/** What makes two samples of one pinned version the same, whatever the day and time. */
export function sampleFingerprint(sample: HistorySample): string {
  const { status, current, latest, behind, overallStatus, eol, name } = sample;
  return JSON.stringify([
    status,
    current ?? null,
    latest ?? null,
    behind
      ? [
          behind.major,
          behind.minor,
          behind.patch,
          behind.releases,
          behind.days ?? null,
        ]
      : null,
    overallStatus,
    eol ?? null,
    name ?? null,
  ]);
}

/**
 * Whether a sample is worth a row: the first of its pinned version, one that differs from the
 * last written, or the first of a new day (so every day has a sample of every container).
 */
export function shouldWriteSample(
  sample: HistorySample,
  last: LastSample | undefined,
): boolean {
  return (
    !last ||
    last.day !== sample.day ||
    last.fingerprint !== sampleFingerprint(sample)
  );
}

/**
 * When the container's behind streak began, after a check with this overall status: it starts
 * at the first check that finds it behind; a failed check leaves it as it was (the last good
 * result still stands); any other status ends it.
 */
export function nextBehindSince(
  previous: string | undefined,
  overallStatus: PinnedVersionStatus,
  checkedAt: string,
): string | undefined {
  switch (overallStatus) {
    case 'behind':
      return previous ?? checkedAt;
    case 'error':
      return previous;
    default:
      return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
