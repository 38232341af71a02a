import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { startTestServer } from '@dockyard/test-utils';
import containersPlugin, { DRIFT_TASK_ID } from './index';

function containerEntity(
  name: string,
  repo: string,
  current: string,
  owner: Partial<Entity>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `file:/platform/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      container: {
        slug: name,
        version: { strategy: 'github-release', current, source: { repo } },
      },
      ...owner.spec,
    },
    ...(owner.relations && { relations: owner.relations }),
  };
}

const ENTITIES = [
  // A bare owner name: a group in the entity's namespace, as the catalog reads it.
  containerEntity('nessie', 'projectnessie/nessie', '0.105.1', {
    spec: { owner: 'data-platform' },
  }),
  // The catalog's ownedBy relation names the owner.
  containerEntity('trino', 'trinodb/trino', '476', {
    spec: { owner: 'jane' },
    relations: [{ type: 'ownedBy', targetRef: 'user:default/jane' }],
  }),
  containerEntity('flaky', 'example/flaky', '1.0.0', {
    spec: { owner: 'group:default/ops' },
  }),
];

/** A GitHub API on 127.0.0.1 with releases the tests change; example/flaky always fails. */
async function startGithub() {
  const releases: Record<string, string[]> = {
    'projectnessie/nessie': ['0.105.1'],
    'trinodb/trino': ['478', '477', '476'],
  };
  const server = await startTestServer((req, res) => {
    const repo = /^\/repos\/([^/]+\/[^/]+)\/releases/.exec(req.url!)?.[1];
    const tags = repo && releases[repo];
    if (!tags) {
      res.writeHead(503);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        tags.map((tag, i) => ({
          tag_name: tag,
          published_at: new Date(Date.UTC(2026, 2, 20 - i)).toISOString(),
        })),
      ),
    );
  });
  return { releases, server };
}

/** Stands for the notifications backend plugin: installed, so notifications are on by default. */
const notificationsBackend = createBackendPlugin({
  pluginId: 'notifications',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

describe('containers backend plugin: notifications and signals', () => {
  let github: Awaited<ReturnType<typeof startGithub>>;
  beforeEach(async () => {
    github = await startGithub();
  });
  afterEach(async () => {
    await github.server.close();
  });

  async function startBackend(options: {
    notificationsInstalled: boolean;
    notifications?: object;
    send?: (options: NotificationSendOptions) => Promise<void>;
  }) {
    const sent: NotificationSendOptions[] = [];
    const signals: SignalPayload[] = [];
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: {
        skipTaskRunOnStartup?: boolean;
      }): ReturnType<typeof mockServices.scheduler.factory>;
    };
    const backend = await startTestBackend({
      features: [
        containersPlugin,
        ...(options.notificationsInstalled ? [notificationsBackend] : []),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: options.send ?? (async o => void sent.push(o)),
          }),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async signal => void signals.push(signal),
          }),
        }),
        logger.factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', apiBaseUrl: github.server.url }],
            },
            containers: {
              drift: {
                retries: 0,
                requestTimeout: '2s',
                notifications: options.notifications,
              },
            },
          },
        }),
      ],
    });
    const check = () => scheduler.triggerTask(DRIFT_TASK_ID);
    return { backend, sent, signals, logger, check };
  }

  /** What a person reads of each notification, and to whom it went. */
  const read = (sent: NotificationSendOptions[]) =>
    sent.map(({ recipients, payload }) => ({
      to: recipients.type === 'entity' ? recipients.entityRef : recipients.type,
      title: payload.title,
      link: payload.link,
      topic: payload.topic,
      severity: payload.severity,
      scope: payload.scope,
    }));

  it('tells each owner once per event: newly behind, failing in a row, a bigger step later', async () => {
    const { backend, sent, signals, check } = await startBackend({
      notificationsInstalled: true,
    });

    // The first check is the baseline: trino is already behind, flaky fails for the first time.
    await check();
    expect(sent).toEqual([]);

    // Upstream publishes a minor: nessie's owner group hears of it once.
    github.releases['projectnessie/nessie'].unshift('0.106.0');
    await check();
    expect(read(sent)).toEqual([
      {
        to: ['group:default/data-platform'],
        title: 'nessie is 1 minor behind: 0.105.1 → 0.106.0',
        link: '/catalog/default/component/nessie',
        topic: 'Container behind upstream',
        severity: 'normal',
        scope:
          'containers:drift:behind:component:default/nessie:0.105.1:0.106.0',
      },
    ]);

    // The third failure of flaky in a row; nothing about nessie again.
    await check();
    expect(read(sent.slice(1))).toEqual([
      {
        to: ['group:default/ops'],
        title: 'Upstream checks of flaky failed 3 times in a row',
        link: '/catalog/default/component/flaky',
        topic: 'Container drift checks failing',
        severity: 'high',
        scope: 'containers:drift:failing:component:default/flaky:never',
      },
    ]);
    expect(sent[1].payload.description).toMatch(
      /^github:example\/flaky: GET .*: HTTP 503 Service Unavailable\. No check has succeeded yet\.$/,
    );

    // Runs that see nothing new tell nothing, nor does another minor release.
    await check();
    github.releases['projectnessie/nessie'].unshift('0.107.0');
    await check();
    expect(sent).toHaveLength(2);

    // A major release, found by a person's "Check now": a new, bigger step.
    github.releases['projectnessie/nessie'].unshift('1.0.0');
    const refreshed = await request(backend.server)
      .post('/api/containers/drift/refresh')
      .set('authorization', mockCredentials.user.header())
      .send({ entityRef: 'component:default/nessie' });
    expect(refreshed.status).toBe(200);
    expect(read(sent.slice(2))).toEqual([
      {
        to: ['group:default/data-platform'],
        title: 'nessie is 1 major behind: 0.105.1 → 1.0.0',
        link: '/catalog/default/component/nessie',
        topic: 'Container behind upstream',
        severity: 'high',
        scope: 'containers:drift:behind:component:default/nessie:0.105.1:1.0.0',
      },
    ]);

    // Every finished check (five runs, one refresh) told open cards to reload.
    expect(signals).toHaveLength(6);
    expect(signals[0]).toEqual({
      recipients: { type: 'broadcast' },
      channel: 'containers:drift-checked',
      message: { checkedAt: expect.any(String), containers: 3 },
    });
    expect(signals[5].message).toMatchObject({ containers: 1 });
    await backend.stop();
  });

  it("resolves the owner through the catalog's ownedBy relation", async () => {
    const { backend, sent, check } = await startBackend({
      notificationsInstalled: true,
    });
    github.releases['trinodb/trino'] = ['476'];
    await check();
    github.releases['trinodb/trino'] = ['477', '476'];
    await check();
    expect(read(sent)).toMatchObject([
      {
        to: ['user:default/jane'],
        title: 'trino is 1 major behind: 476 → 477',
      },
    ]);
    await backend.stop();
  });

  it('keeps to behindThreshold major, and is on when configured without the plugin here', async () => {
    const { backend, sent, check } = await startBackend({
      notificationsInstalled: false,
      notifications: {
        enabled: true,
        behindThreshold: 'major',
        failuresInARow: 5,
      },
    });
    await check();
    github.releases['projectnessie/nessie'].unshift('0.106.0');
    await check();
    await check();
    expect(sent).toEqual([]);
    github.releases['projectnessie/nessie'].unshift('1.0.0');
    await check();
    expect(read(sent).map(n => n.title)).toEqual([
      'nessie is 1 major behind: 0.105.1 → 1.0.0',
    ]);
    // The fifth failure in a row of flaky.
    await check();
    expect(read(sent).map(n => n.title)).toEqual([
      'nessie is 1 major behind: 0.105.1 → 1.0.0',
      'Upstream checks of flaky failed 5 times in a row',
    ]);
    await backend.stop();
  });

  it('sends nothing without the notifications plugin, and still checks and signals', async () => {
    const { backend, sent, signals, check } = await startBackend({
      notificationsInstalled: false,
    });
    await check();
    github.releases['projectnessie/nessie'].unshift('0.106.0');
    for (let run = 0; run < 3; run++) await check();
    expect(sent).toEqual([]);
    expect(signals).toHaveLength(4);
    const nessie = await request(backend.server)
      .get('/api/containers/drift/default/component/nessie')
      .set('authorization', mockCredentials.user.header());
    expect(nessie.body).toMatchObject({ status: 'behind', latest: '0.106.0' });
    await backend.stop();
  });

  it('never fails a check because a notification could not be sent', async () => {
    const { backend, logger, check } = await startBackend({
      notificationsInstalled: true,
      send: async () => {
        throw new Error('Failed to send notifications: 503');
      },
    });
    await check();
    github.releases['projectnessie/nessie'].unshift('0.106.0');
    await check();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not notify the owner of component:default/nessie (nessie is 1 minor behind: 0.105.1 → 0.106.0): Failed to send notifications: 503',
    );
    const nessie = await request(backend.server)
      .get('/api/containers/drift/default/component/nessie')
      .set('authorization', mockCredentials.user.header());
    expect(nessie.body).toMatchObject({ status: 'behind' });
    await backend.stop();
  });
});
