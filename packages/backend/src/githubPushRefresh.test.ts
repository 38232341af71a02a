import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import catalogModuleContainers from '@dockyard/plugin-catalog-backend-module-containers';
import {
  sendJson,
  startTestServer,
  TestServer,
  waitFor,
} from '@dockyard/test-utils';
import request from 'supertest';

const githubModuleDir = dirname(
  require.resolve(
    '@backstage/plugin-events-backend-module-github/package.json',
  ),
);

/**
 * The two modules that `backend.add(import('@backstage/plugin-events-backend-module-github'))`
 * installs: the webhook ingress with its signature check, and the router from `github` to
 * `github.<event>`. The package's default export loads them with a dynamic import() that jest
 * cannot run, so they are required from its dist folder.
 */
function githubEventsModules(): BackendFeature[] {
  return [
    'eventsModuleGithubWebhook.cjs.js',
    'eventsModuleGithubEventRouter.cjs.js',
  ].map(file => require(join(githubModuleDir, 'dist/service', file)).default);
}

/**
 * The real events service, one bus for all plugins as in the backend (the test backend's default
 * is a mock per plugin, which would not carry the webhook from the events plugin to the catalog).
 * Taken from the GitHub module's own dependency, which the backend installs with it.
 */
function eventsServiceFactory(): BackendFeature {
  const eventsNode = require.resolve('@backstage/plugin-events-node', {
    paths: [githubModuleDir],
  });
  return require(eventsNode).eventsServiceFactory;
}

const SECRET = 'test-webhook-secret';
const OWNER = 'example';
const REPO = 'data-platform';

/**
 * The platform repository on a GitHub stand-in on 127.0.0.1: every commit-status call (the first
 * request of each read of the target) answers a new commit, whose archive is empty.
 */
async function startPlatformRepository(): Promise<TestServer> {
  const api = `/api/v3/repos/${OWNER}/${REPO}`;
  let commits = 0;
  const server: TestServer = await startTestServer((req, res) => {
    const path = new URL(req.url!, server.url).pathname;
    if (path === `${api}/commits/main/status`) {
      commits += 1;
      return sendJson(res, {
        sha: commits.toString(16).padStart(40, '0'),
        repository: {
          full_name: `${OWNER}/${REPO}`,
          archive_url: `${server.url}${api}/{archive_format}{/ref}`,
        },
      });
    }
    if (path.startsWith(`${api}/tarball/`)) {
      // An empty tar archive (two zero blocks): a platform without containers.
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      return res.end(gzipSync(Buffer.alloc(1024)));
    }
    return sendJson(res, { message: 'Not Found' }, {}, 404);
  });
  return server;
}

/** Reads of the target so far: each starts with the commit of its branch. */
function targetReads(github: TestServer): number {
  return github.requests.filter(r =>
    r.url.split('?')[0].endsWith('/commits/main/status'),
  ).length;
}

/** A push webhook as GitHub delivers it: JSON, signed with the shared secret. */
function pushDelivery(ref: string, host: string, secret = SECRET) {
  const body = JSON.stringify({
    ref,
    after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    repository: {
      full_name: `${OWNER}/${REPO}`,
      html_url: `http://${host}/${OWNER}/${REPO}`,
      default_branch: 'main',
    },
  });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${signature}`,
    },
  };
}

describe('catalog on push: GitHub webhook to containers refresh', () => {
  let github: TestServer;
  beforeAll(async () => {
    github = await startPlatformRepository();
  });
  afterAll(() => github.close());

  it('reads the platform target once per signed push to its branch, and refuses unsigned ones', async () => {
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            integrations: {
              github: [
                { host: github.host, apiBaseUrl: `${github.url}/api/v3` },
              ],
            },
            events: {
              modules: { github: { webhookSecret: SECRET } },
              // One process: the in-process bus carries every event; the hub's long polls
              // would only hold up the backend's stop.
              useEventBus: 'never',
            },
            catalog: {
              providers: {
                containers: {
                  platform: {
                    url: `${github.url}/${OWNER}/${REPO}/tree/main/containers`,
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 1 },
                    },
                  },
                },
              },
            },
          },
        }),
        eventsServiceFactory(),
        eventsPlugin,
        ...githubEventsModules(),
        catalogPlugin,
        catalogModuleContainers,
      ],
    });
    try {
      // The scheduled read at startup.
      const atStart = await waitFor('the first read', async () =>
        targetReads(github) > 0 ? targetReads(github) : undefined,
      );
      const deliver = (delivery: ReturnType<typeof pushDelivery>) =>
        request(backend.server)
          .post('/api/events/http/github')
          .set(delivery.headers)
          .send(delivery.body);
      const afterWindow = () => new Promise(r => setTimeout(r, 3000));

      const forged = await deliver(
        pushDelivery('refs/heads/main', github.host, 'wrong-secret'),
      );
      expect(forged.status).toBe(403);
      const otherBranch = await deliver(
        pushDelivery('refs/heads/feature', github.host),
      );
      expect(otherBranch.status).toBe(202);
      await afterWindow();
      expect(targetReads(github)).toBe(atStart);

      const push = await deliver(pushDelivery('refs/heads/main', github.host));
      expect(push.status).toBe(202);
      await waitFor('the read after the push', async () =>
        targetReads(github) > atStart ? true : undefined,
      );
      await afterWindow();
      expect(targetReads(github)).toBe(atStart + 1);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
