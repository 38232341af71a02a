import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { testContext } from '../__testUtils__/context';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { createDockerTagsSource, registryEndpoint } from './docker';

const ALL_TAGS = [
  '16',
  '17',
  '17.6-bookworm',
  '17.7-bookworm',
  '18.1-bookworm',
  'latest',
];

describe('docker-tags source', () => {
  let registry: TestServer;
  let auth: TestServer;
  let tokensIssued = 0;

  beforeEach(async () => {
    tokensIssued = 0;
    auth = await startTestServer((req, res) => {
      const url = new URL(req.url!, auth.url);
      if (
        url.searchParams.get('scope') !== 'repository:library/postgres:pull'
      ) {
        sendJson(res, { details: 'wrong scope' }, {}, 400);
        return;
      }
      tokensIssued += 1;
      sendJson(res, { token: 'registry-token', expires_in: 300 });
    });
    registry = await startTestServer((req, res) => {
      const url = new URL(req.url!, registry.url);
      if (url.pathname === '/v2/library/postgres/tags/list') {
        if (req.headers.authorization !== 'Bearer registry-token') {
          res.writeHead(401, {
            'www-authenticate': `Bearer realm="${auth.url}/token",service="registry.test",scope="repository:library/postgres:pull"`,
          });
          res.end();
          return;
        }
        const n = Number(url.searchParams.get('n'));
        const last = url.searchParams.get('last');
        const start = last ? ALL_TAGS.indexOf(last) + 1 : 0;
        const tags = ALL_TAGS.slice(start, start + n);
        const headers: Record<string, string> = {};
        if (start + n < ALL_TAGS.length) {
          headers.link = `</v2/library/postgres/tags/list?last=${
            tags[tags.length - 1]
          }&n=${n}>; rel="next"`;
        }
        sendJson(res, { name: 'library/postgres', tags }, headers);
        return;
      }
      if (url.pathname === '/v2/minio/minio/tags/list') {
        sendJson(res, { name: 'minio/minio', tags: null });
        return;
      }
      if (url.pathname === '/v2/garbage/image/tags/list') {
        sendJson(res, { name: 'garbage/image', tags: 'nope' });
        return;
      }
      sendJson(res, { errors: [{ code: 'NAME_UNKNOWN' }] }, {}, 404);
    });
  });
  afterEach(async () => {
    await registry.close();
    await auth.close();
  });

  // The token service is another 127.0.0.1 server, so it is listed like the registry.
  const config = (extra: Record<string, unknown> = {}) => ({
    containers: {
      drift: {
        registryPageSize: 2,
        registries: { 'docker.io': { baseUrl: registry.url, ...extra } },
        allowedHosts: [registry.host, auth.host],
      },
    },
  });

  it('follows the token challenge and every Link page, with n= per page', async () => {
    const source = createDockerTagsSource();
    const version: ContainerVersionSpec = {
      strategy: 'docker-tags',
      current: '17.6-bookworm',
      source: { image: 'postgres' },
    };
    const context = testContext(config());
    expect(source.describe(version, context)).toEqual({
      key: 'docker-tags:docker.io/library/postgres',
      label: 'docker.io/library/postgres',
      sourceUrl: 'https://hub.docker.com/_/postgres',
    });
    const listing = await source.list(version, context);
    expect(listing.versions.map(v => v.tag)).toEqual(ALL_TAGS);
    const pageRequests = registry.requests.filter(r => r.headers.authorization);
    expect(pageRequests.map(r => r.url)).toEqual([
      '/v2/library/postgres/tags/list?n=2',
      '/v2/library/postgres/tags/list?last=17&n=2',
      '/v2/library/postgres/tags/list?last=17.7-bookworm&n=2',
    ]);
    // One challenge, one token, reused for the following pages.
    expect(
      registry.requests.filter(r => !r.headers.authorization),
    ).toHaveLength(1);
    expect(tokensIssued).toBe(1);
    expect(auth.requests[0].url).toBe(
      '/token?service=registry.test&scope=repository%3Alibrary%2Fpostgres%3Apull',
    );
  });

  it('sends username and password to the realm only when it is one of the credential hosts', async () => {
    const source = createDockerTagsSource();
    const version: ContainerVersionSpec = {
      strategy: 'docker-tags',
      current: '17.6-bookworm',
      source: { image: 'docker.io/library/postgres' },
    };

    await source.list(
      version,
      testContext(
        config({ username: 'me', password: 'pw', credentialHosts: [] }),
      ),
    );
    expect(auth.requests[0].headers.authorization).toBeUndefined();

    await createDockerTagsSource().list(
      version,
      testContext(
        config({
          username: 'me',
          password: 'pw',
          credentialHosts: [auth.host],
        }),
      ),
    );
    expect(auth.requests[1].headers.authorization).toBe(
      `Basic ${Buffer.from('me:pw').toString('base64')}`,
    );
    // The registry never sees the password, only the token.
    expect(
      registry.requests.every(
        r => !String(r.headers.authorization ?? '').startsWith('Basic'),
      ),
    ).toBe(true);
  });

  it('sends a configured registry token to the registry host only', async () => {
    const source = createDockerTagsSource();
    await source.list(
      {
        strategy: 'docker-tags',
        current: '17.6-bookworm',
        source: { image: 'postgres' },
      },
      testContext(config({ token: 'registry-token' })),
    );
    expect(auth.requests).toHaveLength(0);
    expect(registry.requests[0].headers.authorization).toBe(
      'Bearer registry-token',
    );
  });

  it('reads a registry by host when it is not configured, and an empty tag list', async () => {
    const listing = await createDockerTagsSource().list(
      {
        strategy: 'docker-tags',
        current: 'RELEASE.2025-09-07T16-13-09Z',
        source: { image: `${registry.host}/minio/minio` },
      },
      testContext({ containers: { drift: { allowedHosts: [registry.host] } } }),
    );
    expect(listing.versions).toEqual([]);
  });

  it('says when the image does not exist or the body is malformed', async () => {
    const context = testContext(config());
    await expect(
      createDockerTagsSource().list(
        {
          strategy: 'docker-tags',
          current: '1',
          source: { image: 'docker.io/nobody/nothing' },
        },
        context,
      ),
    ).rejects.toThrow(
      'image docker.io/nobody/nothing not found on its registry',
    );
    await expect(
      createDockerTagsSource().list(
        {
          strategy: 'docker-tags',
          current: '1',
          source: { image: 'docker.io/garbage/image' },
        },
        context,
      ),
    ).rejects.toThrow(
      /malformed response from .*: expected \{"name": …, "tags": \[...\]\}/,
    );
  });
});

describe('docker-tags tokens', () => {
  it('keeps tokens per registry host and credential, also when registries share a token service', async () => {
    const issued: string[] = [];
    const auth = await startTestServer((req, res) => {
      const basic = String(req.headers.authorization ?? '').replace(
        /^Basic /,
        '',
      );
      const user = Buffer.from(basic, 'base64').toString().split(':')[0];
      issued.push(user);
      sendJson(res, { token: `token-for-${user}`, expires_in: 300 });
    });
    // Two registries behind one token service, each accepting only its own user's token.
    const registryFor = (user: string) =>
      startTestServer((req, res) => {
        if (req.headers.authorization !== `Bearer token-for-${user}`) {
          res.writeHead(401, {
            'www-authenticate': `Bearer realm="${auth.url}/token",service="shared",scope="repository:library/postgres:pull"`,
          });
          res.end();
          return;
        }
        sendJson(res, { name: 'library/postgres', tags: [user] });
      });
    const alice = await registryFor('alice');
    const bob = await registryFor('bob');
    try {
      const context = testContext({
        containers: {
          drift: {
            allowedHosts: [auth.host, alice.host, bob.host],
            registries: {
              'docker.io': {
                baseUrl: alice.url,
                username: 'alice',
                password: 'a',
                credentialHosts: [auth.host],
              },
              'registry.test': {
                baseUrl: bob.url,
                username: 'bob',
                password: 'b',
                credentialHosts: [auth.host],
              },
            },
          },
        },
      });
      const source = createDockerTagsSource();
      const list = (image: string) =>
        source
          .list(
            { strategy: 'docker-tags', current: '1', source: { image } },
            context,
          )
          .then(listing => listing.versions.map(v => v.tag));

      expect(await list('postgres')).toEqual(['alice']);
      expect(await list('registry.test/library/postgres')).toEqual(['bob']);
      expect(await list('postgres')).toEqual(['alice']);
      // Same realm, service and scope: still one token per registry and credential, reused.
      expect(issued).toEqual(['alice', 'bob']);
    } finally {
      await Promise.all([auth.close(), alice.close(), bob.close()]);
    }
  });
});

describe('registryEndpoint', () => {
  it('defaults Docker Hub to its registry host and loopback registries to http', () => {
    expect(registryEndpoint('docker.io', {}).baseUrl).toBe(
      'https://registry-1.docker.io',
    );
    expect(registryEndpoint('quay.io', {}).baseUrl).toBe('https://quay.io');
    expect(registryEndpoint('127.0.0.1:5000', {}).baseUrl).toBe(
      'http://127.0.0.1:5000',
    );
  });
});
