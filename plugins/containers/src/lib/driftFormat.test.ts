import type { DriftRecord } from '@dockyard/plugin-containers-common';
import {
  compareDistance,
  driftStatusRank,
  errorReason,
  hasLastGoodResult,
  isManual,
} from './driftFormat';

const base: DriftRecord = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  strategy: 'github-release',
  current: '470',
  status: 'error',
  checkedAt: '2025-11-03T12:00:00Z',
};

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
