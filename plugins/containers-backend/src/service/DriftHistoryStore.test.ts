import { mockServices } from '@backstage/backend-test-utils';
import { DriftRecord } from '@dockyard/plugin-containers-common';
import { createTestDatabases } from '@dockyard/test-utils';
import { DriftHistoryStore } from './DriftHistoryStore';

const TRINO = 'component:default/trino';
const SPARK = 'component:default/spark';

/** A check of trino at `checkedAt`: up to date by default. */
function trino(
  checkedAt: string,
  overrides: Partial<DriftRecord> = {},
): DriftRecord {
  return {
    entityRef: TRINO,
    slug: 'trino',
    strategy: 'github-release',
    current: '476',
    latest: '476',
    status: 'up-to-date',
    checkedAt,
    ...overrides,
  };
}

const behind = (days: number, latest = '478'): Partial<DriftRecord> => ({
  status: 'behind',
  latest,
  behind: { major: 2, minor: 0, patch: 0, releases: 2, days },
  overallStatus: 'behind',
});

// SQLite, and PostgreSQL when one is configured (see createTestDatabases).
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('DriftHistoryStore on %s', id => {
  /** A store on a fresh database whose clock the test sets. */
  async function setup(retentionDays = 400) {
    const knex = await databases.init(id);
    const clock = { now: new Date('2026-03-10T12:00:00Z') };
    const open = () =>
      DriftHistoryStore.create({
        database: mockServices.database({ knex }),
        config: { retentionDays },
        now: () => clock.now,
      });
    const count = async () =>
      Number((await knex('containers_drift_history').count({ n: '*' }))[0].n);
    return { knex, clock, open, store: await open(), count };
  }

  it('writes a sample when the result changes and one a day otherwise', async () => {
    const { store, count } = await setup();
    await store.record([trino('2026-03-08T00:30:00Z')]);
    // The same result later that day: nothing new.
    await store.record([trino('2026-03-08T01:00:00Z')]);
    await store.record([trino('2026-03-08T23:30:00.000Z')]);
    expect(await count()).toBe(1);
    // The next day: its first check is written, the others are not.
    await store.record([trino('2026-03-09T00:00:00Z')]);
    await store.record([trino('2026-03-09T00:30:00Z')]);
    expect(await count()).toBe(2);
    // A new upstream release: written at once, then unchanged again.
    await store.record([trino('2026-03-09T01:00:00Z', behind(61))]);
    await store.record([trino('2026-03-09T01:30:00Z', behind(61))]);
    // A newer latest is a change too.
    await store.record([trino('2026-03-09T02:00:00Z', behind(90, '479'))]);
    expect(await count()).toBe(4);

    const history = await store.entityHistory(TRINO, 90);
    expect(history.points.map(p => [p.checkedAt, p.status, p.latest])).toEqual([
      ['2026-03-08T00:30:00.000Z', 'up-to-date', '476'],
      ['2026-03-09T00:00:00.000Z', 'up-to-date', '476'],
      ['2026-03-09T01:00:00.000Z', 'behind', '478'],
      ['2026-03-09T02:00:00.000Z', 'behind', '479'],
    ]);
    expect(history.points[3]).toEqual({
      checkedAt: '2026-03-09T02:00:00.000Z',
      kind: 'main',
      status: 'behind',
      current: '476',
      latest: '479',
      behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 90 },
      overallStatus: 'behind',
    });
    // A day counts by its last sample, also when it came in a later run.
    expect((await store.trend([TRINO], 90)).days).toEqual([
      {
        day: '2026-03-08',
        containers: 1,
        behind: 0,
        failing: 0,
        pastEol: 0,
      },
      {
        day: '2026-03-09',
        containers: 1,
        behind: 1,
        failing: 0,
        pastEol: 0,
        medianDaysBehind: 90,
      },
    ]);
  });

  it('keeps every pinned version apart: main, each companion by name, the base image', async () => {
    const { store } = await setup();
    const companion = (current: string) => ({
      name: 'iceberg',
      strategy: 'maven',
      current,
      latest: '1.7.0',
      status:
        current === '1.7.0' ? ('up-to-date' as const) : ('behind' as const),
      ...(current !== '1.7.0' && {
        behind: { major: 0, minor: 1, patch: 0, releases: 3 },
      }),
    });
    const baseImage = {
      image: 'docker.io/library/python',
      tag: '3.12-slim',
      digest: `sha256:${'a'.repeat(64)}`,
      latestTag: '3.12-slim',
      latestDigest: `sha256:${'b'.repeat(64)}`,
      status: 'rebuilt' as const,
    };
    await store.record([
      trino('2026-03-09T10:00:00Z', {
        companions: [companion('1.6.1')],
        baseImage,
        overallStatus: 'behind',
        eol: { product: 'trino', cycle: '476', state: 'warning' },
      }),
    ]);
    // Only the companion moved: one new sample, the main version's and base image's stay.
    // The overall status changes with it, so the main version gets a sample as well.
    await store.record([
      trino('2026-03-09T11:00:00Z', {
        companions: [companion('1.7.0')],
        baseImage,
        overallStatus: 'rebuilt',
        eol: { product: 'trino', cycle: '476', state: 'warning' },
      }),
    ]);
    const { points } = await store.entityHistory(TRINO, 2);
    expect(
      points.map(p => [p.checkedAt.slice(11, 16), p.kind, p.name, p.status]),
    ).toEqual([
      ['10:00', 'main', undefined, 'up-to-date'],
      ['10:00', 'companion', 'iceberg', 'behind'],
      ['10:00', 'base-image', 'docker.io/library/python', 'rebuilt'],
      ['11:00', 'main', undefined, 'up-to-date'],
      ['11:00', 'companion', 'iceberg', 'up-to-date'],
      ['11:00', 'base-image', 'docker.io/library/python', 'rebuilt'],
    ]);
    expect(points[0]).toMatchObject({
      eol: 'warning',
      overallStatus: 'behind',
    });
    expect(points[1].behind).toEqual({
      major: 0,
      minor: 1,
      patch: 0,
      releases: 3,
    });
    expect(points[2]).toMatchObject({
      current: '3.12-slim',
      latest: '3.12-slim',
    });
  });

  it('knows since when a container has been behind; a failed check does not end the streak', async () => {
    const { store } = await setup();
    await store.record([trino('2026-03-01T10:00:00Z')]);
    expect((await store.entityHistory(TRINO, 30)).behindSince).toBeUndefined();
    await store.record([trino('2026-03-02T10:00:00Z', behind(10))]);
    await store.record([trino('2026-03-03T10:00:00Z', behind(40, '479'))]);
    await store.record([
      trino('2026-03-04T10:00:00Z', {
        ...behind(40, '479'),
        status: 'error',
        overallStatus: 'error',
        error: 'HTTP 503',
      }),
    ]);
    await store.record([trino('2026-03-05T10:00:00Z', behind(40, '479'))]);
    expect((await store.behindSince([TRINO.toUpperCase()])).get(TRINO)).toBe(
      '2026-03-02T10:00:00.000Z',
    );
    expect((await store.entityHistory(TRINO, 30)).behindSince).toBe(
      '2026-03-02T10:00:00.000Z',
    );
    // Up to date again ends it; the next fall behind starts a new one.
    await store.record([trino('2026-03-06T10:00:00Z')]);
    expect(await store.behindSince()).toEqual(new Map());
    await store.record([trino('2026-03-07T10:00:00Z', behind(5))]);
    expect(await store.behindSince()).toEqual(
      new Map([[TRINO, '2026-03-07T10:00:00.000Z']]),
    );
  });

  it('skips records never checked', async () => {
    const { store, count } = await setup();
    await store.record([
      trino(''),
      trino('not a time'),
      { ...trino('2026-03-10T10:00:00Z'), entityRef: SPARK, slug: 'spark' },
    ]);
    expect(await count()).toBe(1);
  });

  it('keeps its history across restarts: a new store on the same database sees old rows', async () => {
    const { open, store, count } = await setup();
    await store.record([trino('2026-03-09T10:00:00Z', behind(61))]);
    const reopened = await open();
    // The same result on the same day is still recognised as unchanged.
    await reopened.record([trino('2026-03-09T11:00:00Z', behind(61))]);
    expect(await count()).toBe(1);
    const history = await reopened.entityHistory(TRINO, 7);
    expect(history).toMatchObject({
      entityRef: TRINO,
      behindSince: '2026-03-09T10:00:00.000Z',
      from: '2026-03-04',
      points: [{ checkedAt: '2026-03-09T10:00:00.000Z', status: 'behind' }],
    });
  });

  it('prunes samples past the retention, and heads of containers gone as long', async () => {
    const { knex, clock, store, count } = await setup(30);
    clock.now = new Date('2026-01-01T12:00:00Z');
    await store.record([
      trino('2026-01-01T10:00:00Z', behind(10)),
      {
        ...trino('2026-01-01T10:00:00Z'),
        entityRef: SPARK,
        slug: 'spark',
      },
    ]);
    clock.now = new Date('2026-02-01T12:00:00Z');
    await store.record([trino('2026-02-01T10:00:00Z', behind(10))]);
    await store.record([trino('2026-02-02T10:00:00Z', behind(10))]);
    expect(await count()).toBe(4);

    // 30 days back from 2026-02-01 is 2026-01-02: the samples of 2026-01-01 go.
    expect(await store.prune()).toBe(2);
    expect(await count()).toBe(2);
    expect(
      (await knex('containers_drift_history_heads').select('entity_ref')).map(
        r => r.entity_ref,
      ),
    ).toEqual([TRINO]);
    // The streak began before the retention and is still known.
    expect((await store.entityHistory(TRINO, 400)).behindSince).toBe(
      '2026-01-01T10:00:00.000Z',
    );
    expect(await store.prune()).toBe(0);
  });

  it('aggregates per day over the containers asked for: behind, failing, past EOL, median days behind', async () => {
    const { store } = await setup();
    const refs = ['a', 'b', 'c', 'd', 'e'].map(n => `component:default/${n}`);
    const check = (
      name: string,
      checkedAt: string,
      overrides: Partial<DriftRecord>,
    ) =>
      trino(checkedAt, {
        entityRef: `component:default/${name}`,
        slug: name,
        ...overrides,
      });
    const failing: Partial<DriftRecord> = {
      status: 'error',
      overallStatus: 'error',
      error: 'HTTP 503',
    };
    const pastEol: Partial<DriftRecord> = {
      eol: { product: 'x', cycle: '1', state: 'eol' },
    };
    await store.record([
      // 2026-03-08: a, b, c behind by 10, 30 and 20 days (median 20), d failing, e past EOL.
      check('a', '2026-03-08T01:00:00Z', behind(10)),
      check('b', '2026-03-08T01:00:00Z', behind(30)),
      check('c', '2026-03-08T01:00:00Z', behind(20)),
      check('d', '2026-03-08T01:00:00Z', failing),
      check('e', '2026-03-08T01:00:00Z', pastEol),
      // The last check of the day counts: c was bumped in the afternoon.
      check('c', '2026-03-08T15:00:00Z', {}),
    ]);
    await store.record([
      // 2026-03-09: a and b behind by 10 and 30 (median 20 of two), the rest up to date.
      // d's behind is only in a companion: behind overall, no days of its main version.
      ...['a', 'b'].map(n =>
        check(n, '2026-03-09T01:00:00Z', behind(n === 'a' ? 10 : 30)),
      ),
      check('c', '2026-03-09T01:00:00Z', {}),
      check('d', '2026-03-09T01:00:00Z', {
        companions: [
          {
            name: 'sdk',
            strategy: 'maven',
            current: '1.0',
            latest: '2.0',
            status: 'behind',
            behind: { major: 1, minor: 0, patch: 0, releases: 1, days: 400 },
          },
        ],
        overallStatus: 'behind',
      }),
      check('e', '2026-03-09T01:00:00Z', {}),
    ]);
    // Outside the window asked for.
    await store.record([check('a', '2026-01-01T01:00:00Z', behind(999))]);

    const trend = await store.trend(refs, 90);
    expect(trend.from).toBe('2025-12-11');
    expect(trend.to).toBe('2026-03-10');
    expect(trend.days).toEqual([
      {
        day: '2026-01-01',
        containers: 1,
        behind: 1,
        failing: 0,
        pastEol: 0,
        medianDaysBehind: 999,
      },
      {
        day: '2026-03-08',
        containers: 5,
        behind: 2,
        failing: 1,
        pastEol: 1,
        medianDaysBehind: 20,
      },
      {
        day: '2026-03-09',
        containers: 5,
        behind: 3,
        failing: 0,
        pastEol: 0,
        medianDaysBehind: 20,
      },
    ]);

    // A 60-day window leaves out 2026-01-01.
    expect((await store.trend(refs, 60)).days.map(d => d.day)).toEqual([
      '2026-03-08',
      '2026-03-09',
    ]);
    // Only what the caller may read is counted; refs compare case-insensitively.
    const some = await store.trend(
      ['component:default/A', 'component:default/d'],
      30,
    );
    expect(some.days).toEqual([
      {
        day: '2026-03-08',
        containers: 2,
        behind: 1,
        failing: 1,
        pastEol: 0,
        medianDaysBehind: 10,
      },
      {
        day: '2026-03-09',
        containers: 2,
        behind: 2,
        failing: 0,
        pastEol: 0,
        medianDaysBehind: 10,
      },
    ]);
    expect((await store.trend([], 90)).days).toEqual([]);
    // A day whose behind containers have no dates has no median.
    expect(
      (await store.trend(['component:default/d'], 30)).days[1],
    ).not.toHaveProperty('medianDaysBehind');
  });

  it('aggregates thousands of containers in one query', async () => {
    const { store } = await setup();
    const records = Array.from({ length: 3000 }, (_, i) =>
      trino('2026-03-10T01:00:00Z', {
        entityRef: `component:default/image-${i}`,
        slug: `image-${i}`,
        ...(i % 2 === 0 ? behind(i % 100) : {}),
      }),
    );
    await store.record(records);
    const trend = await store.trend(
      records.map(r => r.entityRef),
      90,
    );
    expect(trend.days).toEqual([
      {
        day: '2026-03-10',
        containers: 3000,
        behind: 1500,
        failing: 0,
        pastEol: 0,
        medianDaysBehind: 49,
      },
    ]);
  }, 60_000);
});
