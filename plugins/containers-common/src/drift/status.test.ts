import {
  baseImageRebuilt,
  overallDriftStatus,
  PINNED_STATUS_ORDER,
  worstStatus,
} from './status';

describe('worstStatus', () => {
  it('orders up-to-date < unknown < rebuilt < behind < error', () => {
    expect(PINNED_STATUS_ORDER).toEqual([
      'up-to-date',
      'unknown',
      'rebuilt',
      'behind',
      'error',
    ]);
    expect(worstStatus([])).toBe('up-to-date');
    expect(worstStatus(['up-to-date', 'unknown'])).toBe('unknown');
    expect(worstStatus(['rebuilt', 'unknown', 'up-to-date'])).toBe('rebuilt');
    expect(worstStatus(['behind', 'rebuilt'])).toBe('behind');
    expect(worstStatus(['error', 'behind', undefined])).toBe('error');
  });

  it('reads a status it does not know as unknown', () => {
    expect(worstStatus(['up-to-date', 'stale' as any])).toBe('unknown');
  });
});

describe('overallDriftStatus', () => {
  it('is the main status for a record without companions or base image (old records)', () => {
    expect(overallDriftStatus({ status: 'up-to-date' })).toBe('up-to-date');
    expect(overallDriftStatus({ status: 'behind' })).toBe('behind');
  });

  it('is the worst of main, companions and base image', () => {
    const companion = (status: any) => ({
      name: status,
      strategy: 'maven',
      current: '1.0.0',
      status,
    });
    expect(
      overallDriftStatus({
        status: 'up-to-date',
        companions: [companion('up-to-date'), companion('behind')],
        baseImage: { image: 'python', status: 'rebuilt' },
      }),
    ).toBe('behind');
    expect(
      overallDriftStatus({
        status: 'up-to-date',
        companions: [companion('up-to-date')],
        baseImage: { image: 'python', status: 'rebuilt' },
      }),
    ).toBe('rebuilt');
    expect(
      overallDriftStatus({
        status: 'behind',
        companions: [companion('error')],
      }),
    ).toBe('error');
    expect(
      overallDriftStatus({
        status: 'unknown',
        baseImage: { image: 'python', status: 'up-to-date' },
      }),
    ).toBe('unknown');
  });
});

describe('baseImageRebuilt', () => {
  const a = `sha256:${'a'.repeat(64)}`;
  const b = `sha256:${'b'.repeat(64)}`;
  it('is true only when both digests are known and differ', () => {
    expect(baseImageRebuilt({ digest: a, latestDigest: b })).toBe(true);
    expect(baseImageRebuilt({ digest: a, latestDigest: a })).toBe(false);
    expect(baseImageRebuilt({ digest: a })).toBe(false);
    expect(baseImageRebuilt({ latestDigest: b })).toBe(false);
    expect(baseImageRebuilt(undefined)).toBe(false);
  });
});
