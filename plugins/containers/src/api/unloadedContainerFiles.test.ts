import type { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ContainersClient } from './ContainersClient';
import { unloadedContainerFiles } from './unloadedContainerFiles';

const PROBLEMS = [
  {
    file: 'containers/broken-one/container.yaml',
    line: 9,
    column: 12,
    path: 'version.current',
    message: 'must be text, not the number 4.1 — quote it',
    severity: 'error',
    rule: 'schema',
  },
  {
    file: 'containers/broken-one/container.yaml',
    line: 12,
    column: 15,
    path: 'runtime.base_image',
    message: 'not pinned by digest',
    severity: 'warning',
    rule: 'base-image-digest',
  },
];

/** A row as `GET /api/catalog/entities/unprocessed/pending` returns it (1.55 leaves entity_ref empty). */
function pendingRow(name: string, annotations: Record<string, string>) {
  return {
    entity_id: `id-${name}`,
    entity_ref: '',
    unprocessed_entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations },
      spec: { type: 'container', owner: 'group:default/data-platform-team' },
    },
    errors: [{ name: 'InputError', message: 'containers/…: must be text' }],
    next_update_at: '2026-11-27T05:00:00.000Z',
  };
}

const BODY = {
  type: 'pending',
  entities: [
    pendingRow('broken-one', {
      'dockyard.io/container-yaml':
        'file:/srv/platform/containers/broken-one/container.yaml',
      'dockyard.io/problems': JSON.stringify(PROBLEMS),
    }),
    // Somebody else's pending entity: not a container.yaml.
    pendingRow('payments', {}),
    pendingRow('another', {
      'dockyard.io/container-yaml': 'url:https://example.com/c/container.yaml',
      'dockyard.io/problems': 'hand-written, not JSON',
    }),
  ],
};

describe('unloadedContainerFiles', () => {
  it('keeps the container.yaml stand-ins, with their errors, named by entity and file', () => {
    expect(unloadedContainerFiles(BODY)).toEqual([
      {
        entityRef: 'component:default/broken-one',
        file: 'containers/broken-one/container.yaml',
        problems: [PROBLEMS[0]],
      },
      {
        entityRef: 'component:default/another',
        file: 'https://example.com/c/container.yaml',
        problems: [
          expect.objectContaining({
            file: 'https://example.com/c/container.yaml',
            message: 'hand-written, not JSON',
          }),
        ],
      },
    ]);
  });

  it('reads anything else as nothing to show', () => {
    expect(unloadedContainerFiles(undefined)).toEqual([]);
    expect(unloadedContainerFiles({ entities: 'no' })).toEqual([]);
    expect(unloadedContainerFiles({ entities: [null, {}] })).toEqual([]);
  });
});

describe('ContainersClient.listUnloadedContainerFiles', () => {
  function clientAnswering(status: number, body: unknown = {}) {
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const client = new ContainersClient({
      discoveryApi: {
        getBaseUrl: async (plugin: string) =>
          `http://127.0.0.1:7007/api/${plugin}`,
      },
      fetchApi: { fetch } as unknown as FetchApi,
    });
    return { client, fetch };
  }

  it("asks the catalog's unprocessed-entities API", async () => {
    const { client, fetch } = clientAnswering(200, BODY);
    const files = await client.listUnloadedContainerFiles();
    expect(files.map(f => f.entityRef)).toEqual([
      'component:default/broken-one',
      'component:default/another',
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://127.0.0.1:7007/api/catalog/entities/unprocessed/pending',
    );
  });

  it.each([404, 403])(
    'shows nothing when the API answers %s (not installed, not allowed)',
    async status => {
      const { client } = clientAnswering(status);
      await expect(client.listUnloadedContainerFiles()).resolves.toEqual([]);
    },
  );

  it('raises any other failure', async () => {
    const { client } = clientAnswering(500, { error: { message: 'boom' } });
    await expect(client.listUnloadedContainerFiles()).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
