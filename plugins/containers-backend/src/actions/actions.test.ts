import {
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import express from 'express';
import containersPlugin, { DRIFT_TASK_ID } from '../index';
import { containerEntity } from './__testUtils__/containers';

jest.setTimeout(60_000);

/*
 * The actions as the containers plugin registers them in a backend, with the real catalog and
 * its permissions deciding what each caller may read, and a stand-in scaffolder that records
 * who asked it to start which task.
 */

const ROLLBACK = { previous: 'hive_metastore', steps: ['Stop writers'] };

/** Containers checked by hand (no upstream to contact): alpha has rollback notes. */
const testEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'dockyard-actions-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'dockyard-actions-entities',
          connect: async connection => {
            const entities = [
              containerEntity('alpha', {
                container: {
                  version: { strategy: 'manual', current: '1.0' },
                  catalog: { role: 'consumer', rollback: ROLLBACK },
                },
              }),
              containerEntity('beta', {
                container: { version: { strategy: 'manual', current: '2.0' } },
              }),
            ];
            for (const entity of entities) {
              entity.metadata.annotations!['backstage.io/managed-by-location'] =
                'url:https://example.com/test';
              entity.metadata.annotations![
                'backstage.io/managed-by-origin-location'
              ] = 'url:https://example.com/test';
            }
            await connection.applyMutation({
              type: 'full',
              entities: entities.map(entity => ({
                entity,
                locationKey: 'dockyard-actions',
              })),
            });
          },
        });
      },
    });
  },
});

/** The scaffolder's task API, recording the caller of each POST /v2/tasks. */
const startedTasks: Array<{ credentials: BackstageCredentials; body: any }> =
  [];
const fakeScaffolder = createBackendPlugin({
  pluginId: 'scaffolder',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.use(express.json());
        router.post('/v2/tasks', async (req, res) => {
          const credentials = await httpAuth.credentials(req);
          startedTasks.push({ credentials, body: req.body });
          res.status(201).json({ id: `task-${startedTasks.length}` });
        });
        httpRouter.use(router);
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

describe('the containers actions in a backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const actionsRegistry = actionsRegistryServiceMock();

  const invoke = (name: string, input: object, user?: string) =>
    actionsRegistry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials: mockCredentials.user(user),
    });
  const listed = async (user?: string) =>
    ((await invoke('list-containers', {}, user)).output as any).items.map(
      (item: any) => item.entityRef,
    );

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
        fakeScaffolder,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actionsRegistry,
        }),
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(
              () =>
                ({
                  result:
                    catalogReadDecision(options?.credentials).result ===
                    AuthorizeResult.ALLOW
                      ? AuthorizeResult.ALLOW
                      : AuthorizeResult.DENY,
                } as DefinitivePolicyDecision),
            ),
          authorizeConditional: async (requests, options) =>
            requests.map(() => catalogReadDecision(options?.credentials)),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'https://portal.example.com' },
            containers: {
              actions: { bumpTemplate: 'template:platform/bump-container' },
            },
          },
        }),
      ],
    });
    // Wait until the catalog has the containers, then check them once.
    const deadline = Date.now() + 30_000;
    while ((await listed()).length < 2) {
      if (Date.now() > deadline) {
        throw new Error('catalog did not process the entities');
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    await scheduler.triggerTask(DRIFT_TASK_ID);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('registers list-containers, get-container-drift and bump-container', async () => {
    const { actions } = await actionsRegistry.list();
    expect(actions.map(action => action.name)).toEqual(
      expect.arrayContaining([
        'list-containers',
        'get-container-drift',
        'bump-container',
      ]),
    );
  });

  it("lists only the containers the caller's catalog permissions show", async () => {
    expect(await listed()).toEqual([
      'component:default/alpha',
      'component:default/beta',
    ]);
    expect(await listed(ALPHA_READER)).toEqual(['component:default/alpha']);
    expect(await listed(OUTSIDER)).toEqual([]);
  });

  it('gives the stored drift and the rollback notes of a container the caller may read', async () => {
    const { output } = await invoke(
      'get-container-drift',
      { entityRef: 'alpha' },
      ALPHA_READER,
    );
    expect(output).toMatchObject({
      entityRef: 'component:default/alpha',
      drift: {
        entityRef: 'component:default/alpha',
        strategy: 'manual',
        current: '1.0',
        status: 'unknown',
        checkedAt: expect.any(String),
      },
      rollbackNotes: ROLLBACK,
    });
    await expect(
      invoke('get-container-drift', { entityRef: 'beta' }, ALPHA_READER),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/beta',
    });
    await expect(
      invoke('get-container-drift', { entityRef: 'alpha' }, OUTSIDER),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('starts a bump through the scaffolder as the caller, with the configured template', async () => {
    const { output } = await invoke(
      'bump-container',
      { entityRef: 'beta', version: '2.1', target: 'local' },
      'user:default/jane',
    );
    expect(output).toEqual({
      taskId: 'task-1',
      taskUrl: 'https://portal.example.com/create/tasks/task-1',
      entityRef: 'component:default/beta',
      from: '2.0',
      to: '2.1',
      target: 'local',
    });
    expect(startedTasks).toEqual([
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            type: 'user',
            userEntityRef: 'user:default/jane',
          }),
        }),
        body: {
          templateRef: 'template:platform/bump-container',
          values: {
            container: 'component:default/beta',
            version: '2.1',
            target: 'local',
          },
        },
      },
    ]);
  });

  it('starts no bump of a container the caller may not read', async () => {
    const before = startedTasks.length;
    await expect(
      invoke(
        'bump-container',
        { entityRef: 'beta', version: '2.1', target: 'local' },
        ALPHA_READER,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(startedTasks).toHaveLength(before);
  });
});
