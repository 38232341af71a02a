import { DriftRecord, DriftResult } from '@dockyard/plugin-containers-common';
import { mergeWithPrevious } from './mergeRecord';

const good: DriftRecord = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  strategy: 'github-release',
  source: 'github:trinodb/trino',
  current: '476',
  latest: '478',
  status: 'behind',
  behind: { major: 2, minor: 0, patch: 0, releases: 2 },
  releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
  checkedAt: '2025-12-01T00:00:00.000Z',
  lastSuccessAt: '2025-12-01T00:00:00.000Z',
};

const failed: DriftResult = {
  slug: 'trino',
  strategy: 'github-release',
  source: 'github:trinodb/trino',
  current: '476',
  status: 'error',
  error: 'github:trinodb/trino: GET …: HTTP 502 Bad Gateway',
  checkedAt: '2025-12-01T00:30:00.000Z',
};

describe('mergeWithPrevious', () => {
  it('stores a successful check as the last success', () => {
    const { entityRef, lastSuccessAt, ...result } = good;
    expect(mergeWithPrevious(entityRef, result, undefined)).toEqual({
      ...good,
      lastSuccessAt: good.checkedAt,
    });
  });

  it('keeps the last good result, marked with the error, when a check fails', () => {
    expect(mergeWithPrevious(good.entityRef, failed, good)).toEqual({
      ...good,
      status: 'error',
      error: failed.error,
      checkedAt: '2025-12-01T00:30:00.000Z',
      lastSuccessAt: '2025-12-01T00:00:00.000Z',
    });
  });

  it('drops the distance when current changed since the last good check', () => {
    const merged = mergeWithPrevious(
      good.entityRef,
      { ...failed, current: '477' },
      good,
    );
    expect(merged).toMatchObject({
      current: '477',
      latest: '478',
      status: 'error',
    });
    expect(merged.behind).toBeUndefined();
  });

  it('stores a failure as is when nothing was ever good', () => {
    expect(mergeWithPrevious(good.entityRef, failed, undefined)).toEqual({
      ...failed,
      entityRef: good.entityRef,
    });
  });
});
