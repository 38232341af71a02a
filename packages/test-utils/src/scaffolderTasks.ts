import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * A call to the backend under test: a path such as `/api/scaffolder/v2/tasks`, the request, and
 * whose `authorization` header to send (the test's own default when left out).
 */
export type BackendRequest = (
  path: string,
  init?: RequestInit,
  authorization?: string,
) => Promise<Response>;

/**
 * Calls a test backend's REST API with a JSON content type, as the mock user unless another
 * `authorization` is given. `baseUrl` is read on each call: the backend starts in `beforeAll`.
 */
export function backendRequest(baseUrl: () => string): BackendRequest {
  return (path, init = {}, authorization = mockCredentials.user.header()) =>
    fetch(`${baseUrl()}${path}`, {
      ...init,
      headers: { authorization, 'content-type': 'application/json' },
    });
}

/** What a scaffolder task did, read back through the scaffolder's REST API. */
export interface ScaffolderTaskResult {
  /** `completed`, `failed` or `cancelled`; the HTTP status when the task was refused. */
  status: string | number;
  /** The refusal's body (the input errors); undefined when the task ran. */
  body: any;
  /** The template's `output`, when the task completed. */
  output: any;
  /** Every event's message, in order: the log a user sees. */
  messages: string[];
}

/**
 * Asks `check` every 200 ms until it gives a value, and fails with "timed out waiting for
 * <what>" after `ms`: for what a backend does in the background (catalog refreshes, tasks).
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/**
 * Runs a template as the frontend does: creates the task with `values` as the user that
 * `authorization` names, waits for it to finish, and reads its events.
 */
export async function runScaffolderTask(
  request: BackendRequest,
  templateRef: string,
  values: Record<string, unknown>,
  authorization?: string,
): Promise<ScaffolderTaskResult> {
  const created = await request(
    '/api/scaffolder/v2/tasks',
    { method: 'POST', body: JSON.stringify({ templateRef, values }) },
    authorization,
  );
  if (created.status !== 201) {
    return {
      status: created.status,
      body: await created.json(),
      output: undefined,
      messages: [],
    };
  }
  const { id } = await created.json();
  const task = await waitFor('the task to finish', async () => {
    const body = await (await request(`/api/scaffolder/v2/tasks/${id}`)).json();
    return ['completed', 'failed', 'cancelled'].includes(body.status)
      ? body
      : undefined;
  });
  const events: Array<{ type: string; body: any }> = await (
    await request(`/api/scaffolder/v2/tasks/${id}/events`)
  ).json();
  const completion = events.find(e => e.type === 'completion');
  return {
    status: task.status,
    body: undefined,
    output: completion?.body.output,
    messages: events.map(e => String(e.body.message ?? '')),
  };
}
