import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import type { IncomingMessage, ServerResponse } from 'http';
import {
  containerEntity,
  driftRecord,
  fakeSources,
} from './__testUtils__/containers';
import { registerBumpContainerAction } from './bumpContainer';

const ENTITIES = [
  containerEntity('trino', { current: '476' }),
  containerEntity('nessie', { current: '0.99.0' }),
  containerEntity('airflow', { current: '3.1.5' }),
  containerEntity('custom', { current: '2.0' }),
];

const RECORDS = [
  driftRecord('trino', {
    current: '476',
    latest: '478',
    status: 'behind',
    behind: { major: 2, minor: 0, patch: 0, releases: 2 },
  }),
  driftRecord('nessie', { current: '0.99.0', latest: '0.99.0' }),
  driftRecord('custom', {
    strategy: 'manual',
    current: '2.0',
    latest: undefined,
    status: 'unknown',
  }),
];

const JANE = 'user:default/jane';

describe('bump-container', () => {
  let scaffolder: TestServer;
  const created: Array<{ body: any; authorization?: string }> = [];
  let answer: (res: ServerResponse, body: any) => void;

  beforeAll(async () => {
    // The scaffolder's POST /v2/tasks.
    scaffolder = await startTestServer(
      (req: IncomingMessage, res: ServerResponse) => {
        let raw = '';
        req.on('data', chunk => (raw += chunk));
        req.on('end', () => {
          const body = JSON.parse(raw);
          created.push({ body, authorization: req.headers.authorization });
          answer(res, body);
        });
      },
    );
  });
  afterAll(() => scaffolder.close());
  beforeEach(() => {
    created.length = 0;
    answer = res => sendJson(res, { id: 'task-1' }, {}, 201);
  });

  function setup(config: { appBaseUrl?: string } = {}) {
    const actionsRegistry = actionsRegistryServiceMock();
    registerBumpContainerAction({
      actionsRegistry,
      catalog: catalogServiceMock({ entities: ENTITIES }),
      auth: mockServices.auth({ pluginId: 'containers' }),
      discovery: {
        getBaseUrl: async pluginId => `${scaffolder.url}/api/${pluginId}`,
        getExternalBaseUrl: async pluginId =>
          `${scaffolder.url}/api/${pluginId}`,
      },
      bumpTemplate: 'template:default/bump-container',
      appBaseUrl: config.appBaseUrl ?? 'http://localhost:3000/',
      ...fakeSources(RECORDS),
    });
    return (input: Record<string, unknown>) =>
      actionsRegistry.invoke({
        id: 'test:bump-container',
        input: input as any,
        credentials: mockCredentials.user(JANE),
      });
  }

  it("starts the Bump container template in the caller's name, to the latest release by default", async () => {
    const bump = setup();
    const { output } = await bump({ entityRef: 'trino', target: 'local' });
    expect(output).toEqual({
      taskId: 'task-1',
      taskUrl: 'http://localhost:3000/create/tasks/task-1',
      entityRef: 'component:default/trino',
      from: '476',
      to: '478',
      target: 'local',
    });
    expect(created).toEqual([
      {
        body: {
          templateRef: 'template:default/bump-container',
          values: {
            container: 'component:default/trino',
            version: '478',
            target: 'local',
          },
        },
        // A token for the scaffolder on behalf of the caller: the scaffolder applies their
        // permissions and runs the task as them.
        authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.user(JANE),
          targetPluginId: 'scaffolder',
        }),
      },
    ]);
    expect(scaffolder.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/scaffolder/v2/tasks',
    });
  });

  it('bumps to the version given, also a container without a feed or a first check', async () => {
    const bump = setup();
    await bump({ entityRef: 'custom', version: '2.1', target: 'pull-request' });
    await bump({ entityRef: 'airflow', version: '3.1.6', target: 'local' });
    expect(created.map(c => c.body.values)).toEqual([
      {
        container: 'component:default/custom',
        version: '2.1',
        target: 'pull-request',
      },
      {
        container: 'component:default/airflow',
        version: '3.1.6',
        target: 'local',
      },
    ]);
  });

  it('says why there is nothing to bump to, starting nothing', async () => {
    const bump = setup();
    await expect(
      bump({ entityRef: 'nessie', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'component:default/nessie is up to date (0.99.0); give the version to bump to',
    });
    await expect(
      bump({ entityRef: 'custom', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'component:default/custom has no newer release known from its last drift check (status unknown); give the version to bump to',
    });
    await expect(
      bump({ entityRef: 'airflow', target: 'local' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('(status pending)'),
    });
    await expect(
      bump({ entityRef: 'trino', version: '476', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'component:default/trino is already at 476',
    });
    expect(created).toEqual([]);
  });

  it('refuses a version container.yaml could not hold, or a missing target, by its schema', async () => {
    const bump = setup();
    for (const input of [
      { entityRef: 'trino', version: '4 78', target: 'local' },
      { entityRef: 'trino', version: '"478"\nevil: true', target: 'local' },
      { entityRef: 'trino', version: '-478', target: 'local' },
      { entityRef: 'trino', version: 'x'.repeat(129), target: 'local' },
      { entityRef: 'trino', target: 'push-to-main' },
      { entityRef: 'trino' },
    ]) {
      await expect(bump(input)).rejects.toMatchObject({ name: 'InputError' });
    }
    expect(created).toEqual([]);
  });

  it('answers not found for a container the caller may not read, starting nothing', async () => {
    const bump = setup();
    await expect(
      bump({ entityRef: 'spark', version: '4.0.0', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/spark',
    });
    expect(created).toEqual([]);
  });

  it("passes on the scaffolder's refusals as errors an assistant can act on", async () => {
    const bump = setup();
    answer = res =>
      sendJson(
        res,
        {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          request: { method: 'POST', url: '/api/scaffolder/v2/tasks' },
          response: { statusCode: 403 },
        },
        {},
        403,
      );
    await expect(
      bump({ entityRef: 'trino', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The scaffolder did not let you start template:default/bump-container: Unauthorized',
    });
    answer = res =>
      sendJson(
        res,
        {
          errors: [
            {
              stack:
                'instance.target is not one of enum values: local,pull-request',
            },
          ],
        },
        {},
        400,
      );
    await expect(
      bump({ entityRef: 'trino', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'The Bump container template refused: instance.target is not one of enum values: local,pull-request',
    });
    answer = res => sendJson(res, { oops: true }, {}, 500);
    await expect(
      bump({ entityRef: 'trino', target: 'local' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });

  it('describes itself as a write that destroys nothing', async () => {
    const actionsRegistry = actionsRegistryServiceMock();
    registerBumpContainerAction({
      actionsRegistry,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      bumpTemplate: 'template:default/bump-container',
      ...fakeSources([]),
    });
    const { actions } = await actionsRegistry.list();
    expect(actions[0]).toMatchObject({
      name: 'bump-container',
      attributes: { readOnly: false, destructive: false, idempotent: false },
      schema: {
        input: expect.objectContaining({ required: ['entityRef', 'target'] }),
      },
    });
  });
});
