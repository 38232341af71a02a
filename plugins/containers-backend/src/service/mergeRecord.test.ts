import {
  BaseImageDrift,
  CompanionDrift,
  DriftRecord,
  DriftResult,
} from '@dockyard/plugin-containers-common';
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
  releases: [
    { version: '478', body: '## General\n- Fix a bug.' },
    { version: '477' },
  ],
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
      overallStatus: 'behind',
      consecutiveFailures: 0,
    });
  });

  it('keeps the last good result, marked with the error, when a check fails', () => {
    expect(mergeWithPrevious(good.entityRef, failed, good)).toEqual({
      ...good,
      status: 'error',
      error: failed.error,
      checkedAt: '2025-12-01T00:30:00.000Z',
      lastSuccessAt: '2025-12-01T00:00:00.000Z',
      overallStatus: 'error',
      consecutiveFailures: 1,
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
    expect(merged.releases).toBeUndefined();
  });

  it('stores a failure as is when nothing was ever good', () => {
    expect(mergeWithPrevious(good.entityRef, failed, undefined)).toEqual({
      ...failed,
      entityRef: good.entityRef,
      overallStatus: 'error',
      consecutiveFailures: 1,
    });
  });

  it('counts the checks in a row that failed, and starts again after one that did not', () => {
    const once = mergeWithPrevious(good.entityRef, failed, good);
    const twice = mergeWithPrevious(good.entityRef, failed, once);
    expect(twice.consecutiveFailures).toBe(2);
    const { entityRef, lastSuccessAt, ...result } = good;
    expect(
      mergeWithPrevious(entityRef, result, twice).consecutiveFailures,
    ).toBe(0);
    // A record stored before failures were counted starts the count.
    const { consecutiveFailures, ...old } = twice;
    expect(mergeWithPrevious(entityRef, failed, old).consecutiveFailures).toBe(
      1,
    );
  });
});

describe('mergeWithPrevious with companions and a base image', () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  const iceberg: CompanionDrift = {
    name: 'iceberg',
    strategy: 'maven',
    source: 'maven:org.apache.iceberg:iceberg-core',
    current: '1.6.1',
    latest: '1.7.1',
    status: 'behind',
    behind: { major: 0, minor: 1, patch: 0, releases: 2 },
    lastSuccessAt: good.checkedAt,
  };
  const base: BaseImageDrift = {
    image: 'python',
    source: 'docker.io/library/python',
    tag: '3.12-slim-bookworm',
    digest: digest('a'),
    latestDigest: digest('b'),
    latestTag: '3.12-slim-bookworm',
    rebuiltAt: '2025-11-28T06:00:00.000Z',
    status: 'rebuilt',
    lastSuccessAt: good.checkedAt,
  };
  const previous: DriftRecord = {
    ...good,
    companions: [iceberg],
    baseImage: base,
    overallStatus: 'behind',
  };
  const { entityRef, lastSuccessAt, overallStatus, ...again } = previous;
  const later = '2025-12-01T00:30:00.000Z';

  it('merges each pinned version on its own: a failing companion keeps its last good answer, the others are new', () => {
    const merged = mergeWithPrevious(
      entityRef,
      {
        ...again,
        status: 'up-to-date',
        latest: '476',
        behind: undefined,
        checkedAt: later,
        companions: [
          {
            name: 'iceberg',
            strategy: 'maven',
            current: '1.6.1',
            status: 'error',
            error: 'HTTP 502',
          },
          {
            name: 'hadoop-aws',
            strategy: 'maven',
            current: '3.4.1',
            status: 'up-to-date',
            latest: '3.4.1',
          },
        ],
        baseImage: { ...base, lastSuccessAt: undefined },
      },
      previous,
    );
    expect(merged).toMatchObject({
      status: 'up-to-date',
      lastSuccessAt: later,
      overallStatus: 'error',
      companions: [
        {
          ...iceberg,
          status: 'error',
          error: 'HTTP 502',
          lastSuccessAt: good.checkedAt,
        },
        { name: 'hadoop-aws', status: 'up-to-date', lastSuccessAt: later },
      ],
      baseImage: { ...base, lastSuccessAt: later },
    });
  });

  it('keeps the last good base image of the same tag when its check fails, and forgets it for another tag', () => {
    const failedBase: BaseImageDrift = {
      image: 'python',
      source: 'docker.io/library/python',
      tag: '3.12-slim-bookworm',
      digest: digest('a'),
      status: 'error',
      error: 'HTTP 503',
    };
    const merged = mergeWithPrevious(
      entityRef,
      // The companion left the file: it leaves the record too.
      {
        ...again,
        companions: undefined,
        checkedAt: later,
        baseImage: failedBase,
      },
      previous,
    );
    expect(merged.baseImage).toEqual({
      ...base,
      status: 'error',
      error: 'HTTP 503',
    });
    expect(merged.companions).toBeUndefined();

    const otherTag = mergeWithPrevious(
      entityRef,
      {
        ...again,
        checkedAt: later,
        baseImage: { ...failedBase, tag: '3.13-slim-bookworm' },
      },
      previous,
    );
    expect(otherTag.baseImage).toEqual({
      ...failedBase,
      tag: '3.13-slim-bookworm',
    });
  });

  it('reads a record stored before companions and base images as having none', () => {
    const merged = mergeWithPrevious(
      entityRef,
      { ...failed, companions: [{ ...iceberg, status: 'error' }] },
      good,
    );
    expect(merged.companions).toEqual([{ ...iceberg, status: 'error' }]);
    expect(merged.latest).toBe('478');
  });
});
