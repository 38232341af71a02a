import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import request from 'supertest';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases, startTestServer } from '@dockyard/test-utils';
import containersPlugin, { DRIFT_TASK_ID } from './index';

/** A platform checkout with the containers' folders and a runbook. */
const PLATFORM = mkdtempSync(path.join(tmpdir(), 'dockyard-plugin-'));
for (const name of ['trino', 'nessie', 'custom']) {
  mkdirSync(path.join(PLATFORM, 'containers', name), { recursive: true });
  writeFileSync(
    path.join(PLATFORM, 'containers', name, 'container.yaml'),
    `slug: ${name}\n`,
  );
}
mkdirSync(path.join(PLATFORM, 'docs', 'runbooks'), { recursive: true });
writeFileSync(
  path.join(PLATFORM, 'docs', 'runbooks', 'rollback.md'),
  '# Rollback\n',
);
// Over the default 512 KiB limit, and not text.
writeFileSync(path.join(PLATFORM, 'docs', 'big.md'), 'x'.repeat(600 * 1024));
writeFileSync(
  path.join(PLATFORM, 'docs', 'logo.png'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
);
afterAll(() => rmSync(PLATFORM, { recursive: true, force: true }));

function containerEntity(name: string, version: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `file:${PLATFORM}/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
      },
    },
    spec: {
      type: 'container',
      owner: 'data-platform',
      lifecycle: 'production',
      container: { slug: name, version },
    },
  };
}

const ENTITIES = [
  containerEntity('trino', {
    strategy: 'github-release',
    current: '476',
    source: { repo: 'trinodb/trino' },
    // A companion, so that the stored record and the API answer carry one.
    companions: [
      {
        name: 'nessie-client',
        strategy: 'github-tag',
        current: '0.105.1',
        source: { repo: 'projectnessie/nessie' },
      },
    ],
  }),
  containerEntity('nessie', {
    strategy: 'github-tag',
    current: '0.105.1',
    source: { repo: 'projectnessie/nessie' },
  }),
  containerEntity('custom', { strategy: 'manual', current: '1.0.0' }),
  // Not a container: no dockyard.io/container-yaml annotation.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'website' },
    spec: { type: 'website' },
  },
];

/** A GitHub API on 127.0.0.1 whose answers the tests change. */
async function startGithub() {
  const state = { trinoFails: false };
  const requests: string[] = [];
  const etagsSent: Array<string | undefined> = [];
  const server = await startTestServer((req, res) => {
    requests.push(req.url!);
    if (req.url!.startsWith('/repos/trinodb/trino/releases')) {
      etagsSent.push(req.headers['if-none-match']);
      if (state.trinoFails) {
        res.writeHead(503);
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        etag: '"trino-1"',
      });
      res.end(
        JSON.stringify([
          {
            tag_name: '478',
            published_at: '2025-08-01T00:00:00Z',
            html_url: 'https://github.com/trinodb/trino/releases/tag/478',
          },
          { tag_name: '476', published_at: '2025-06-01T00:00:00Z' },
        ]),
      );
      return;
    }
    if (req.url!.startsWith('/repos/projectnessie/nessie/tags')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ name: 'nessie-0.105.1' }]));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return {
    state,
    requests,
    etagsSent,
    url: server.url,
    close: server.close,
  };
}

// SQLite, and PostgreSQL when one is configured (see createTestDatabases).
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'containers backend plugin on %s',
  databaseId => {
    let github: Awaited<ReturnType<typeof startGithub>>;

    beforeEach(async () => {
      github = await startGithub();
    });
    afterEach(async () => {
      await github.close();
    });

    async function startBackend(
      knex: Awaited<ReturnType<typeof databases.init>>,
      options: { permission?: AuthorizeResult } = {},
    ) {
      // The mock scheduler runs a task when triggered and resolves when it is done; its type
      // only shows SchedulerService, though the instance also makes its own factory.
      const scheduler = mockServices.scheduler() as SchedulerService & {
        factory(options: {
          skipTaskRunOnStartup?: boolean;
        }): ReturnType<typeof mockServices.scheduler.factory>;
      };
      const backend = await startTestBackend({
        features: [
          containersPlugin,
          mockServices.database.factory({ knex }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          // Requests without a token carry no credentials (the mock default is a user).
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(
                (): DefinitivePolicyDecision =>
                  options.permission === AuthorizeResult.DENY
                    ? { result: AuthorizeResult.DENY }
                    : { result: AuthorizeResult.ALLOW },
              ),
            // Reading the catalog is always allowed here; only the refresh permission varies.
            authorizeConditional: async requests =>
              requests.map(
                (): DefinitivePolicyDecision => ({
                  result: AuthorizeResult.ALLOW,
                }),
              ),
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [{ host: 'github.com', apiBaseUrl: github.url }],
              },
              catalog: {
                providers: {
                  containers: {
                    local: { path: path.join(PLATFORM, 'containers') },
                  },
                },
              },
              containers: { drift: { retries: 0, requestTimeout: '2s' } },
            },
          }),
        ],
      });
      return { backend, scheduler, server: backend.server };
    }

    const user = () => mockCredentials.user.header();

    it('stores a scheduled run, keeps it across a restart and keeps the last good result when an upstream fails', async () => {
      const knex = await databases.init(databaseId);
      const first = await startBackend(knex);
      expect(
        (
          await request(first.server)
            .get('/api/containers/drift')
            .set('authorization', user())
        ).body,
      ).toEqual({ items: [] });

      await first.scheduler.triggerTask(DRIFT_TASK_ID);
      const listed = await request(first.server)
        .get('/api/containers/drift')
        .set('authorization', user());
      expect(listed.status).toBe(200);
      expect(
        listed.body.items.map((r: any) => [
          r.entityRef,
          r.status,
          r.latest ?? null,
        ]),
      ).toEqual([
        ['component:default/custom', 'unknown', null],
        ['component:default/nessie', 'up-to-date', '0.105.1'],
        ['component:default/trino', 'behind', '478'],
      ]);
      const trino = listed.body.items.find((r: any) => r.slug === 'trino');
      expect(trino).toMatchObject({
        source: 'github:trinodb/trino',
        behind: { major: 2, minor: 0, patch: 0, releases: 1, days: 61 },
        releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
        lastSuccessAt: trino.checkedAt,
        companions: [
          {
            name: 'nessie-client',
            current: '0.105.1',
            latest: '0.105.1',
            status: 'up-to-date',
            lastSuccessAt: trino.checkedAt,
          },
        ],
        overallStatus: 'behind',
      });
      await first.backend.stop();

      // A restart on the same database serves what was stored, before any new run.
      const second = await startBackend(knex);
      const one = await request(second.server)
        .get('/api/containers/drift/default/component/trino')
        .set('authorization', user());
      expect(one.status).toBe(200);
      expect(one.body).toEqual(trino);

      // The HTTP validators were stored too: the next check is conditional.
      github.requests.length = 0;
      github.state.trinoFails = true;
      await second.scheduler.triggerTask(DRIFT_TASK_ID);
      const failed = await request(second.server)
        .get('/api/containers/drift/default/component/trino')
        .set('authorization', user());
      expect(failed.body).toMatchObject({
        status: 'error',
        error: expect.stringMatching(
          /^github:trinodb\/trino: GET .*: HTTP 503 Service Unavailable$/,
        ),
        latest: '478',
        behind: { major: 2 },
        lastSuccessAt: trino.checkedAt,
      });
      expect(failed.body.checkedAt > trino.checkedAt).toBe(true);
      // The other containers are not affected by trino's failure.
      const nessie = await request(second.server)
        .get('/api/containers/drift/default/component/nessie')
        .set('authorization', user());
      expect(nessie.body.status).toBe('up-to-date');
      await second.backend.stop();
    }, 60_000);

    it('sends the stored ETag on the next check', async () => {
      const knex = await databases.init(databaseId);
      const { backend, scheduler } = await startBackend(knex);
      await scheduler.triggerTask(DRIFT_TASK_ID);
      await scheduler.triggerTask(DRIFT_TASK_ID);
      await backend.stop();
      expect(github.etagsSent).toEqual([undefined, '"trino-1"']);
    });

    it('requires credentials on every route', async () => {
      const { backend, server } = await startBackend(
        await databases.init(databaseId),
      );
      expect((await request(server).get('/api/containers/drift')).status).toBe(
        401,
      );
      expect(
        (
          await request(server).get(
            '/api/containers/drift/default/component/trino',
          )
        ).status,
      ).toBe(401);
      expect(
        (await request(server).post('/api/containers/drift/refresh')).status,
      ).toBe(401);
      expect(
        (
          await request(server).get(
            '/api/containers/files/default/component/trino?path=container.yaml',
          )
        ).status,
      ).toBe(401);
      await backend.stop();
    });

    it('answers 200 with a pending record for an entity not checked yet', async () => {
      const { backend, server } = await startBackend(
        await databases.init(databaseId),
      );
      const res = await request(server)
        .get('/api/containers/drift/default/component/trino')
        .set('authorization', user());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/trino',
        slug: 'trino',
        strategy: 'github-release',
        current: '476',
        status: 'unknown',
        checkedAt: '',
        pending: true,
      });
      await backend.stop();
    });

    it('refreshes one entity or all with the permission', async () => {
      const { backend, server } = await startBackend(
        await databases.init(databaseId),
      );
      const one = await request(server)
        .post('/api/containers/drift/refresh')
        .set('authorization', user())
        .send({ entityRef: 'component:default/trino' });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        entityRef: 'component:default/trino',
        status: 'behind',
        latest: '478',
      });

      const all = await request(server)
        .post('/api/containers/drift/refresh')
        .set('authorization', user())
        .send({});
      expect(all.status).toBe(202);
      const listed = await request(server)
        .get('/api/containers/drift')
        .set('authorization', user());
      expect(listed.body.items).toHaveLength(3);

      const missing = await request(server)
        .post('/api/containers/drift/refresh')
        .set('authorization', user())
        .send({ entityRef: 'component:default/website' });
      expect(missing.status).toBe(404);
      const bad = await request(server)
        .post('/api/containers/drift/refresh')
        .set('authorization', user())
        .send({ entityRef: 42 });
      expect(bad.status).toBe(400);
      await backend.stop();
    });

    it('answers 403 when the refresh permission is denied', async () => {
      const { backend, server } = await startBackend(
        await databases.init(databaseId),
        {
          permission: AuthorizeResult.DENY,
        },
      );
      for (const body of [{ entityRef: 'component:default/trino' }, {}]) {
        const res = await request(server)
          .post('/api/containers/drift/refresh')
          .set('authorization', user())
          .send(body);
        expect(res.status).toBe(403);
      }
      expect(github.requests).toHaveLength(0);
      // Reading stays open to every signed-in user.
      expect(
        (
          await request(server)
            .get('/api/containers/drift')
            .set('authorization', user())
        ).status,
      ).toBe(200);
      await backend.stop();
    });

    it('answers as src/schema/openapi.yaml describes', async () => {
      const spec = parseYaml(
        readFileSync(path.join(__dirname, 'schema/openapi.yaml'), 'utf8'),
      );
      const ajv = new Ajv({ strict: false, validateFormats: false });
      const validate = (schema: object, body: unknown) => {
        const check = ajv.compile({ ...schema, components: spec.components });
        return check(body) ? [] : check.errors;
      };
      const { backend, server, scheduler } = await startBackend(
        await databases.init(databaseId),
      );
      await scheduler.triggerTask(DRIFT_TASK_ID);

      const calls = [
        { path: '/drift', method: 'get', url: '/drift', status: 200 },
        {
          path: '/drift/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/drift/default/component/trino',
          status: 200,
        },
        {
          path: '/drift/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/drift/default/component/nothing',
          status: 404,
        },
        {
          path: '/drift/history',
          method: 'get',
          url: '/drift/history?entityRef=component:default/trino',
          status: 200,
        },
        {
          path: '/drift/history',
          method: 'get',
          url: '/drift/history',
          status: 200,
        },
        {
          path: '/drift/history',
          method: 'get',
          url: '/drift/history?days=0',
          status: 400,
        },
        {
          path: '/drift/history',
          method: 'get',
          url: '/drift/history?entityRef=component:default/nothing',
          status: 404,
        },
        {
          path: '/drift/refresh',
          method: 'post',
          url: '/drift/refresh',
          body: { entityRef: 'component:default/nessie' },
          status: 200,
        },
        {
          path: '/drift/refresh',
          method: 'post',
          url: '/drift/refresh',
          body: {},
          status: 202,
        },
        {
          path: '/drift/refresh',
          method: 'post',
          url: '/drift/refresh',
          body: { entityRef: '' },
          status: 400,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=../../docs/runbooks/rollback.md',
          status: 200,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=/etc/hostname',
          status: 400,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=../../../outside.md',
          status: 403,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=missing.md',
          status: 404,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=../../docs/big.md',
          status: 413,
        },
        {
          path: '/files/{namespace}/{kind}/{name}',
          method: 'get',
          url: '/files/default/component/trino?path=../../docs/logo.png',
          status: 415,
        },
      ];
      // Every documented operation is exercised.
      const documented = Object.entries(spec.paths).flatMap(([p, ops]) =>
        Object.keys(ops as object).map(m => `${m} ${p}`),
      );
      expect(new Set(calls.map(c => `${c.method} ${c.path}`))).toEqual(
        new Set(documented),
      );

      for (const call of calls) {
        const req = request(server)
          [call.method as 'get' | 'post'](`/api/containers${call.url}`)
          .set('authorization', user());
        const res = call.body ? await req.send(call.body) : await req;
        expect({ url: call.url, status: res.status }).toEqual({
          url: call.url,
          status: call.status,
        });
        const documentedResponse =
          spec.paths[call.path][call.method].responses[String(res.status)];
        expect(documentedResponse).toBeDefined();
        const schema = documentedResponse.content['application/json'].schema;
        expect({ url: call.url, errors: validate(schema, res.body) }).toEqual({
          url: call.url,
          errors: [],
        });
      }
      await backend.stop();
    });
  },
);
