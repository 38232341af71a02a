import {
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DriftRecord,
  isContainerEntity,
} from '@dockyard/plugin-containers-common';
import {
  createTestDatabases,
  sendJson,
  startTestServer,
  TestServer,
} from '@dockyard/test-utils';
import request from 'supertest';
import containersPlugin, { DRIFT_TASK_ID } from './index';
import { DriftHistoryStore } from './service/DriftHistoryStore';
import { DriftStore } from './service/DriftStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;

/** An instant `days` days and `hours` hours before now, so the windows count from today. */
function ago(days: number, hours = 0): string {
  return new Date(Date.now() - days * DAY - hours * 3_600_000).toISOString();
}

function container(name: string, version: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `url:https://example.com/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: 'group:default/data-platform',
      container: { slug: name, version },
    },
  };
}

const ENTITIES: Entity[] = [
  container('alpha', {
    strategy: 'github-release',
    current: '476',
    source: { repo: 'trinodb/trino' },
  }),
  container('beta', { strategy: 'manual', current: '1.0' }),
  // Not a container.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'website', namespace: 'default' },
    spec: { type: 'website' },
  },
];

/** Reads alpha only; the outsider reads nothing; everyone else (and the plugin) reads everything. */
const ALPHA_READER = 'user:default/alpha-reader';
const OUTSIDER = 'user:default/outsider';

function visibleTo(credentials: BackstageCredentials | undefined): Entity[] {
  const principal = credentials?.principal as { userEntityRef?: string };
  switch (principal?.userEntityRef) {
    case ALPHA_READER:
      return ENTITIES.filter(e => e.metadata.name === 'alpha');
    case OUTSIDER:
      return [];
    default:
      return ENTITIES;
  }
}

/** The credentials of a catalog call: the mock's type also allows the client's token options. */
function credentialsOf(options: unknown): BackstageCredentials | undefined {
  return (options as { credentials?: BackstageCredentials } | undefined)
    ?.credentials;
}

/** The catalog as the caller sees it, as the permission framework would filter it. */
const catalog = catalogServiceMock.mock({
  // Every caller asks for container entities.
  getEntities: async (_request, options) => ({
    items: visibleTo(credentialsOf(options)).filter(isContainerEntity),
  }),
  getEntityByRef: async (ref, options) =>
    visibleTo(credentialsOf(options)).find(
      entity =>
        stringifyEntityRef(entity) ===
        (typeof ref === 'string' ? ref : stringifyEntityRef(ref)).toLowerCase(),
    ),
});

/** GitHub's releases of trinodb/trino, on 127.0.0.1: 478 is out, so alpha (476) is behind. */
async function startGithub(): Promise<TestServer> {
  return startTestServer((req, res) => {
    if (req.url!.startsWith('/repos/trinodb/trino/releases')) {
      sendJson(res, [
        { tag_name: '478', published_at: '2025-08-01T00:00:00Z' },
        { tag_name: '476', published_at: '2025-06-01T00:00:00Z' },
      ]);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'GET /drift/history on %s',
  databaseId => {
    let github: TestServer;
    beforeAll(async () => {
      github = await startGithub();
    });
    afterAll(async () => {
      await github.close();
    });

    async function startBackend(
      knex: Awaited<ReturnType<typeof databases.init>>,
      retentionDays?: number,
    ) {
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
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          catalog.factory,
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [{ host: 'github.com', apiBaseUrl: github.url }],
              },
              containers: {
                drift: {
                  retries: 0,
                  requestTimeout: '2s',
                  ...(retentionDays && { history: { retentionDays } }),
                },
              },
            },
          }),
        ],
      });
      return { backend, scheduler };
    }

    /** A check of alpha or beta `days` days ago. */
    function record(
      name: string,
      checkedAt: string,
      overrides: Partial<DriftRecord> = {},
    ): DriftRecord {
      return {
        entityRef: `component:default/${name}`,
        slug: name,
        strategy: 'github-release',
        current: '476',
        latest: '476',
        status: 'up-to-date',
        checkedAt,
        ...overrides,
      };
    }
    const behind = (days: number): Partial<DriftRecord> => ({
      status: 'behind',
      latest: '478',
      behind: { major: 2, minor: 0, patch: 0, releases: 1, days },
      overallStatus: 'behind',
    });

    /** A database with five days of history: alpha behind for three, beta failing for one. */
    async function seededDatabase() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const history = await DriftHistoryStore.create({
        database,
        config: { retentionDays: 400 },
      });
      const checks = [
        [record('alpha', ago(4)), record('beta', ago(4))],
        [record('alpha', ago(3)), record('beta', ago(3))],
        [
          record('alpha', ago(2), behind(61)),
          record('beta', ago(2), {
            status: 'error',
            overallStatus: 'error',
            error: 'HTTP 503',
          }),
        ],
        [record('alpha', ago(1), behind(61)), record('beta', ago(1))],
        [record('alpha', ago(0), behind(61)), record('beta', ago(0))],
      ];
      for (const run of checks) await history.record(run);
      const store = await DriftStore.create(database);
      await store.saveRecords(checks[checks.length - 1]);
      return knex;
    }

    const as = (user: string) => mockCredentials.user.header(user);

    it("answers one container's history to a caller who may read it, 404 as for a missing one otherwise", async () => {
      const { backend } = await startBackend(await seededDatabase());
      const get = (query: string, user = ALPHA_READER) =>
        request(backend.server)
          .get(`/api/containers/drift/history${query}`)
          .set('authorization', as(user));

      const alpha = await get('?entityRef=component:default/alpha');
      expect(alpha.status).toBe(200);
      expect(alpha.body.entityRef).toBe('component:default/alpha');
      expect(alpha.body.behindSince.slice(0, 10)).toBe(ago(2).slice(0, 10));
      expect(
        alpha.body.points.map((p: any) => [p.kind, p.status, p.latest]),
      ).toEqual([
        ['main', 'up-to-date', '476'],
        ['main', 'up-to-date', '476'],
        ['main', 'behind', '478'],
        ['main', 'behind', '478'],
        ['main', 'behind', '478'],
      ]);
      // A short ref means the default kind and namespace, as for a refresh.
      const short = await get('?entityRef=alpha&days=2');
      expect(short.body.points).toHaveLength(2);

      for (const [query, message] of [
        [
          '?entityRef=component:default/beta',
          'No entity component:default/beta',
        ],
        [
          '?entityRef=component:default/nothing',
          'No entity component:default/nothing',
        ],
      ]) {
        const res = await get(query);
        expect([res.status, res.body.error.message]).toEqual([404, message]);
      }
      const website = await get(
        '?entityRef=component:default/website',
        'user:default/jane',
      );
      expect([website.status, website.body.error.message]).toEqual([
        404,
        'component:default/website is not a container entity',
      ]);
      await backend.stop();
    });

    it('counts per day only the containers the caller may read', async () => {
      const { backend } = await startBackend(await seededDatabase());
      const trend = async (user: string, query = '') => {
        const res = await request(backend.server)
          .get(`/api/containers/drift/history${query}`)
          .set('authorization', as(user));
        expect(res.status).toBe(200);
        return res.body;
      };
      const everyone = await trend('user:default/jane');
      expect(everyone.to).toBe(new Date().toISOString().slice(0, 10));
      expect(everyone.from).toBe(ago(89).slice(0, 10));
      expect(
        everyone.days.map((d: any) => [
          d.containers,
          d.behind,
          d.failing,
          d.pastEol,
          d.medianDaysBehind ?? null,
        ]),
      ).toEqual([
        [2, 0, 0, 0, null],
        [2, 0, 0, 0, null],
        [2, 1, 1, 0, 61],
        [2, 1, 0, 0, 61],
        [2, 1, 0, 0, 61],
      ]);
      const alphaOnly = await trend(ALPHA_READER, '?days=3');
      expect(
        alphaOnly.days.map((d: any) => [d.containers, d.behind, d.failing]),
      ).toEqual([
        [1, 1, 0],
        [1, 1, 0],
        [1, 1, 0],
      ]);
      expect((await trend(OUTSIDER)).days).toEqual([]);
      // A service reads everything.
      const service = await request(backend.server)
        .get('/api/containers/drift/history')
        .set('authorization', mockCredentials.service.header());
      expect(service.body.days).toHaveLength(5);
      await backend.stop();
    });

    it('refuses a bad entityRef or days, and a caller without credentials', async () => {
      const { backend } = await startBackend(await seededDatabase());
      for (const query of [
        '?days=0',
        '?days=401',
        '?days=abc',
        '?days=1.5',
        '?entityRef=',
      ]) {
        const res = await request(backend.server)
          .get(`/api/containers/drift/history${query}`)
          .set('authorization', as('user:default/jane'));
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      expect(
        (await request(backend.server).get('/api/containers/drift/history'))
          .status,
      ).toBe(401);
      await backend.stop();
    });

    it('serves behindSince on the records', async () => {
      const { backend } = await startBackend(await seededDatabase());
      const since = (
        await request(backend.server)
          .get(
            '/api/containers/drift/history?entityRef=component:default/alpha',
          )
          .set('authorization', as(ALPHA_READER))
      ).body.behindSince;
      expect(since.slice(0, 10)).toBe(ago(2).slice(0, 10));
      const listed = await request(backend.server)
        .get('/api/containers/drift')
        .set('authorization', as('user:default/jane'));
      expect(
        listed.body.items.map((r: DriftRecord) => [r.slug, r.behindSince]),
      ).toEqual([
        ['alpha', since],
        ['beta', undefined],
      ]);
      const one = await request(backend.server)
        .get('/api/containers/drift/default/component/alpha')
        .set('authorization', as(ALPHA_READER));
      expect(one.body.behindSince).toBe(since);
      // A refresh answers the record as it is served: still behind, the same streak.
      const refreshed = await request(backend.server)
        .post('/api/containers/drift/refresh')
        .set('authorization', as(ALPHA_READER))
        .send({ entityRef: 'component:default/alpha' });
      expect([refreshed.status, refreshed.body.behindSince]).toEqual([
        200,
        since,
      ]);
      await backend.stop();
    });

    it('writes the history on every check run, prunes it past the retention, and keeps it across a restart', async () => {
      const knex = await databases.init(databaseId);
      // A sample from before the retention of 30 days.
      const old = await DriftHistoryStore.create({
        database: mockServices.database({ knex }),
        config: { retentionDays: 30 },
      });
      await old.record([record('alpha', ago(40))]);

      const first = await startBackend(knex, 30);
      await first.scheduler.triggerTask(DRIFT_TASK_ID);
      const history = async (server: typeof first.backend.server) =>
        (
          await request(server)
            .get(
              '/api/containers/drift/history?entityRef=component:default/alpha&days=400',
            )
            .set('authorization', as(ALPHA_READER))
        ).body;
      const afterFirst = await history(first.backend.server);
      expect(afterFirst.points).toEqual([
        {
          checkedAt: expect.any(String),
          kind: 'main',
          status: 'behind',
          current: '476',
          latest: '478',
          behind: { major: 2, minor: 0, patch: 0, releases: 1, days: 61 },
          overallStatus: 'behind',
        },
      ]);
      expect(afterFirst.behindSince).toBe(afterFirst.points[0].checkedAt);
      // Unchanged on the same day: nothing new.
      await first.scheduler.triggerTask(DRIFT_TASK_ID);
      expect((await history(first.backend.server)).points).toHaveLength(1);
      await first.backend.stop();

      const second = await startBackend(knex, 30);
      expect(await history(second.backend.server)).toEqual(afterFirst);
      await second.backend.stop();
    });
  },
);
