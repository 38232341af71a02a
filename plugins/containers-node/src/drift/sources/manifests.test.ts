import { createHash } from 'crypto';
import { testContext } from '../__testUtils__/context';
import { FakeRegistry, startFakeRegistry } from '../__testUtils__/fakeRegistry';
import { startTestServer } from '@dockyard/test-utils';
import { InMemoryHttpCache } from '../http/cache';
import { createRegistryGet } from './docker';
import {
  fetchImageCreated,
  fetchManifestDigest,
  MANIFEST_ACCEPT,
  ManifestNotFoundError,
} from './manifests';

function context(registry: { url: string }, cache = new InMemoryHttpCache()) {
  return testContext(
    {
      containers: {
        drift: {
          registries: { 'docker.io': { baseUrl: registry.url } },
          retries: 0,
        },
      },
    },
    cache,
  );
}

describe('fetchManifestDigest', () => {
  let registry: FakeRegistry;
  afterEach(() => registry.close());

  it('reads Docker-Content-Digest of an index from a HEAD, asking for every manifest kind', async () => {
    registry = await startFakeRegistry();
    const index = registry.index('2025-11-20T10:00:00Z');
    registry.tag('library/python', '3.12-slim-bookworm', index);
    await expect(
      fetchManifestDigest(
        { name: 'python', tag: '3.12-slim-bookworm' },
        context(registry),
        createRegistryGet(),
      ),
    ).resolves.toBe(index);
    expect(registry.requests).toEqual([
      expect.objectContaining({
        method: 'HEAD',
        url: '/v2/library/python/manifests/3.12-slim-bookworm',
      }),
    ]);
    const accept = registry.requests[0].headers.accept;
    expect(accept).toBe(MANIFEST_ACCEPT);
    expect(accept).toContain('application/vnd.oci.image.index.v1+json');
    expect(accept).toContain(
      'application/vnd.docker.distribution.manifest.list.v2+json',
    );
    expect(accept).toContain('application/vnd.oci.image.manifest.v1+json');
    expect(accept).toContain(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
  });

  it('reads the digest of a single-platform manifest', async () => {
    registry = await startFakeRegistry();
    const manifest = registry.image('2025-11-20T10:00:00Z');
    registry.tag('team/app', '1.0.0', manifest);
    await expect(
      fetchManifestDigest(
        { name: 'docker.io/team/app', tag: '1.0.0' },
        context(registry),
        createRegistryGet(),
      ),
    ).resolves.toBe(manifest);
  });

  it('answers a bearer challenge, then sends the token to the registry only', async () => {
    registry = await startFakeRegistry({ bearer: 'pull-token' });
    const index = registry.index('2025-11-20T10:00:00Z');
    registry.tag('library/python', '3.12', index);
    await expect(
      fetchManifestDigest(
        { name: 'python', tag: '3.12' },
        context(registry),
        createRegistryGet(),
      ),
    ).resolves.toBe(index);
    expect(registry.requests.map(r => [r.method, r.url.split('?')[0]])).toEqual(
      [
        ['HEAD', '/v2/library/python/manifests/3.12'],
        ['GET', '/token'],
        ['HEAD', '/v2/library/python/manifests/3.12'],
      ],
    );
    expect(registry.requests[1].url).toContain(
      'scope=repository%3Alibrary%2Fpython%3Apull',
    );
    expect(registry.requests[2].headers.authorization).toBe(
      'Bearer pull-token',
    );
  });

  it('sends the authorization a repository earned at once on the next request for it', async () => {
    registry = await startFakeRegistry({ bearer: 'pull-token' });
    registry.tag('library/python', '3.12', registry.index('2025-11-20'));
    registry.tag('library/python', '3.13', registry.index('2025-11-21'));
    const ctx = context(registry);
    const get = createRegistryGet();
    await fetchManifestDigest({ name: 'python', tag: '3.12' }, ctx, get);
    await fetchManifestDigest({ name: 'python', tag: '3.13' }, ctx, get);
    expect(registry.requests.map(r => [r.method, r.url.split('?')[0]])).toEqual(
      [
        ['HEAD', '/v2/library/python/manifests/3.12'],
        ['GET', '/token'],
        ['HEAD', '/v2/library/python/manifests/3.12'],
        ['HEAD', '/v2/library/python/manifests/3.13'],
      ],
    );
    expect(registry.requests[3].headers.authorization).toBe(
      'Bearer pull-token',
    );
  });

  it('says which tag is missing', async () => {
    registry = await startFakeRegistry();
    registry.tag('library/python', '3.12', registry.image('2025-01-01'));
    const failure = fetchManifestDigest(
      { name: 'python', tag: '3.99' },
      context(registry),
      createRegistryGet(),
    );
    await expect(failure).rejects.toBeInstanceOf(ManifestNotFoundError);
    await expect(failure).rejects.toThrow(
      /^the registry has no tag 3\.99 of docker\.io\/library\/python \(.*\/v2\/library\/python\/manifests\/3\.99 answered 404\)$/,
    );
  });

  it('asks conditionally when told to, and keeps the digest across a 304', async () => {
    registry = await startFakeRegistry();
    const index = registry.index('2025-11-20T10:00:00Z');
    registry.tag('library/python', '3.12', index);
    const ctx = context(registry);
    const get = createRegistryGet();
    const ask = () =>
      fetchManifestDigest({ name: 'python', tag: '3.12' }, ctx, get, {
        conditional: true,
      });
    await expect(ask()).resolves.toBe(index);
    await expect(ask()).resolves.toBe(index);
    expect(registry.requests[1].headers['if-none-match']).toBe(`"${index}"`);
    expect(ctx.http.stats.notModified).toBe(1);

    // Rebuilt upstream: the same tag now names another index.
    const rebuilt = registry.index('2025-12-01T08:00:00Z');
    registry.tag('library/python', '3.12', rebuilt);
    await expect(ask()).resolves.toBe(rebuilt);
  });

  it('falls back to GET and hashes the manifest when HEAD is refused', async () => {
    const body = JSON.stringify({ schemaVersion: 2, layers: [] });
    const server = await startTestServer((req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(405);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    try {
      await expect(
        fetchManifestDigest(
          { name: 'python', tag: '3.12' },
          context(server),
          createRegistryGet(),
        ),
      ).resolves.toBe(
        `sha256:${createHash('sha256').update(body).digest('hex')}`,
      );
    } finally {
      await server.close();
    }
  });
});

describe('fetchImageCreated', () => {
  let registry: FakeRegistry;
  afterEach(() => registry.close());

  it("reads an index's linux/amd64 image config, skipping attestations", async () => {
    registry = await startFakeRegistry();
    const index = registry.index('2025-12-01T08:00:00.123456789Z');
    await expect(
      fetchImageCreated(
        'python',
        index,
        context(registry),
        createRegistryGet(),
      ),
    ).resolves.toBe('2025-12-01T08:00:00.123Z');
    expect(registry.requests.map(r => r.url.split('/')[4])).toEqual([
      'manifests',
      'manifests',
      'blobs',
    ]);
  });

  it('stops at a created annotation: one request', async () => {
    registry = await startFakeRegistry();
    const index = registry.index('2001-01-01T00:00:00Z', {
      'org.opencontainers.image.created': '2025-12-02T09:30:00Z',
    });
    await expect(
      fetchImageCreated(
        'python',
        index,
        context(registry),
        createRegistryGet(),
      ),
    ).resolves.toBe('2025-12-02T09:30:00.000Z');
    expect(registry.requests).toHaveLength(1);
  });

  it('reads a single-platform manifest and says nothing of a created that is not a time', async () => {
    registry = await startFakeRegistry();
    const manifest = registry.image('2025-10-10T10:10:10Z');
    const odd = registry.image('not a time');
    const ctx = context(registry);
    await expect(
      fetchImageCreated('python', manifest, ctx, createRegistryGet()),
    ).resolves.toBe('2025-10-10T10:10:10.000Z');
    await expect(
      fetchImageCreated('python', odd, ctx, createRegistryGet()),
    ).resolves.toBeUndefined();
    await expect(
      fetchImageCreated('python', 'sha256:../../x', ctx, createRegistryGet()),
    ).resolves.toBeUndefined();
  });
});
