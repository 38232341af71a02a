import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { readFileSync } from 'fs';
import path from 'path';
import request from 'supertest';
import containersPlugin from './index';

jest.setTimeout(60_000);

/** This repository's containers, as the embedded default reads them. */
const REPO = path.resolve(__dirname, '../../..');
const REPO_CONTAINERS = path.join(REPO, 'containers');
const SPARK_YAML = path.join(REPO_CONTAINERS, 'spark', 'container.yaml');
const RUNBOOK = '../../docs/runbooks/iceberg-catalog-rollback.md';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:https://example.com/test',
        'backstage.io/managed-by-origin-location':
          'url:https://example.com/test',
        ...annotations,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: 'group:default/data-platform-team',
    },
  };
}

const ENTITIES = [
  component('spark', { 'dockyard.io/container-yaml': `file:${SPARK_YAML}` }),
  component('polaris', {
    'dockyard.io/container-yaml':
      'url:https://github.com/example/platform/tree/main/containers/polaris/container.yaml',
  }),
  // Kept by hand: a container.yaml whose folder is outside the platform checkout.
  component('stray', {
    'dockyard.io/container-yaml': 'file:/etc/stray/container.yaml',
  }),
  component('website', {}),
];

/** Puts ENTITIES into the real catalog, as a provider would. */
const testEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'dockyard-test-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'dockyard-test-entities',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: ENTITIES.map(entity => ({
                entity,
                locationKey: 'dockyard-test',
              })),
            }),
        });
      },
    });
  },
});

const OUTSIDER = 'user:default/outsider';

describe('GET /api/containers/files with the real catalog', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const user = () => mockCredentials.user.header();
  const get = (url: string, authorization = user()) =>
    request(backend.server)
      .get(`/api/containers${url}`)
      .set('authorization', authorization);

  beforeAll(async () => {
    // The catalog's own read permission: denied to OUTSIDER, allowed to everyone else.
    const decide = (credentials: any): PolicyDecision =>
      credentials?.principal?.userEntityRef === OUTSIDER
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        testEntities,
        containersPlugin,
        // No drift check at start: it would call the containers' upstream feeds.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(() => decide(options?.credentials) as any),
          authorizeConditional: async (requests, options) =>
            requests.map(() => decide(options?.credentials)),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            // No containers.files: the default roots, containers/ and docs/ beside the target.
            catalog: {
              providers: { containers: { local: { path: REPO_CONTAINERS } } },
            },
          },
        }),
      ],
    });
    // Wait until the catalog has processed the entities.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(backend.server)
        .get('/api/catalog/entities/by-name/component/default/website')
        .set('authorization', user());
      if (res.status === 200) break;
      if (Date.now() > deadline)
        throw new Error('catalog did not process the entities');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it("serves spark's runbook and config from the checkout, with its language", async () => {
    const runbook = await get(
      `/files/default/component/spark?path=${encodeURIComponent(RUNBOOK)}`,
    );
    expect(runbook.status).toBe(200);
    expect(runbook.body).toEqual({
      path: RUNBOOK,
      content: readFileSync(
        path.join(REPO, 'docs/runbooks/iceberg-catalog-rollback.md'),
        'utf8',
      ),
      language: 'markdown',
    });

    const config = await get(
      '/files/default/component/spark?path=conf/spark-defaults.conf',
    );
    expect(config.status).toBe(200);
    expect(config.body.language).toBe('properties');
    expect(config.body.content).toContain('spark.sql.catalog.lakehouse');
  });

  it("answers 404 for an entity the caller's catalog permissions hide", async () => {
    const hidden = await get(
      '/files/default/component/spark?path=conf/spark-defaults.conf',
      mockCredentials.user.header(OUTSIDER),
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe('No entity component:default/spark');
  });

  it('refuses what it must not serve, with a message that says why', async () => {
    const cases: Array<[string, number, unknown]> = [
      [
        '/files/default/component/spark',
        400,
        'Give the file as ?path=, relative to the container folder, e.g. ?path=../../docs/runbooks/rollback.md',
      ],
      [
        `/files/default/component/spark?path=${encodeURIComponent(
          path.join(REPO, 'README.md'),
        )}`,
        400,
        expect.stringMatching(
          /^path must be relative to the container folder, not absolute: /,
        ),
      ],
      [
        '/files/default/component/spark?path=../../../../../etc/passwd',
        403,
        '../../../../../etc/passwd is outside the folders files are served from (containers.files.allowedRoots)',
      ],
      // The default roots are containers/ and docs/, not the checkout around them.
      [
        '/files/default/component/spark?path=../../.git/HEAD',
        403,
        '../../.git/HEAD is outside the folders files are served from (containers.files.allowedRoots)',
      ],
      [
        '/files/default/component/spark?path=../../app-config.yaml',
        403,
        '../../app-config.yaml is outside the folders files are served from (containers.files.allowedRoots)',
      ],
      [
        '/files/default/component/spark?path=../../packages/backend/package.json',
        403,
        '../../packages/backend/package.json is outside the folders files are served from (containers.files.allowedRoots)',
      ],
      [
        '/files/default/component/spark?path=../../docs/.hidden/notes.md',
        403,
        '../../docs/.hidden/notes.md names a hidden file or folder (.hidden), which is not served',
      ],
      [
        '/files/default/component/spark?path=conf',
        400,
        'conf is a folder, not a file that can be shown',
      ],
      [
        `/files/default/component/spark?path=${encodeURIComponent(RUNBOOK)}x`,
        404,
        `${RUNBOOK}x does not exist`,
      ],
      [
        '/files/default/component/polaris?path=../../docs/compose/docker-compose.rest.yaml',
        400,
        'This container is read from https://github.com/example/platform/tree/main/containers/polaris/container.yaml; its files are not served by the portal, open them there',
      ],
      [
        '/files/default/component/stray?path=container.yaml',
        403,
        'The container folder is outside the folders files are served from (containers.files.allowedRoots)',
      ],
      [
        '/files/default/component/website?path=README.md',
        404,
        'component:default/website is not a container: it has no dockyard.io/container-yaml annotation',
      ],
      [
        '/files/default/component/nothing?path=README.md',
        404,
        'No entity component:default/nothing',
      ],
    ];
    for (const [url, status, message] of cases) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(res.body.error.message).toEqual(message);
    }
  });

  it('needs credentials', async () => {
    const res = await request(backend.server).get(
      '/api/containers/files/default/component/spark?path=conf/spark-defaults.conf',
    );
    expect(res.status).toBe(401);
  });
});
