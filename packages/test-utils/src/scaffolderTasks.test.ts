import { mockCredentials } from '@backstage/backend-test-utils';
import { sendJson, startTestServer, TestServer } from './http';
import { backendRequest, runScaffolderTask, waitFor } from './scaffolderTasks';

describe('waitFor', () => {
  it('gives the first value the check gives', async () => {
    let calls = 0;
    const value = await waitFor('the third call', async () =>
      ++calls === 3 ? 'ready' : undefined,
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('fails naming what it waited for', async () => {
    await expect(waitFor('nothing', async () => undefined, 0)).rejects.toThrow(
      'timed out waiting for nothing',
    );
  });
});

describe('runScaffolderTask', () => {
  let scaffolder: TestServer;
  const created: unknown[] = [];
  beforeAll(async () => {
    let polls = 0;
    // The three scaffolder routes a task run uses, the task finishing on the second poll.
    scaffolder = await startTestServer((req, res) => {
      if (req.method === 'POST') {
        let raw = '';
        req.on('data', chunk => (raw += chunk));
        req.on('end', () => {
          const body = JSON.parse(raw);
          created.push({ body, authorization: req.headers.authorization });
          if (body.values.version === 'bad') {
            sendJson(res, { errors: ['version is bad'] }, {}, 400);
          } else sendJson(res, { id: 'task-1' }, {}, 201);
        });
      } else if (req.url === '/api/scaffolder/v2/tasks/task-1') {
        sendJson(res, { status: ++polls < 2 ? 'processing' : 'completed' });
      } else {
        sendJson(res, [
          { type: 'log', body: { message: 'Bumping trino' } },
          { type: 'log', body: {} },
          { type: 'completion', body: { message: 'done', output: { pr: 7 } } },
        ]);
      }
    });
  });
  afterAll(() => scaffolder.close());

  const request = backendRequest(() => scaffolder.url);

  it('creates the task, waits for it and reads its output and messages', async () => {
    const result = await runScaffolderTask(
      request,
      'template:default/bump-container',
      { version: '478' },
      'guest',
    );
    expect(result).toEqual({
      status: 'completed',
      body: undefined,
      output: { pr: 7 },
      messages: ['Bumping trino', '', 'done'],
    });
    expect(created).toEqual([
      {
        body: {
          templateRef: 'template:default/bump-container',
          values: { version: '478' },
        },
        authorization: 'guest',
      },
    ]);
  });

  it('calls the backend as the mock user unless told otherwise', async () => {
    await runScaffolderTask(request, 'template:default/x', { version: '1' });
    expect(created.at(-1)).toMatchObject({
      authorization: mockCredentials.user.header(),
    });
    expect(scaffolder.requests.at(-1)?.headers).toMatchObject({
      authorization: mockCredentials.user.header(),
      'content-type': 'application/json',
    });
  });

  it('gives the status and body of a refused task', async () => {
    const result = await runScaffolderTask(request, 'template:default/x', {
      version: 'bad',
    });
    expect(result).toEqual({
      status: 400,
      body: { errors: ['version is bad'] },
      output: undefined,
      messages: [],
    });
  });
});
