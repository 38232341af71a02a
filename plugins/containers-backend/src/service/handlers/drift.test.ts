import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATION_CONTAINER_YAML,
  DriftRecord,
} from '@dockyard/plugin-containers-common';
import { DriftStore } from '../DriftStore';
import { listDrift } from './drift';

function record(name: string): DriftRecord {
  return {
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'manual',
    current: '1.0.0',
    status: 'unknown',
    checkedAt: '2026-12-01T00:00:00.000Z',
  };
}

const trinoEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'trino',
    namespace: 'default',
    annotations: {
      [ANNOTATION_CONTAINER_YAML]: 'containers/trino/container.yaml',
    },
  },
  spec: { type: 'container', owner: 'team', lifecycle: 'production' },
};

/** GET /drift with the stored trino and spark records, the caller allowed only `decision`. */
async function list(decision: PolicyDecision) {
  const catalog = catalogServiceMock({ entities: [trinoEntity] });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const handler = listDrift({
    store: {
      listRecords: async () => [record('spark'), record('trino')],
    } as unknown as DriftStore,
    catalog,
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock({
      authorizeConditional: async requests => requests.map(() => decision),
    }),
  });
  const json = jest.fn();
  await (handler as (req: unknown, res: unknown) => Promise<void>)(
    { headers: {} },
    { json },
  );
  const { items } = json.mock.calls[0][0] as { items: DriftRecord[] };
  return {
    slugs: items.map(item => item.slug),
    catalogQueries: getEntities.mock.calls.length,
  };
}

describe('GET /drift', () => {
  it('lists every record without asking the catalog when the caller may read every entity', async () => {
    await expect(list({ result: AuthorizeResult.ALLOW })).resolves.toEqual({
      slugs: ['spark', 'trino'],
      catalogQueries: 0,
    });
  });

  it('lists nothing when the caller may read no entity', async () => {
    await expect(list({ result: AuthorizeResult.DENY })).resolves.toEqual({
      slugs: [],
      catalogQueries: 0,
    });
  });

  it('asks the catalog, as the caller, which containers it may read when the decision is conditional', async () => {
    await expect(
      list({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: [] },
        },
      }),
    ).resolves.toEqual({ slugs: ['trino'], catalogQueries: 1 });
  });
});
