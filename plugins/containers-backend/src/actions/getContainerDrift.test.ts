import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DriftRecord, utcToday } from '@dockyard/plugin-containers-common';
import {
  containerEntity,
  driftRecord,
  fakeSources,
} from './__testUtils__/containers';
import { registerGetContainerDriftAction } from './getContainerDrift';

const ROLLBACK = {
  previous: 'hive_metastore',
  steps: ['Stop writers', 'Point Trino back at the Hive metastore'],
};

const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const ENTITIES = [
  containerEntity('trino', {
    current: '476',
    title: 'Trino',
    container: { catalog: { role: 'consumer', rollback: ROLLBACK } },
  }),
  containerEntity('postgres', { current: '13.4' }),
  containerEntity('airflow', { current: '3.1.5' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'portal', namespace: 'default' },
    spec: { type: 'website', owner: 'x', lifecycle: 'production' },
  },
];

const RECORDS = [
  driftRecord('trino', {
    current: '476',
    latest: '478',
    status: 'behind',
    behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 20 },
    releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
    companions: [
      {
        name: 'iceberg',
        strategy: 'maven',
        current: '1.6.1',
        latest: '1.9.0',
        status: 'behind',
      },
    ],
  }),
  // Checked while supported; its end of life has passed since.
  driftRecord('postgres', {
    current: '13.4',
    eol: {
      product: 'postgresql',
      cycle: '13',
      state: 'warning',
      eolDate: YESTERDAY,
      daysToEol: 3,
    },
  }),
];

function setup() {
  const actionsRegistry = actionsRegistryServiceMock();
  const catalog = catalogServiceMock({ entities: ENTITIES });
  registerGetContainerDriftAction({
    actionsRegistry,
    catalog,
    ...fakeSources(RECORDS, {
      'component:default/trino': '2025-05-12T00:00:00.000Z',
    }),
  });
  const get = (entityRef: unknown) =>
    actionsRegistry.invoke({
      id: 'test:get-container-drift',
      input: { entityRef } as any,
      credentials: mockCredentials.user(),
    });
  return { catalog, get };
}

describe('get-container-drift', () => {
  it('gives the drift record as the API serves it, and the rollback notes', async () => {
    const { get } = setup();
    const { output } = await get('component:default/trino');
    expect(output).toEqual({
      entityRef: 'component:default/trino',
      title: 'Trino',
      drift: {
        ...RECORDS[0],
        behindSince: '2025-05-12T00:00:00.000Z',
      },
      rollbackNotes: ROLLBACK,
    });
  });

  it('keeps every field of a record (a new field fails to compile here)', async () => {
    const full: Required<DriftRecord> = {
      entityRef: 'component:default/full',
      slug: 'full',
      strategy: 'github-release',
      source: 'github:example/full',
      sourceUrl: 'https://github.com/example/full/releases',
      current: '1.0.0',
      latest: '1.2.0',
      newest: '2.0.0',
      status: 'error',
      overallStatus: 'error',
      behind: { major: 0, minor: 2, patch: 0, releases: 4, days: 30 },
      releaseNotesUrl: 'https://github.com/example/full/releases/tag/1.2.0',
      latestReleasedAt: '2025-05-01T00:00:00.000Z',
      releases: [{ version: '1.2.0', highlights: ['security'] }],
      checkedAt: '2025-06-01T00:00:00.000Z',
      lastSuccessAt: '2025-05-30T00:00:00.000Z',
      behindSince: '2025-05-02T00:00:00.000Z',
      consecutiveFailures: 2,
      pending: true,
      error: 'GitHub answered 502',
      companions: [
        {
          name: 'iceberg',
          strategy: 'maven',
          current: '1.6.1',
          status: 'up-to-date',
        },
      ],
      baseImage: { image: 'python', tag: '3.12-slim', status: 'rebuilt' },
      eol: { product: 'full', cycle: '1', state: 'supported' },
    };
    const actionsRegistry = actionsRegistryServiceMock();
    registerGetContainerDriftAction({
      actionsRegistry,
      catalog: catalogServiceMock({ entities: [containerEntity('full')] }),
      ...fakeSources([full]),
      history: undefined,
    });
    const { output } = await actionsRegistry.invoke({
      id: 'test:get-container-drift',
      input: { entityRef: 'full' },
      credentials: mockCredentials.user(),
    });
    expect((output as any).drift).toEqual(full);
  });

  it('accepts the name alone, and any case', async () => {
    const { get } = setup();
    expect((await get('trino')).output).toMatchObject({
      entityRef: 'component:default/trino',
    });
    expect((await get('Component:default/TRINO')).output).toMatchObject({
      entityRef: 'component:default/trino',
    });
  });

  it('counts the end of life for today, as the API does', async () => {
    const { get } = setup();
    const { output } = (await get('postgres')) as any;
    expect(output.drift.eol).toEqual({
      product: 'postgresql',
      cycle: '13',
      state: 'eol',
      eolDate: YESTERDAY,
      daysToEol: -1,
    });
    expect(utcToday() > YESTERDAY).toBe(true);
    expect(output).not.toHaveProperty('rollbackNotes');
    expect(JSON.stringify(output)).not.toContain('rollback');
  });

  it('answers pending for a container never checked', async () => {
    const { get } = setup();
    expect((await get('airflow')).output).toEqual({
      entityRef: 'component:default/airflow',
      drift: {
        entityRef: 'component:default/airflow',
        slug: 'airflow',
        strategy: 'github-release',
        current: '3.1.5',
        status: 'unknown',
        checkedAt: '',
        pending: true,
      },
    });
  });

  it('answers not found for what is not a container the caller may read', async () => {
    const { get, catalog } = setup();
    await expect(get('component:default/portal')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'component:default/portal is not a container entity',
    });
    await expect(get('nothing')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nothing',
    });
    // The catalog is asked as the caller.
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    await get('trino');
    expect(getEntityByRef).toHaveBeenCalledWith('component:default/trino', {
      credentials: mockCredentials.user(),
    });
  });

  it('refuses what is not an entity ref', async () => {
    const { get } = setup();
    await expect(get('component:default/')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^entityRef "component:default\/" is not an entity ref/,
      ),
    });
    await expect(get('')).rejects.toMatchObject({ name: 'InputError' });
    await expect(get(42)).rejects.toMatchObject({ name: 'InputError' });
    await expect(get('x'.repeat(301))).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
