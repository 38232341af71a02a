import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import containersPlugin from '../index';

/** The plugin with no containers: these tests are about what reaches a handler. */
async function startBackend() {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: {
      skipTaskRunOnStartup?: boolean;
    }): ReturnType<typeof mockServices.scheduler.factory>;
  };
  const triggerTask = jest.spyOn(scheduler, 'triggerTask');
  const backend = await startTestBackend({
    features: [
      containersPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  return { backend, triggerTask };
}

describe('the router generated from src/schema/openapi.yaml', () => {
  let started: Awaited<ReturnType<typeof startBackend>>;
  const api = () => request(started.backend.server);
  const user = () => mockCredentials.user.header();

  beforeAll(async () => {
    started = await startBackend();
  });
  afterAll(async () => {
    await started.backend.stop();
  });

  it('says how to give the file when ?path= is missing or empty, before the validator', async () => {
    for (const query of ['', '?path=', '?other=README.md']) {
      const res = await api()
        .get(`/api/containers/files/default/component/spark${query}`)
        .set('authorization', user());
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toBe(
        'Give the file as ?path=, relative to the container folder, e.g. ?path=../../docs/runbooks/rollback.md',
      );
    }
  });

  it('ignores query parameters the spec does not name, as before', async () => {
    const res = await api()
      .get('/api/containers/drift?cacheBust=1')
      .set('authorization', user());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('refuses a refresh body the spec does not describe, before anything is checked', async () => {
    const cases: Array<[unknown, string]> = [
      // A misspelt key would otherwise start the check of every container.
      [
        { entityref: 'component:default/trino' },
        'request/body must NOT have additional properties',
      ],
      [{ entityRef: 42 }, 'request/body/entityRef must be string'],
      [['component:default/trino'], 'request/body must be object'],
    ];
    for (const [body, message] of cases) {
      const res = await api()
        .post('/api/containers/drift/refresh')
        .set('authorization', user())
        .send(body as object);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toBe(message);
    }
    expect(started.triggerTask).not.toHaveBeenCalled();
    // The body it describes starts the check of every container.
    const all = await api()
      .post('/api/containers/drift/refresh')
      .set('authorization', user())
      .send({});
    expect(all.status).toBe(202);
    expect(started.triggerTask).toHaveBeenCalledTimes(1);
  });

  it('serves the spec at /openapi.json', async () => {
    const res = await api()
      .get('/api/containers/openapi.json')
      .set('authorization', user());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual([
      '/api/containers/drift',
      '/api/containers/drift/history',
      '/api/containers/drift/{namespace}/{kind}/{name}',
      '/api/containers/drift/refresh',
      '/api/containers/files/{namespace}/{kind}/{name}',
    ]);
  });
});
