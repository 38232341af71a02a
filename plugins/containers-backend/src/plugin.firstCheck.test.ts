import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { startTestServer } from '@dockyard/test-utils';
import containersPlugin, { DRIFT_FIRST_CHECK_TASK_ID } from './index';
import { TimedScheduler } from './__testUtils__/TimedScheduler';

function containerEntity(name: string, current: string): Entity {
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
      owner: 'data-platform',
      lifecycle: 'production',
      container: {
        slug: name,
        version: {
          strategy: 'github-release',
          current,
          source: { repo: `example/${name}` },
        },
      },
    },
  };
}

/** A catalog whose entities a test adds to while the backend runs. */
function growingCatalog(entities: Entity[]) {
  let catalog = new InMemoryCatalogClient({ entities });
  return {
    add(entity: Entity) {
      entities.push(entity);
      catalog = new InMemoryCatalogClient({ entities });
    },
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      // What the plugin calls, answered by the catalog of the moment.
      factory: () =>
        ({
          getEntities: query => catalog.getEntities(query),
          getEntitiesByRefs: query => catalog.getEntitiesByRefs(query),
          getEntityByRef: ref => catalog.getEntityByRef(ref),
        } as Partial<CatalogService> as CatalogService),
    }),
  };
}

/** GitHub's releases API on 127.0.0.1: every example/<name> at 2.0.0. */
async function startGithub() {
  return startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify([
        { tag_name: '2.0.0', published_at: '2026-03-01T00:00:00Z' },
        { tag_name: '1.0.0', published_at: '2025-03-01T00:00:00Z' },
      ]),
    );
  });
}

const config = (githubUrl: string) =>
  mockServices.rootConfig.factory({
    data: {
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: githubUrl }],
      },
      containers: {
        drift: {
          retries: 0,
          // The scheduled check of every container would come after an hour: only the first
          // check can have run in these tests.
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 1 },
          },
        },
      },
    },
  });

async function driftOf(server: any, name: string) {
  return request(server)
    .get(`/api/containers/drift/default/component/${name}`)
    .set('authorization', mockCredentials.user.header());
}

/** Polls until `fn` returns something, for at most `timeoutMs`; how long it took. */
async function within<T>(timeoutMs: number, fn: () => Promise<T | undefined>) {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Nothing after ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe('containers backend plugin: first results at once', () => {
  it('answers 200 with a pending record, and a fresh backend checks within seconds, also a container that appears later', async () => {
    const github = await startGithub();
    const scheduler = new TimedScheduler();
    const catalog = growingCatalog([containerEntity('trino', '1.0.0')]);
    const backend = await startTestBackend({
      features: [
        containersPlugin,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        catalog.factory,
        config(github.url),
      ],
    });
    const started = Date.now();

    // Before its first check: 200, pending, status unknown, nothing from upstream.
    const pending = await driftOf(backend.server, 'trino');
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({
      entityRef: 'component:default/trino',
      slug: 'trino',
      strategy: 'github-release',
      current: '1.0.0',
      status: 'unknown',
      checkedAt: '',
      pending: true,
    });

    // Checked within seconds of the start (the default first-check schedule: 3 s, then every
    // 10 s), not at the scheduled run an hour later.
    const first = await within(15_000, async () => {
      const { body } = await driftOf(backend.server, 'trino');
      return body.pending ? undefined : body;
    });
    expect(first.value).toMatchObject({ status: 'behind', latest: '2.0.0' });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(github.requests).toHaveLength(1);

    // A container that appears in the catalog is checked within seconds too.
    catalog.add(containerEntity('nessie', '2.0.0'));
    expect((await driftOf(backend.server, 'nessie')).body.pending).toBe(true);
    const appeared = await within(15_000, async () => {
      const { body } = await driftOf(backend.server, 'nessie');
      return body.pending ? undefined : body;
    });
    expect(appeared.value).toMatchObject({ status: 'up-to-date' });
    expect(appeared.ms).toBeLessThan(12_000);
    // trino, checked already, was not checked again.
    expect(github.requests.map(r => r.url)).toEqual([
      expect.stringMatching(/^\/repos\/example\/trino\/releases/),
      expect.stringMatching(/^\/repos\/example\/nessie\/releases/),
    ]);

    await backend.stop();
    scheduler.stop();
    await github.close();
  }, 40_000);

  it('checks only the containers never checked, each time it runs', async () => {
    const github = await startGithub();
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: {
        skipTaskRunOnStartup?: boolean;
      }): ReturnType<typeof mockServices.scheduler.factory>;
    };
    const catalog = growingCatalog([
      containerEntity('trino', '1.0.0'),
      containerEntity('nessie', '2.0.0'),
    ]);
    const backend = await startTestBackend({
      features: [
        containersPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalog.factory,
        config(github.url),
      ],
    });
    await scheduler.triggerTask(DRIFT_FIRST_CHECK_TASK_ID);
    expect(github.requests).toHaveLength(2);
    // Nothing new: the catalog and the database are read, no upstream.
    await scheduler.triggerTask(DRIFT_FIRST_CHECK_TASK_ID);
    expect(github.requests).toHaveLength(2);
    catalog.add(containerEntity('kafka', '1.0.0'));
    await scheduler.triggerTask(DRIFT_FIRST_CHECK_TASK_ID);
    expect(github.requests.map(r => r.url)).toHaveLength(3);
    expect(github.requests[2].url).toMatch(/^\/repos\/example\/kafka\//);
    expect((await driftOf(backend.server, 'kafka')).body).toMatchObject({
      status: 'behind',
      latest: '2.0.0',
    });
    await backend.stop();
    await github.close();
  });
});
