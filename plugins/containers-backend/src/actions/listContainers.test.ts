import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  containerEntity,
  driftRecord,
  fakeSources,
} from './__testUtils__/containers';
import { MAX_LIST_LIMIT, registerListContainersAction } from './listContainers';

const ENTITIES = [
  containerEntity('trino', { current: '476', title: 'Trino' }),
  containerEntity('nessie'),
  containerEntity('spark', { current: '3.5.1' }),
  // Never checked yet.
  containerEntity('airflow', { current: '3.1.5' }),
  // Not containers.
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
  }),
  driftRecord('nessie'),
  driftRecord('spark', {
    current: '3.5.1',
    status: 'error',
    error: `GitHub answered 502: ${'x'.repeat(2000)}`,
    eol: {
      product: 'spark',
      cycle: '3.5',
      state: 'supported',
      eolDate: '2099-12-31',
    },
  }),
  // A record of an entity gone from the catalog (or hidden from the caller).
  driftRecord('gone'),
];

function setup(options: { entities?: typeof ENTITIES } = {}) {
  const actionsRegistry = actionsRegistryServiceMock();
  const catalog = catalogServiceMock({
    entities: options.entities ?? ENTITIES,
  });
  registerListContainersAction({
    actionsRegistry,
    catalog,
    ...fakeSources(RECORDS),
  });
  const list = (input: Record<string, unknown> = {}) =>
    actionsRegistry.invoke({
      id: 'test:list-containers',
      input: input as any,
      credentials: mockCredentials.user(),
    });
  return { actionsRegistry, catalog, list };
}

describe('list-containers', () => {
  it('lists every container the caller may read, by name, with its drift', async () => {
    const { list } = setup();
    const { output } = await list();
    expect(output).toEqual({
      totalItems: 4,
      items: [
        {
          entityRef: 'component:default/airflow',
          slug: 'airflow',
          current: '3.1.5',
          status: 'unknown',
          pending: true,
        },
        {
          entityRef: 'component:default/nessie',
          slug: 'nessie',
          current: '1.0.0',
          latest: '1.0.0',
          status: 'up-to-date',
          checkedAt: '2025-06-01T00:00:00.000Z',
        },
        {
          entityRef: 'component:default/spark',
          slug: 'spark',
          current: '3.5.1',
          latest: '1.0.0',
          status: 'error',
          eolState: 'supported',
          eolDate: '2099-12-31',
          checkedAt: '2025-06-01T00:00:00.000Z',
          // Cut to a size an answer can carry.
          error: expect.stringMatching(/^GitHub answered 502: x+…$/),
        },
        {
          entityRef: 'component:default/trino',
          slug: 'trino',
          title: 'Trino',
          current: '476',
          latest: '478',
          status: 'behind',
          behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 20 },
          checkedAt: '2025-06-01T00:00:00.000Z',
        },
      ],
    });
    expect((output as any).items[2].error).toHaveLength(500);
  });

  it('asks the catalog as the caller, so its permissions decide what is listed', async () => {
    const { list, catalog } = setup();
    const getEntities = jest.spyOn(catalog, 'getEntities');
    await list();
    expect(getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials: mockCredentials.user(),
    });
  });

  it('pages: limit, offset and nextOffset', async () => {
    const { list } = setup();
    const first = (await list({ limit: 3 })).output as any;
    expect(first.items.map((item: any) => item.slug)).toEqual([
      'airflow',
      'nessie',
      'spark',
    ]);
    expect(first).toMatchObject({ totalItems: 4, nextOffset: 3 });
    const last = (await list({ limit: 3, offset: first.nextOffset }))
      .output as any;
    expect(last.items.map((item: any) => item.slug)).toEqual(['trino']);
    expect(last).not.toHaveProperty('nextOffset');
    expect((await list({ offset: 10 })).output).toEqual({
      items: [],
      totalItems: 4,
    });
  });

  it('filters by overall status and by text', async () => {
    const { list } = setup();
    const slugs = async (input: Record<string, unknown>) =>
      ((await list(input)).output as any).items.map((item: any) => item.slug);
    expect(await slugs({ status: ['behind', 'error'] })).toEqual([
      'spark',
      'trino',
    ]);
    expect(await slugs({ status: ['unknown'] })).toEqual(['airflow']);
    // Name, title or ref, any case.
    expect(await slugs({ text: 'TRI' })).toEqual(['trino']);
    expect(await slugs({ text: 'default/ness' })).toEqual(['nessie']);
    expect(await slugs({ text: 'nothing' })).toEqual([]);
  });

  it('refuses input outside its schema, naming the field', async () => {
    const { list } = setup();
    for (const input of [
      { limit: 0 },
      { limit: MAX_LIST_LIMIT + 1 },
      { limit: 2.5 },
      { offset: -1 },
      { status: ['stale'] },
      { text: 'x'.repeat(101) },
    ]) {
      const error = await list(input).then(
        () => undefined,
        (e: any) => e,
      );
      expect(error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'Invalid input to action "test:list-containers"',
        ),
      });
      // The cause names the field.
      expect(error.cause.issues[0].path[0]).toBe(Object.keys(input)[0]);
      expect(error.message).toContain(`"${Object.keys(input)[0]}"`);
    }
  });

  it('describes itself as read-only, with JSON schemas for MCP', async () => {
    const { actionsRegistry } = setup();
    const { actions } = await actionsRegistry.list();
    expect(actions).toEqual([
      expect.objectContaining({
        name: 'list-containers',
        attributes: { readOnly: true, idempotent: true, destructive: false },
        schema: {
          input: expect.objectContaining({
            properties: expect.objectContaining({
              limit: expect.objectContaining({
                maximum: MAX_LIST_LIMIT,
                default: 25,
              }),
            }),
          }),
          output: expect.objectContaining({
            required: ['items', 'totalItems'],
          }),
        },
      }),
    ]);
  });

  it('answers an empty list when the caller may read no container', async () => {
    const { list } = setup({ entities: [] });
    expect((await list()).output).toEqual({ items: [], totalItems: 0 });
  });
});
