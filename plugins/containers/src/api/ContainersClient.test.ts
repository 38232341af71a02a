/**
 * @jest-environment node
 */
/*
 * The client against the real backend plugin, in Node: the backend and a stand-in GitHub API
 * listen on 127.0.0.1, which needs Node's http module and the backend package.
 */
/* eslint-disable no-restricted-imports, @backstage/no-mixed-plugin-imports */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import containersBackendPlugin from '@dockyard/plugin-containers-backend';
import { readFileSync } from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import { ContainersClient } from './ContainersClient';

/** This repository's containers, read from disk as in the embedded default. */
const REPO = path.resolve(__dirname, '../../../..');
const REPO_CONTAINERS = path.join(REPO, 'containers');

/** Containers as the catalog module makes them; `custom` is kept by hand. */
function containerEntity(name: string, version: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `url:https://example.com/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
      },
    },
    spec: {
      type: 'container',
      owner: 'group:default/data-platform-team',
      lifecycle: 'production',
      container: { slug: name, version },
    },
  };
}

const ENTITIES = [
  containerEntity('trino', {
    strategy: 'github-release',
    current: '476',
    source: { repo: 'trinodb/trino' },
  }),
  containerEntity('custom', { strategy: 'manual', current: '1.0.0' }),
  // Read from the local checkout: its files are served by the backend.
  {
    ...containerEntity('spark', { strategy: 'manual', current: '4.0.1' }),
    metadata: {
      name: 'spark',
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `file:${REPO_CONTAINERS}/spark/container.yaml`,
        'dockyard.io/slug': 'spark',
      },
    },
  },
];

/** GitHub's release API for trinodb/trino, on 127.0.0.1. */
async function startGithub() {
  const server = http.createServer((req, res) => {
    if (req.url!.startsWith('/repos/trinodb/trino/releases')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify([
          {
            tag_name: '478',
            published_at: '2025-08-01T00:00:00Z',
            html_url: 'https://github.com/trinodb/trino/releases/tag/478',
          },
          { tag_name: '477', published_at: '2025-07-01T00:00:00Z' },
          { tag_name: '476', published_at: '2025-06-01T00:00:00Z' },
        ]),
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('ContainersClient against the containers backend', () => {
  let github: Awaited<ReturnType<typeof startGithub>>;
  let stopBackend: () => Promise<void>;
  let baseUrl: string;
  let allowRefresh: boolean;
  let triggered: string[];

  beforeAll(async () => {
    github = await startGithub();
    const scheduler = mockServices.scheduler.mock({
      triggerTask: jest.fn(async (id: string) => {
        triggered.push(id);
      }),
    }) as unknown as SchedulerService & { factory: any };
    const backend = await startTestBackend({
      features: [
        containersBackendPlugin,
        scheduler.factory,
        // Requests without a token carry no credentials (the mock default is a user).
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({
              result: allowRefresh
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            })),
          // Reading the catalog is always allowed; only the refresh permission varies.
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', apiBaseUrl: github.url }],
            },
            catalog: {
              providers: { containers: { local: { path: REPO_CONTAINERS } } },
            },
            containers: { drift: { retries: 0, requestTimeout: '2s' } },
          },
        }),
      ],
    });
    stopBackend = () => backend.stop();
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/containers`;
  });

  afterAll(async () => {
    await stopBackend();
    await github.close();
  });

  beforeEach(() => {
    allowRefresh = true;
    triggered = [];
  });

  function client(credentials = mockCredentials.user.header()) {
    const fetchApi: FetchApi = {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), authorization: credentials },
        }),
    };
    return new ContainersClient({
      discoveryApi: {
        getBaseUrl: async pluginId => baseUrl.replace('containers', pluginId),
      },
      fetchApi,
    });
  }

  it('gets the pending record of a container not checked yet', async () => {
    await expect(
      client().getDrift('component:default/custom'),
    ).resolves.toMatchObject({
      entityRef: 'component:default/custom',
      pending: true,
      status: 'unknown',
    });
  });

  it('refreshes one container and reads back the stored record', async () => {
    const refreshed = await client().refreshDrift({
      entityRef: 'component:default/trino',
    });
    expect(refreshed).toMatchObject({
      entityRef: 'component:default/trino',
      status: 'behind',
      current: '476',
      latest: '478',
      behind: { major: 2, releases: 2 },
      releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
    });
    // The client splits the ref into the path the router expects.
    await expect(client().getDrift('component:default/trino')).resolves.toEqual(
      refreshed,
    );
    // A ref without a namespace means the default one, as in the catalog.
    await expect(client().getDrift('component:trino')).resolves.toEqual(
      refreshed,
    );
  });

  it('lists every stored record', async () => {
    await client().refreshDrift({ entityRef: 'component:default/custom' });
    const items = await client().listDrift();
    expect(items.map(item => [item.entityRef, item.status]).sort()).toEqual([
      ['component:default/custom', 'unknown'],
      ['component:default/trino', 'behind'],
    ]);
  });

  it("reads a container's drift history and the platform's trend", async () => {
    await client().refreshDrift({ entityRef: 'component:default/trino' });
    const today = new Date().toISOString().slice(0, 10);
    const history = await client().getDriftHistory('component:default/trino', {
      days: 7,
    });
    expect(history).toMatchObject({
      entityRef: 'component:default/trino',
      behindSince: expect.any(String),
    });
    expect(history.points.map(p => [p.kind, p.status, p.latest])).toEqual([
      ['main', 'behind', '478'],
    ]);
    // The ref goes in the query, escaped; a short one means the default namespace.
    await expect(
      client().getDriftHistory('component:trino'),
    ).resolves.toMatchObject({ entityRef: 'component:default/trino' });
    await expect(
      client().getDriftHistory('component:default/nothing'),
    ).rejects.toMatchObject({ statusCode: 404 });

    const trend = await client().getDriftTrend();
    expect(trend.to).toBe(today);
    expect(trend.days).toEqual([
      expect.objectContaining({ day: today, behind: 1, failing: 0 }),
    ]);
    expect((await client().getDriftTrend({ days: 7 })).days).toEqual(
      trend.days,
    );
  });

  it('starts the check of every container', async () => {
    await expect(client().refreshDrift()).resolves.toBeUndefined();
    expect(triggered).toEqual(['containers-drift-check']);
  });

  it('raises the 403 of a refresh without the permission', async () => {
    allowRefresh = false;
    const refresh = client().refreshDrift({
      entityRef: 'component:default/trino',
    });
    await expect(refresh).rejects.toBeInstanceOf(ResponseError);
    await expect(refresh).rejects.toMatchObject({ statusCode: 403 });
    expect(triggered).toEqual([]);
  });

  it("reads the files a local container's container.yaml points at", async () => {
    const runbook = '../../docs/runbooks/iceberg-catalog-rollback.md';
    await expect(
      client().getContainerFile('component:default/spark', runbook),
    ).resolves.toEqual({
      path: runbook,
      content: readFileSync(
        path.join(REPO, 'docs/runbooks/iceberg-catalog-rollback.md'),
        'utf8',
      ),
      language: 'markdown',
    });
    // A ref without a namespace means the default one.
    await expect(
      client().getContainerFile('component:spark', 'conf/spark-defaults.conf'),
    ).resolves.toMatchObject({
      path: 'conf/spark-defaults.conf',
      language: 'properties',
    });
    // Characters that need escaping in a query survive the trip.
    const odd = client().getContainerFile(
      'component:default/spark',
      'conf/no such?file&x=1#.conf',
    );
    await expect(odd).rejects.toMatchObject({
      statusCode: 404,
      body: {
        error: { message: 'conf/no such?file&x=1#.conf does not exist' },
      },
    });
  });

  it('raises the refusals of the file route with their reasons', async () => {
    const escape = client().getContainerFile(
      'component:default/spark',
      '../../../../etc/passwd',
    );
    await expect(escape).rejects.toBeInstanceOf(ResponseError);
    await expect(escape).rejects.toMatchObject({
      statusCode: 403,
      body: {
        error: {
          message:
            '../../../../etc/passwd is outside the folders files are served from (containers.files.allowedRoots)',
        },
      },
    });
    // trino is read from a URL: the card links there instead.
    await expect(
      client().getContainerFile('component:default/trino', 'README.md'),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('raises the 401 of a request without credentials', async () => {
    await expect(client('').listDrift()).rejects.toMatchObject({
      statusCode: 401,
    });
  });
});
