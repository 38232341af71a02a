import { readFileSync } from 'fs';
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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases, startTestServer } from '@dockyard/test-utils';
import containersPlugin, { DRIFT_TASK_ID } from './index';

/** Today (UTC) moved by `days`, `YYYY-MM-DD`: the stand-in feed's dates follow the real date. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function containerEntity(name: string, version: object): Entity {
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
      container: { slug: name, version },
    },
  };
}

const ENTITIES = [
  containerEntity('postgres', {
    strategy: 'manual',
    current: '17.6',
    eol: { product: 'postgresql' },
  }),
  containerEntity('python', {
    strategy: 'manual',
    current: '3.99.1',
    eol: { product: 'python' },
  }),
  containerEntity('nothing', {
    strategy: 'manual',
    current: '1.0',
    eol: { product: 'nosuchproduct' },
  }),
  containerEntity('plain', { strategy: 'manual', current: '1.0' }),
];

/** endoflife.date on 127.0.0.1: postgresql 17 ends in 40 days. */
async function startEndoflife() {
  const state = { fails: false };
  const server = await startTestServer((req, res) => {
    if (state.fails) {
      res.writeHead(503);
      res.end();
      return;
    }
    const answers: Record<string, unknown> = {
      '/api/postgresql.json': [
        { cycle: '18', eol: day(1500), latest: '18.1' },
        { cycle: '17', eol: day(40), support: day(-300), latest: '17.7' },
      ],
      '/api/python.json': [{ cycle: '3.14', eol: day(1800) }],
    };
    const answer = answers[req.url!];
    res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer ?? { message: 'Product not found' }));
  });
  return { state, server };
}

// The store is the plugin's own; SQLite is enough to show what the API serves.
const databases = createTestDatabases();

describe('end of life through the containers backend plugin', () => {
  let endoflife: Awaited<ReturnType<typeof startEndoflife>>;
  beforeEach(async () => {
    endoflife = await startEndoflife();
  });
  afterEach(() => endoflife.server.close());

  async function startBackend(
    knex: Awaited<ReturnType<typeof databases.init>>,
    drift: object = {},
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
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            containers: {
              drift: {
                retries: 0,
                requestTimeout: '2s',
                endpoints: { endoflife: endoflife.server.url },
                ...drift,
              },
            },
          },
        }),
      ],
    });
    return { backend, scheduler, server: backend.server };
  }

  const user = () => mockCredentials.user.header();
  const eolOf = async (server: any, name: string) =>
    (
      await request(server)
        .get(`/api/containers/drift/default/component/${name}`)
        .set('authorization', user())
    ).body.eol;

  it('stores each container’s end of life and serves it as the API describes', async () => {
    const { backend, scheduler, server } = await startBackend(
      await databases.init('SQLITE_3'),
    );
    await scheduler.triggerTask(DRIFT_TASK_ID);
    const listed = await request(server)
      .get('/api/containers/drift')
      .set('authorization', user());
    const bySlug = Object.fromEntries(
      listed.body.items.map((r: any) => [r.slug, r]),
    );
    expect(bySlug.postgres.eol).toEqual({
      product: 'postgresql',
      cycle: '17',
      state: 'warning',
      eolDate: day(40),
      daysToEol: 40,
      supportedUntil: day(-300),
      latestCycle: '18',
    });
    expect(bySlug.python.eol).toMatchObject({
      cycle: '3.99',
      state: 'unknown',
      error: expect.stringMatching(/^endoflife.date lists no cycle "3.99"/),
    });
    // An unknown product: its end of life says why; the rest of its record is as before.
    expect(bySlug.nothing).toMatchObject({
      status: 'unknown',
      eol: {
        product: 'nosuchproduct',
        state: 'unknown',
        error: expect.stringMatching(
          /^endoflife.date has no product "nosuchproduct"/,
        ),
      },
    });
    expect(bySlug.plain).not.toHaveProperty('eol');

    const spec = parseYaml(
      readFileSync(path.join(__dirname, 'schema/openapi.yaml'), 'utf8'),
    );
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(
      {
        $ref: '#/components/schemas/DriftRecord',
        components: spec.components,
      },
    );
    for (const record of listed.body.items) {
      expect([record.slug, validate(record) ? [] : validate.errors]).toEqual([
        record.slug,
        [],
      ]);
    }
    await backend.stop();
  });

  it('counts state and days for the day it answers, not the day it checked', async () => {
    const knex = await databases.init('SQLITE_3');
    const { backend, scheduler, server } = await startBackend(knex);
    await scheduler.triggerTask(DRIFT_TASK_ID);
    // As if the check had run 41 days ago: the stored state says 40 days to go.
    const row = await knex('containers_drift_results')
      .where({ entity_ref: 'component:default/postgres' })
      .first('record');
    const stored = JSON.parse(row.record);
    expect(stored.eol).toMatchObject({ state: 'warning', daysToEol: 40 });
    await knex('containers_drift_results')
      .where({ entity_ref: 'component:default/postgres' })
      .update({
        record: JSON.stringify({
          ...stored,
          eol: { ...stored.eol, eolDate: day(-1) },
        }),
      });
    expect(await eolOf(server, 'postgres')).toMatchObject({
      state: 'eol',
      eolDate: day(-1),
      daysToEol: -1,
    });
    const listed = await request(server)
      .get('/api/containers/drift')
      .set('authorization', user());
    expect(
      listed.body.items.find((r: any) => r.slug === 'postgres').eol,
    ).toMatchObject({ state: 'eol', daysToEol: -1 });
    await backend.stop();
  });

  it('keeps the last good end of life when endoflife.date cannot be read', async () => {
    const { backend, scheduler, server } = await startBackend(
      await databases.init('SQLITE_3'),
    );
    await scheduler.triggerTask(DRIFT_TASK_ID);
    endoflife.state.fails = true;
    await scheduler.triggerTask(DRIFT_TASK_ID);
    expect(await eolOf(server, 'postgres')).toEqual({
      product: 'postgresql',
      cycle: '17',
      state: 'warning',
      eolDate: day(40),
      daysToEol: 40,
      supportedUntil: day(-300),
      latestCycle: '18',
      error: expect.stringMatching(/^endoflife.date postgresql: .*HTTP 503/),
    });
    await backend.stop();
  });

  it('takes the warning window from containers.drift.eol.warningDays, when checking and serving', async () => {
    const { backend, scheduler, server } = await startBackend(
      await databases.init('SQLITE_3'),
      { eol: { warningDays: 30 } },
    );
    await scheduler.triggerTask(DRIFT_TASK_ID);
    expect(await eolOf(server, 'postgres')).toMatchObject({
      state: 'supported',
      daysToEol: 40,
    });
    await backend.stop();
  });
});
