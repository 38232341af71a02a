import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { createContainerDriftFactRetriever } from './factRetriever';

function component(name: string, type = 'container', yaml = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: yaml
        ? {
            'dockyard.io/container-yaml': `file:/srv/platform/containers/${name}/container.yaml`,
          }
        : {},
    },
    spec: { type, lifecycle: 'production', owner: 'group:default/team' },
  };
}

function record(name: string, fields: Partial<DriftRecord>): DriftRecord {
  return {
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'github-release',
    current: '1.0.0',
    status: 'up-to-date',
    checkedAt: '2025-06-01T00:00:00.000Z',
    ...fields,
  };
}

const RECORDS = [
  record('trino', {
    current: '476',
    latest: '478',
    status: 'behind',
    behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 20 },
  }),
  // Refs as stored may differ in case from the catalog's.
  {
    ...record('nessie', { latest: '1.0.0' }),
    entityRef: 'Component:default/Nessie',
  },
  // A container no longer in the catalog.
  record('gone', {}),
];

describe('dockyardContainerDriftFactRetriever', () => {
  let api: TestServer;
  let answer: (
    res: Parameters<Parameters<typeof startTestServer>[0]>[1],
  ) => void;

  beforeAll(async () => {
    api = await startTestServer((_req, res) => answer(res));
  });
  afterAll(() => api.close());
  beforeEach(() => {
    answer = res => sendJson(res, { items: RECORDS });
  });

  const catalog = catalogServiceMock({
    entities: [
      component('trino'),
      component('nessie'),
      // Never checked yet.
      component('spark'),
      // Not containers: another type, and a container without a container.yaml.
      component('portal', 'website'),
      component('hand-written', 'container', false),
    ],
  });
  const retriever = createContainerDriftFactRetriever({ catalog });

  const context = (): FactRetrieverContext => ({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    discovery: {
      getBaseUrl: async pluginId => `${api.url}/api/${pluginId}`,
      getExternalBaseUrl: async pluginId => `${api.url}/api/${pluginId}`,
    },
    // What the tech-insights engine passes: the retriever's own filter.
    entityFilter: retriever.entityFilter,
  });

  it('gives the facts of every container entity from the drift API', async () => {
    const facts = await retriever.handler(context());
    const byName = Object.fromEntries(
      facts.map(fact => [fact.entity.name, fact]),
    );
    expect(Object.keys(byName).sort()).toEqual(['nessie', 'spark', 'trino']);
    expect(byName.trino.entity).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'trino',
    });
    expect(byName.trino.facts).toMatchObject({
      status: 'behind',
      majorsBehind: 2,
      releasesBehind: 2,
      daysBehind: 20,
    });
    expect(byName.nessie.facts).toMatchObject({
      status: 'up-to-date',
      majorsBehind: 0,
    });
    expect(byName.spark.facts).toMatchObject({
      status: 'unknown',
      majorsBehind: null,
    });
    expect(byName.trino.timestamp?.isValid).toBe(true);
    for (const fact of facts) {
      expect(Object.keys(fact.facts).sort()).toEqual(
        Object.keys(retriever.schema).sort(),
      );
    }
  });

  it('asks the containers backend with a service token for the containers plugin', async () => {
    await retriever.handler(context());
    const seen = api.requests.at(-1)!;
    expect([seen.method, seen.url]).toEqual(['GET', '/api/containers/drift']);
    expect(seen.headers.authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:tech-insights'),
        targetPluginId: 'containers',
      }),
    );
  });

  it('fails with the API error, so the engine keeps the facts it has', async () => {
    answer = res =>
      sendJson(
        res,
        // A Backstage backend's error body.
        {
          error: { name: 'AuthenticationError', message: 'bad token' },
          request: { method: 'GET', url: '/api/containers/drift' },
          response: { statusCode: 401 },
        },
        {},
        401,
      );
    await expect(retriever.handler(context())).rejects.toThrow(
      `GET ${api.url}/api/containers/drift answered 401: bad token`,
    );
  });

  it('fails clearly when something else answers', async () => {
    answer = res => sendJson(res, { hello: 'world' });
    await expect(retriever.handler(context())).rejects.toThrow(
      `GET ${api.url}/api/containers/drift answered without an items array; is the containers backend plugin installed?`,
    );
  });
});
