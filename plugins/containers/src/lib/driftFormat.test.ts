import type { DriftRecord } from '@dockyard/plugin-containers-common';
import {
  compareDistance,
  describeDistance,
  describeLag,
  describeStep,
  driftStatusRank,
  errorReason,
  hasLastGoodResult,
  isManual,
  pinnedStatusLabel,
} from './driftFormat';

const base: DriftRecord = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  strategy: 'github-release',
  current: '470',
  status: 'error',
  checkedAt: '2025-11-03T12:00:00Z',
};

describe('describeDistance', () => {
  it('names the biggest step, the releases and the days', () => {
    expect(
      describeDistance({
        major: 1,
        minor: 0,
        patch: 0,
        releases: 7,
        days: 212,
      }),
    ).toBe('1 major · 7 releases · 212 days');
    expect(
      describeDistance({ major: 0, minor: 2, patch: 0, releases: 1 }),
    ).toBe('2 minor · 1 release');
    expect(
      describeDistance({ major: 0, minor: 0, patch: 3, releases: 3, days: 1 }),
    ).toBe('3 patch · 3 releases · 1 day');
  });

  it('says only the release count when versions differ in no numeric part', () => {
    expect(
      describeDistance({ major: 0, minor: 0, patch: 0, releases: 6 }),
    ).toBe('6 releases');
    expect(
      describeStep({ major: 0, minor: 0, patch: 0, releases: 6 }),
    ).toBeUndefined();
  });

  it('is empty without a distance', () => {
    expect(describeDistance(undefined)).toBe('');
    expect(describeLag(undefined)).toBe('');
  });

  it('gives releases and days apart from the step', () => {
    expect(
      describeLag({ major: 2, minor: 0, patch: 0, releases: 2, days: 48 }),
    ).toBe('2 releases · 48 days');
    expect(describeLag({ major: 0, minor: 1, patch: 0, releases: 0 })).toBe('');
  });
});

describe('compareDistance', () => {
  it('lets one major outweigh any number of minors and patches', () => {
    const oneMajor = { major: 1, minor: 0, patch: 0, releases: 1 };
    const manyMinors = { major: 0, minor: 9, patch: 9, releases: 40 };
    expect(compareDistance(oneMajor, manyMinors)).toBeGreaterThan(0);
    expect(compareDistance(manyMinors, oneMajor)).toBeLessThan(0);
  });

  it('breaks ties on releases, then days, and counts absence as zero', () => {
    expect(
      compareDistance(
        { major: 0, minor: 1, patch: 0, releases: 2 },
        { major: 0, minor: 1, patch: 0, releases: 5 },
      ),
    ).toBeLessThan(0);
    expect(
      compareDistance(undefined, { major: 0, minor: 0, patch: 1, releases: 1 }),
    ).toBeLessThan(0);
    expect(compareDistance(undefined, undefined)).toBe(0);
  });
});

describe('driftStatusRank', () => {
  it('puts failing checks first and up-to-date last', () => {
    const statuses = ['up-to-date', 'unknown', 'error', 'behind'] as const;
    expect(
      [...statuses].sort((a, b) => driftStatusRank(a) - driftStatusRank(b)),
    ).toEqual(['error', 'behind', 'unknown', 'up-to-date']);
  });

  it('puts a base image rebuilt upstream after behind and before unknown', () => {
    const statuses = ['unknown', 'rebuilt', 'behind'] as const;
    expect(
      [...statuses].sort((a, b) => driftStatusRank(a) - driftStatusRank(b)),
    ).toEqual(['behind', 'rebuilt', 'unknown']);
  });

  it('ranks a status it does not know as unknown', () => {
    expect(driftStatusRank('stale' as 'unknown')).toBe(
      driftStatusRank('unknown'),
    );
  });
});

describe('pinnedStatusLabel', () => {
  it('says "Newer tag" for a base image behind, and the shared words otherwise', () => {
    expect(pinnedStatusLabel('behind', 'base-image')).toBe('Newer tag');
    expect(pinnedStatusLabel('behind')).toBe('Behind');
    expect(pinnedStatusLabel('rebuilt', 'base-image')).toBe('Rebuilt upstream');
    expect(pinnedStatusLabel('error', 'base-image')).toBe('Check failed');
  });
});

describe('isManual', () => {
  it('reads the strategy from the record, else from the entity annotation', () => {
    expect(isManual({ strategy: 'manual' })).toBe(true);
    expect(isManual(undefined, 'manual')).toBe(true);
    expect(isManual({ strategy: 'pypi' }, 'manual')).toBe(false);
    expect(isManual(undefined, undefined)).toBe(false);
  });
});

describe('hasLastGoodResult', () => {
  it('is true only for a failed check after an earlier success', () => {
    expect(
      hasLastGoodResult({ ...base, lastSuccessAt: '2025-11-01T08:00:00Z' }),
    ).toBe(true);
    expect(hasLastGoodResult(base)).toBe(false);
    expect(
      hasLastGoodResult({
        ...base,
        status: 'behind',
        lastSuccessAt: base.checkedAt,
      }),
    ).toBe(false);
  });
});

describe('errorReason', () => {
  it("keeps the reason at the end of the engine's message", () => {
    expect(
      errorReason(
        'https://archive.apache.org/dist/spark/: GET https://archive.apache.org/dist/spark/: host archive.apache.org is not in containers.drift.allowedHosts',
      ),
    ).toBe('host archive.apache.org is not in containers.drift.allowedHosts');
    expect(
      errorReason(
        'github:trinodb/trino: GET https://api.github.com/x: HTTP 503 Service Unavailable',
      ),
    ).toBe('HTTP 503 Service Unavailable');
  });

  it('keeps a message without a useful tail whole', () => {
    expect(errorReason('Not checked yet')).toBe('Not checked yet');
    expect(errorReason('timeout: 10s')).toBe('timeout: 10s');
  });
});
