import { DriftRecord } from '@dockyard/plugin-containers-common';
import {
  historySamples,
  nextBehindSince,
  sampleFingerprint,
  shouldWriteSample,
} from './historySamples';

const RECORD: DriftRecord = {
  entityRef: 'component:default/spark',
  slug: 'spark',
  strategy: 'github-release',
  current: '3.5.1',
  latest: '3.5.4',
  status: 'behind',
  behind: { major: 0, minor: 0, patch: 3, releases: 3, days: 200 },
  checkedAt: '2026-03-09T10:00:00+01:00',
  eol: { product: 'spark', cycle: '3.5', state: 'warning' },
  companions: [
    {
      name: 'iceberg',
      strategy: 'maven',
      current: '1.6.1',
      latest: '1.6.1',
      status: 'up-to-date',
    },
  ],
  baseImage: {
    image: 'docker.io/library/python',
    digest: `sha256:${'a'.repeat(64)}`,
    latestDigest: `sha256:${'b'.repeat(64)}`,
    status: 'rebuilt',
  },
};

describe('historySamples', () => {
  it('gives one sample per pinned version, at the check time in UTC, with the overall status', () => {
    expect(historySamples(RECORD)).toEqual([
      {
        key: 'main',
        kind: 'main',
        status: 'behind',
        current: '3.5.1',
        latest: '3.5.4',
        behind: { major: 0, minor: 0, patch: 3, releases: 3, days: 200 },
        eol: 'warning',
        overallStatus: 'behind',
        checkedAt: '2026-03-09T09:00:00.000Z',
        day: '2026-03-09',
      },
      {
        key: 'companion:iceberg',
        kind: 'companion',
        name: 'iceberg',
        status: 'up-to-date',
        current: '1.6.1',
        latest: '1.6.1',
        overallStatus: 'behind',
        checkedAt: '2026-03-09T09:00:00.000Z',
        day: '2026-03-09',
      },
      {
        // Pinned by digest only: the digests are its versions.
        key: 'base-image',
        kind: 'base-image',
        name: 'docker.io/library/python',
        status: 'rebuilt',
        current: `sha256:${'a'.repeat(64)}`,
        latest: `sha256:${'b'.repeat(64)}`,
        overallStatus: 'behind',
        checkedAt: '2026-03-09T09:00:00.000Z',
        day: '2026-03-09',
      },
    ]);
  });

  it('takes the tags of a base image pinned by tag', () => {
    const [, , base] = historySamples({
      ...RECORD,
      baseImage: {
        image: 'python',
        tag: '3.12.7-slim',
        latestTag: '3.12.8-slim',
        status: 'behind',
      },
    });
    expect(base).toMatchObject({
      current: '3.12.7-slim',
      latest: '3.12.8-slim',
    });
  });

  it('works the overall status out for records stored without it', () => {
    const samples = historySamples({
      ...RECORD,
      status: 'up-to-date',
      behind: undefined,
    });
    // The rebuilt base image makes the container rebuilt overall.
    expect(samples.map(s => s.overallStatus)).toEqual([
      'rebuilt',
      'rebuilt',
      'rebuilt',
    ]);
  });
});

describe('shouldWriteSample', () => {
  const [main] = historySamples(RECORD);
  const last = { fingerprint: sampleFingerprint(main), day: main.day };

  it('writes the first sample, a changed one and the first of a day', () => {
    expect(shouldWriteSample(main, undefined)).toBe(true);
    expect(shouldWriteSample(main, last)).toBe(false);
    expect(shouldWriteSample({ ...main, checkedAt: 'later' }, last)).toBe(
      false,
    );
    expect(shouldWriteSample({ ...main, day: '2026-03-10' }, last)).toBe(true);
    for (const change of [
      { status: 'error' as const },
      { current: '3.5.2' },
      { latest: '3.5.5' },
      { behind: { ...main.behind!, days: 201 } },
      { overallStatus: 'error' as const },
      { eol: 'eol' as const },
    ]) {
      expect({
        change,
        write: shouldWriteSample({ ...main, ...change }, last),
      }).toEqual({ change, write: true });
    }
  });
});

describe('nextBehindSince', () => {
  const at = '2026-03-09T09:00:00.000Z';
  const before = '2026-02-01T00:00:00.000Z';

  it('starts a streak at the first check that finds the container behind', () => {
    expect(nextBehindSince(undefined, 'behind', at)).toBe(at);
    expect(nextBehindSince(before, 'behind', at)).toBe(before);
  });

  it('keeps it through a failed check, ends it on any other status', () => {
    expect(nextBehindSince(before, 'error', at)).toBe(before);
    expect(nextBehindSince(undefined, 'error', at)).toBeUndefined();
    for (const status of ['up-to-date', 'unknown', 'rebuilt'] as const) {
      expect(nextBehindSince(before, status, at)).toBeUndefined();
    }
  });
});
