import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import type { ContainerSearchDocument } from '@dockyard/plugin-containers-common';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { PLATFORM_DRIFT, PLATFORM_ENTITIES } from './__testUtils__/fixtures';
import { ContainerCollatorFactory } from './ContainerCollatorFactory';

describe('ContainerCollatorFactory', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  /** The containers backend's drift API on 127.0.0.1, answering as `answer` says. */
  async function containersBackend(
    answer: (res: Parameters<typeof sendJson>[0]) => void = res =>
      sendJson(res, { items: PLATFORM_DRIFT }),
  ) {
    const server = await startTestServer((_req, res) => answer(res));
    servers.push(server);
    return server;
  }

  async function collate(containersBaseUrl: string) {
    const logger = mockServices.logger.mock();
    const auth = mockServices.auth({ pluginId: 'search' });
    const factory = new ContainerCollatorFactory({
      catalog: catalogServiceMock({ entities: PLATFORM_ENTITIES }),
      auth,
      discovery: mockServices.discovery.mock({
        getBaseUrl: async pluginId => `${containersBaseUrl}/api/${pluginId}`,
      }),
      logger,
    });
    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();
    return {
      factory,
      logger,
      auth,
      documents: documents as unknown as ContainerSearchDocument[],
    };
  }

  it('indexes every container entity, and nothing else, with its drift status', async () => {
    const backend = await containersBackend();
    const { factory, documents, auth, logger } = await collate(backend.url);

    expect(factory.type).toBe('dockyard-container');
    expect(factory.visibilityPermission).toEqual({
      type: 'resource',
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(
      documents.map(d => [d.entityRef, d.driftStatus, d.latestVersion]),
    ).toEqual([
      ['component:default/trino', 'behind', '478'],
      ['component:default/polaris', 'rebuilt', '1.1.0-incubating'],
      // Pending: its first check has not reported yet.
      ['component:default/toolbox', '', ''],
    ]);
    expect(documents[1]).toMatchObject({
      title: 'Apache Polaris (incubating)',
      location: '/catalog/default/component/polaris',
      upstream: 'github:apache/polaris',
      currentVersion: '1.1.0-incubating',
      image: 'ghcr.io/example/data-platform/polaris',
      metastoreRole: 'provider',
      authorization: { resourceRef: 'component:default/polaris' },
    });

    // Asked once, as the search plugin's service, for the containers plugin.
    expect(backend.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/containers/drift',
    ]);
    expect(backend.requests[0].headers.authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'containers',
      })}`,
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('indexes the containers without status when the drift API fails', async () => {
    const backend = await containersBackend(res =>
      sendJson(res, { error: { message: 'database is down' } }, {}, 500),
    );
    const { documents, logger } = await collate(backend.url);
    expect(documents.map(d => [d.entityRef, d.driftStatus])).toEqual([
      ['component:default/trino', ''],
      ['component:default/polaris', ''],
      ['component:default/toolbox', ''],
    ]);
    expect(documents[0].currentVersion).toBe('476');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Indexing containers without their drift status: the containers backend's GET \/drift failed: .*500/,
      ),
    );
  });

  it('indexes the containers without status when the containers backend is not there', async () => {
    const backend = await containersBackend();
    await backend.close();
    servers.splice(0);
    const { documents, logger } = await collate(backend.url);
    expect(documents).toHaveLength(3);
    expect(documents.every(d => d.driftStatus === '')).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('skips records it cannot read, and an answer that is not a list', async () => {
    const odd = await containersBackend(res =>
      sendJson(res, {
        items: [
          null,
          'trino',
          { entityRef: 'component:default/trino' },
          PLATFORM_DRIFT[1],
        ],
      }),
    );
    const { documents } = await collate(odd.url);
    expect(documents.map(d => d.driftStatus)).toEqual(['', 'rebuilt', '']);

    const html = await containersBackend(res => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    const { documents: again, logger } = await collate(html.url);
    expect(again.map(d => d.driftStatus)).toEqual(['', '', '']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
