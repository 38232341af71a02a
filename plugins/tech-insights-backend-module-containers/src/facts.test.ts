import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { containerDriftFacts, containerDriftFactSchema } from './facts';

const checked: DriftRecord = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  strategy: 'github-release',
  current: '476',
  status: 'up-to-date',
  latest: '476',
  checkedAt: '2025-06-01T00:00:00.000Z',
  lastSuccessAt: '2025-06-01T00:00:00.000Z',
};

describe('containerDriftFacts', () => {
  it('gives every fact of the schema, and only those, for any record', () => {
    const keys = Object.keys(containerDriftFactSchema).sort();
    expect(Object.keys(containerDriftFacts(undefined)).sort()).toEqual(keys);
    expect(Object.keys(containerDriftFacts(checked)).sort()).toEqual(keys);
  });

  it('knows nothing of a container never checked', () => {
    expect(containerDriftFacts(undefined)).toEqual({
      status: 'unknown',
      majorsBehind: null,
      minorsBehind: null,
      releasesBehind: null,
      daysBehind: null,
      daysToEol: null,
      eolState: null,
      baseImageStatus: null,
      baseImageNeedsRebuild: null,
    });
    // What the API serves before the first check.
    expect(
      containerDriftFacts({
        entityRef: 'component:default/new',
        slug: 'new',
        strategy: 'github-release',
        current: '1.0',
        status: 'unknown',
        checkedAt: '',
        pending: true,
      } as DriftRecord),
    ).toEqual(containerDriftFacts(undefined));
  });

  it('counts zero behind for an up-to-date container', () => {
    expect(containerDriftFacts(checked)).toMatchObject({
      status: 'up-to-date',
      majorsBehind: 0,
      minorsBehind: 0,
      releasesBehind: 0,
      daysBehind: 0,
    });
  });

  it("gives the main version's distance and the worst status overall", () => {
    const facts = containerDriftFacts({
      ...checked,
      status: 'behind',
      latest: '478',
      behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 41 },
      companions: [
        {
          name: 'iceberg',
          strategy: 'maven',
          current: '1.6.1',
          status: 'error',
          error: 'timeout',
        },
      ],
    });
    expect(facts).toMatchObject({
      status: 'error',
      majorsBehind: 2,
      minorsBehind: 0,
      releasesBehind: 2,
      daysBehind: 41,
    });
  });

  it('has no days behind when the feed gives no dates', () => {
    expect(
      containerDriftFacts({
        ...checked,
        status: 'behind',
        behind: { major: 0, minor: 1, patch: 0, releases: 3 },
      }),
    ).toMatchObject({ minorsBehind: 1, releasesBehind: 3, daysBehind: null });
  });

  it('keeps the distance of the last good check when the newest failed', () => {
    const failed = {
      ...checked,
      status: 'error' as const,
      error: 'GitHub answered 502',
      checkedAt: '2025-06-02T00:00:00.000Z',
    };
    expect(
      containerDriftFacts({
        ...failed,
        latest: '477',
        behind: { major: 0, minor: 0, patch: 0, releases: 1, days: 7 },
      }),
    ).toMatchObject({ status: 'error', releasesBehind: 1, daysBehind: 7 });
    // The last good check found the newest release in use.
    expect(containerDriftFacts(failed)).toMatchObject({
      status: 'error',
      majorsBehind: 0,
      releasesBehind: 0,
    });
    // Never a good check: nothing is known.
    expect(
      containerDriftFacts({
        ...failed,
        latest: undefined,
        lastSuccessAt: undefined,
      }),
    ).toMatchObject({ majorsBehind: null, releasesBehind: null });
  });

  it('knows no distance without a feed (manual)', () => {
    expect(
      containerDriftFacts({
        ...checked,
        strategy: 'manual',
        status: 'unknown',
        latest: undefined,
      }),
    ).toMatchObject({
      status: 'unknown',
      majorsBehind: null,
      minorsBehind: null,
      daysBehind: null,
    });
  });

  it('gives the end of life when container.yaml tracks it', () => {
    expect(
      containerDriftFacts({
        ...checked,
        eol: {
          product: 'postgresql',
          cycle: '13',
          state: 'eol',
          eolDate: '2025-11-13',
          daysToEol: -20,
        },
      }),
    ).toMatchObject({ daysToEol: -20, eolState: 'eol' });
    expect(
      containerDriftFacts({
        ...checked,
        eol: {
          product: 'nope',
          cycle: '1',
          state: 'unknown',
          error: 'no such product',
        },
      }),
    ).toMatchObject({ daysToEol: null, eolState: 'unknown' });
    expect(containerDriftFacts(checked)).toMatchObject({
      daysToEol: null,
      eolState: null,
    });
  });

  it('tells a base image rebuild only when digests were compared', () => {
    const base = {
      image: 'python',
      tag: '3.12-slim',
      digest: 'sha256:aaa',
      latestTag: '3.12-slim',
    };
    const facts = (baseImage: DriftRecord['baseImage']) =>
      containerDriftFacts({ ...checked, baseImage });
    expect(
      facts({ ...base, latestDigest: 'sha256:bbb', status: 'rebuilt' }),
    ).toMatchObject({
      status: 'rebuilt',
      baseImageStatus: 'rebuilt',
      baseImageNeedsRebuild: true,
    });
    // Behind wins the status; the rebuild still shows.
    expect(
      facts({
        ...base,
        latestDigest: 'sha256:bbb',
        latestTag: '3.13-slim',
        status: 'behind',
      }),
    ).toMatchObject({ baseImageStatus: 'behind', baseImageNeedsRebuild: true });
    expect(
      facts({ ...base, latestDigest: 'sha256:aaa', status: 'up-to-date' }),
    ).toMatchObject({
      baseImageStatus: 'up-to-date',
      baseImageNeedsRebuild: false,
    });
    // Not pinned by digest, or the registry did not answer: not known.
    expect(
      facts({ image: 'python', tag: '3.12-slim', status: 'up-to-date' }),
    ).toMatchObject({ baseImageNeedsRebuild: null });
    expect(
      facts({ ...base, status: 'error', error: 'registry answered 500' }),
    ).toMatchObject({ baseImageStatus: 'error', baseImageNeedsRebuild: null });
    expect(containerDriftFacts(checked)).toMatchObject({
      baseImageStatus: null,
      baseImageNeedsRebuild: null,
    });
  });
});
