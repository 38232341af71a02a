import {
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
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
  DefinitivePolicyDecision,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { readFileSync } from 'fs';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import containersPlugin, { DRIFT_TASK_ID } from './index';

jest.setTimeout(60_000);

/** A container checked by hand: no upstream to contact. */
function container(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:https://example.com/test',
        'backstage.io/managed-by-origin-location':
          'url:https://example.com/test',
        'dockyard.io/container-yaml': `file:/srv/platform/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: `group:default/${name}-team`,
      container: { slug: name, version: { strategy: 'manual', current: '1.0' } },
    },
  };
}

/** Puts the containers into the real catalog, as a provider would. */
const testEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'dockyard-access-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'dockyard-access-entities',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: [container('alpha'), container('beta')].map(
                entity => ({ entity, locationKey: 'dockyard-access' }),
              ),
            }),
        });
      },
    });
  },
});

/** Reads alpha only; the outsider reads nothing; everyone else reads everything. */
const ALPHA_READER = 'user:default/alpha-reader';
const OUTSIDER = 'user:default/outsider';

function catalogReadDecision(credentials: any): PolicyDecision {
  switch (credentials?.principal?.userEntityRef) {
    case ALPHA_READER:
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: { annotation: 'dockyard.io/slug', value: 'alpha' },
        },
      };
    case OUTSIDER:
      return { result: AuthorizeResult.DENY };
    default:
      return { result: AuthorizeResult.ALLOW };
  }
}

describe('who sees and refreshes drift, with the real catalog', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const as = (user: string) => mockCredentials.user.header(user);
  const api = () => request(backend.server);

  beforeAll(async () => {
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: {
        skipTaskRunOnStartup?: boolean;
      }): ReturnType<typeof mockServices.scheduler.factory>;
    };
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        testEntities,
        containersPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.permissions.mock({
          // containers.drift.refresh is allowed to every caller here.
          authorize: async (requests, options) =>
            requests.map(({ permission }) => {
              const decision = catalogReadDecision(options?.credentials);
              return (
                permission.name === 'containers.drift.refresh' ||
                decision.result === AuthorizeResult.ALLOW
                  ? { result: AuthorizeResult.ALLOW }
                  : { result: AuthorizeResult.DENY }
              ) as DefinitivePolicyDecision;
            }),
          authorizeConditional: async (requests, options) =>
            requests.map(() => catalogReadDecision(options?.credentials)),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            containers: {
              drift: { refreshRateLimit: { limit: 3, window: '1 minute' } },
            },
          },
        }),
      ],
    });
    // Wait until the catalog has processed the entities, then check them once.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await api()
        .get('/api/catalog/entities/by-name/component/default/beta')
        .set('authorization', mockCredentials.user.header());
      if (res.status === 200) break;
      if (Date.now() > deadline)
        throw new Error('catalog did not process the entities');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    await scheduler.triggerTask(DRIFT_TASK_ID);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const listed = async (authorization: string) => {
    const res = await api()
      .get('/api/containers/drift')
      .set('authorization', authorization);
    expect(res.status).toBe(200);
    return res.body.items.map((record: any) => record.entityRef);
  };

  it("lists only the containers the caller's catalog permissions show", async () => {
    expect(await listed(mockCredentials.user.header())).toEqual([
      'component:default/alpha',
      'component:default/beta',
    ]);
    expect(await listed(mockCredentials.service.header())).toEqual([
      'component:default/alpha',
      'component:default/beta',
    ]);
    expect(await listed(as(ALPHA_READER))).toEqual(['component:default/alpha']);
    expect(await listed(as(OUTSIDER))).toEqual([]);
  });

  it('answers 404 for the drift of an entity the caller cannot read, as for one that does not exist', async () => {
    const get = (ref: string) =>
      api()
        .get(`/api/containers/drift/default/component/${ref}`)
        .set('authorization', as(ALPHA_READER));
    const alpha = await get('alpha');
    expect(alpha.status).toBe(200);
    expect(alpha.body).toMatchObject({
      entityRef: 'component:default/alpha',
      status: 'unknown',
    });
    const beta = await get('beta');
    const nothing = await get('nothing');
    expect([beta.status, beta.body.error.message]).toEqual([
      404,
      'No entity component:default/beta',
    ]);
    expect([nothing.status, nothing.body.error.message]).toEqual([
      404,
      'No entity component:default/nothing',
    ]);
  });

  it("refreshes only an entity the caller can read, or answers 404 as if it didn't exist", async () => {
    const refresh = (entityRef: string) =>
      api()
        .post('/api/containers/drift/refresh')
        .set('authorization', as(ALPHA_READER))
        .send({ entityRef });
    expect((await refresh('component:default/alpha')).status).toBe(200);
    const beta = await refresh('component:default/beta');
    expect([beta.status, beta.body.error.message]).toEqual([
      404,
      'No container entity component:default/beta',
    ]);
  });

  it('limits refreshes per caller: 429 with Retry-After past the limit, other callers unaffected', async () => {
    const refreshAll = (authorization: string) =>
      api()
        .post('/api/containers/drift/refresh')
        .set('authorization', authorization)
        .send({});
    const jane = as('user:default/jane');
    for (let i = 0; i < 3; i++) {
      expect((await refreshAll(jane)).status).toBe(202);
    }
    const refused = await refreshAll(jane);
    expect(refused.status).toBe(429);
    // 3 a minute: the next one is 20 seconds away (a second or so less on a slow run).
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(19);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(refused.body.error).toMatchObject({
      name: 'TooManyRefreshesError',
      message: expect.stringMatching(
        /^Too many drift refreshes: 3 per minute are allowed; try again in (19|20) s$/,
      ),
    });
    // One refresh of one entity counts the same.
    expect(
      (
        await api()
          .post('/api/containers/drift/refresh')
          .set('authorization', jane)
          .send({ entityRef: 'component:default/alpha' })
      ).status,
    ).toBe(429);

    expect((await refreshAll(as('user:default/john'))).status).toBe(202);
    expect((await refreshAll(mockCredentials.service.header())).status).toBe(
      202,
    );
    // Reading is not limited.
    expect(await listed(jane)).toHaveLength(2);

    const spec = parseYaml(
      readFileSync(path.join(__dirname, 'schema/openapi.yaml'), 'utf8'),
    );
    expect(
      spec.paths['/drift/refresh'].post.responses['429'].headers,
    ).toHaveProperty('Retry-After');
  });
});
