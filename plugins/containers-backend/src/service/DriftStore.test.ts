import { mockServices } from '@backstage/backend-test-utils';
import { DriftRecord } from '@dockyard/plugin-containers-common';
import { createTestDatabases } from '@dockyard/test-utils';
import { DriftStore } from './DriftStore';

const BODY = `## Changes\n${'* fixed a thing (#123)\n'.repeat(500)}`;

function trino(overrides: Partial<DriftRecord> = {}): DriftRecord {
  return {
    entityRef: 'component:default/trino',
    slug: 'trino',
    strategy: 'github-release',
    current: '476',
    latest: '478',
    status: 'behind',
    checkedAt: '2026-03-10T12:00:00.000Z',
    releases: [
      { version: '478', name: 'Trino 478', body: BODY, highlights: ['major'] },
      { version: '477', name: 'Trino 477', body: 'Small fixes' },
    ],
    companions: [
      {
        name: 'iceberg',
        strategy: 'maven',
        current: '1.9.0',
        status: 'behind',
        releases: [{ version: '1.10.0', body: 'Breaking: renamed' }],
      },
    ],
    ...overrides,
  };
}

// SQLite, and PostgreSQL when one is configured (see createTestDatabases).
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('DriftStore on %s', id => {
  async function setup() {
    const knex = await databases.init(id);
    const store = await DriftStore.create(mockServices.database({ knex }));
    return { knex, store };
  }

  it('keeps release notes apart: listed without bodies, read one by one whole', async () => {
    const { knex, store } = await setup();
    await store.saveRecords([trino()]);
    const [listed] = await store.listRecords();
    expect(listed.releases).toEqual([
      { version: '478', name: 'Trino 478', highlights: ['major'] },
      { version: '477', name: 'Trino 477' },
    ]);
    expect(listed.companions![0].releases).toEqual([{ version: '1.10.0' }]);
    expect(await store.getRecord('component:default/trino')).toEqual(trino());
    expect(
      (await store.getRecords(['component:default/TRINO'])).get(
        'component:default/trino',
      ),
    ).toEqual(trino());
    // The listed column itself is small; the bodies are in their own.
    const row = await knex('containers_drift_results').first();
    expect(row.record.length).toBeLessThan(1000);
    expect(row.release_bodies).toContain('fixed a thing');
  });

  it('forgets the bodies of a record that has no notes any more', async () => {
    const { knex, store } = await setup();
    await store.saveRecords([trino()]);
    const upToDate = trino({
      current: '478',
      status: 'up-to-date',
      releases: undefined,
      companions: undefined,
    });
    await store.saveRecords([upToDate]);
    expect(await store.getRecord('component:default/trino')).toEqual(upToDate);
    expect(
      (await knex('containers_drift_results').first()).release_bodies,
    ).toBeNull();
  });

  it('reads a row written before the bodies moved, bodies and all', async () => {
    const { knex, store } = await setup();
    await knex('containers_drift_results').insert({
      entity_ref: 'component:default/trino',
      slug: 'trino',
      status: 'behind',
      checked_at: '2026-03-10T12:00:00.000Z',
      last_success_at: null,
      record: JSON.stringify(trino()),
    });
    expect(await store.getRecord('component:default/trino')).toEqual(trino());
    expect((await store.listRecords())[0]).toEqual(trino());
  });
});
