import { ConfigReader } from '@backstage/config';
import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { DriftEngine, DriftEngineOptions, DriftTarget } from './DriftEngine';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';

describe('DriftEngine', () => {
  let github: TestServer;
  let registry: TestServer;
  const now = () => new Date('2025-12-01T00:00:00Z');

  beforeEach(async () => {
    github = await startTestServer((req, res) => {
      const url = new URL(req.url!, github.url);
      if (url.pathname === '/repos/trinodb/trino/releases') {
        sendJson(
          res,
          [
            {
              tag_name: '478',
              published_at: '2025-08-01T00:00:00Z',
              html_url: 'https://github.com/trinodb/trino/releases/tag/478',
            },
            { tag_name: '477', published_at: '2025-07-01T00:00:00Z' },
            { tag_name: '476', published_at: '2025-06-01T00:00:00Z' },
          ],
          { etag: '"trino"' },
        );
        return;
      }
      if (url.pathname === '/repos/apache/hive/tags') {
        res.writeHead(500);
        res.end();
        return;
      }
      if (url.pathname === '/repos/slow/one/tags') return; // never answers
      if (url.pathname === '/repos/busy/one/tags') {
        res.writeHead(429, { 'retry-after': '7200' });
        res.end();
        return;
      }
      if (url.pathname === '/repos/garbage/one/tags') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('}}garbage');
        return;
      }
      sendJson(res, { message: 'Not Found' }, {}, 404);
    });
    registry = await startTestServer((_req, res) => {
      sendJson(res, {
        name: 'library/postgres',
        tags: ['17.6-bookworm', '17.7-bookworm', '18.1-bookworm', '17'],
      });
    });
  });
  afterEach(async () => {
    await github.close();
    await registry.close();
  });

  function engine(
    drift: Record<string, unknown> = {},
    resolveHost?: DriftEngineOptions['resolveHost'],
  ) {
    return DriftEngine.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: github.url }],
        },
        containers: {
          drift: {
            registries: { 'docker.io': { baseUrl: registry.url } },
            requestTimeout: { milliseconds: 300 },
            retries: 1,
            ...drift,
          },
        },
      }),
      { now, backoffMs: 5, resolveHost },
    );
  }

  const trino = (slug: string, current = '476'): DriftTarget => ({
    slug,
    version: {
      strategy: 'github-release',
      current,
      source: { repo: 'trinodb/trino' },
    },
  });

  it('fetches each upstream once however many containers share it', async () => {
    const drift = engine();
    const results = await drift.check([
      trino('trino-a'),
      trino('trino-b', '478'),
      trino('trino-c', '477'),
    ]);
    expect(github.requests).toHaveLength(1);
    expect(results).toEqual([
      {
        slug: 'trino-a',
        strategy: 'github-release',
        source: 'github:trinodb/trino',
        sourceUrl: 'https://github.com/trinodb/trino/releases',
        current: '476',
        checkedAt: '2025-12-01T00:00:00.000Z',
        status: 'behind',
        latest: '478',
        behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 61 },
        releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
        latestReleasedAt: '2025-08-01T00:00:00Z',
        releases: [
          {
            version: '478',
            publishedAt: '2025-08-01T00:00:00Z',
            url: 'https://github.com/trinodb/trino/releases/tag/478',
          },
          {
            version: '477',
            publishedAt: '2025-07-01T00:00:00Z',
            url: 'https://github.com/trinodb/trino/releases/tag/477',
          },
        ],
        overallStatus: 'behind',
      },
      expect.objectContaining({
        slug: 'trino-b',
        status: 'up-to-date',
        latest: '478',
      }),
      expect.objectContaining({
        slug: 'trino-c',
        status: 'behind',
        latest: '478',
      }),
    ]);
  });

  it('keeps going when containers and upstreams fail, with a clear error for each', async () => {
    const results = await engine().check([
      {
        slug: 'hive',
        version: {
          strategy: 'github-tag',
          current: '4.0.1',
          source: { repo: 'apache/hive' },
        },
      },
      {
        slug: 'slow',
        version: {
          strategy: 'github-tag',
          current: '1.0.0',
          source: { repo: 'slow/one' },
        },
      },
      {
        slug: 'busy',
        version: {
          strategy: 'github-tag',
          current: '1.0.0',
          source: { repo: 'busy/one' },
        },
      },
      {
        slug: 'garbage',
        version: {
          strategy: 'github-tag',
          current: '1.0.0',
          source: { repo: 'garbage/one' },
        },
      },
      {
        slug: 'no-repo',
        version: { strategy: 'github-tag', current: '1.0.0' },
      },
      {
        slug: 'odd',
        // Entities are JSON: a strategy the schema does not know still gets an answer.
        version: {
          strategy: 'ftp',
          current: '1.0.0',
        } as unknown as ContainerVersionSpec,
      },
      { slug: 'by-hand', version: { strategy: 'manual', current: '0.0.0' } },
      {
        slug: 'postgres',
        version: {
          strategy: 'docker-tags',
          current: '17.6-bookworm',
          source: { image: 'postgres' },
          filter: { track: '17.*' },
        },
      },
      trino('trino'),
    ]);
    const bySlug = Object.fromEntries(results.map(r => [r.slug, r]));
    expect(bySlug.hive).toMatchObject({
      status: 'error',
      error: `github:apache/hive: GET ${github.url}/repos/apache/hive/tags?per_page=100: HTTP 500 Internal Server Error (after 2 attempts)`,
    });
    expect(bySlug.slow.error).toMatch(
      /^github:slow\/one: GET .*: timed out after 0.3 s/,
    );
    expect(bySlug.busy.error).toMatch(
      /rate limited \(HTTP 429\); the server asks to wait 7200 s/,
    );
    expect(bySlug.garbage.error).toMatch(
      /malformed response from .*: expected tags as JSON, got "}}garbage"/,
    );
    expect(bySlug['no-repo']).toMatchObject({
      status: 'error',
      error: 'version.source.repo is required for strategy github-tag',
    });
    expect(bySlug.odd).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/^unknown version.strategy "ftp"/),
    });
    expect(bySlug['by-hand']).toMatchObject({
      status: 'unknown',
      error: expect.stringMatching(/manual/),
    });
    expect(bySlug.postgres).toMatchObject({
      status: 'behind',
      latest: '17.7-bookworm',
      newest: '18.1-bookworm',
      source: 'docker.io/library/postgres',
    });
    expect(bySlug.trino).toMatchObject({ status: 'behind', latest: '478' });
  });

  it('refuses hosts outside allowedHosts with an error naming the setting', async () => {
    const results = await engine({ allowedHosts: [registry.host] }).check([
      trino('trino'),
    ]);
    expect(results[0]).toMatchObject({
      status: 'error',
      error: expect.stringContaining(
        `host ${github.host} is not in containers.drift.allowedHosts`,
      ),
    });
    expect(github.requests).toHaveLength(0);
  });

  it('reports progress per upstream', async () => {
    const progress: string[] = [];
    await engine().check([trino('a'), trino('b')], {
      onProgress: p => progress.push(`${p.upstreamsDone}/${p.upstreamsTotal}`),
    });
    expect(progress).toEqual(['0/1', '1/1']);
  });

  it('re-checks conditionally with the cache it was given', async () => {
    const drift = engine();
    await drift.check([trino('trino')]);
    await drift.check([trino('trino')]);
    expect(github.requests[1].headers['if-none-match']).toBe('"trino"');
  });

  describe('with hostile feeds', () => {
    let trap: TestServer;
    beforeEach(async () => {
      // Stands for anything inside: it must never be asked.
      trap = await startTestServer((_req, res) => sendJson(res, ['9.9.9']));
    });
    afterEach(() => trap.close());

    const directory = (slug: string, url: string): DriftTarget => ({
      slug,
      version: {
        strategy: 'http-directory',
        current: '1.0.0',
        source: { url, regex: '([0-9]+\\.[0-9]+\\.[0-9]+)' },
      },
    });
    const postgres: DriftTarget = {
      slug: 'postgres',
      version: {
        strategy: 'docker-tags',
        current: '17.6-bookworm',
        source: { image: 'postgres' },
        filter: { track: '17.*' },
      },
    };

    it('refuses internal addresses in every spelling without allowedHosts, and checks the rest', async () => {
      const port = new URL(trap.url).port;
      const resolveHost = jest.fn(async (hostname: string) => {
        if (hostname === 'internal.test')
          return [{ address: '10.0.0.8', family: 4 }];
        if (hostname === 'localhost')
          return [{ address: '127.0.0.1', family: 4 }];
        throw Object.assign(new Error(`ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
        });
      });
      const results = await engine({}, resolveHost).check([
        trino('trino'),
        directory('by-name', `http://localhost:${port}/`),
        directory('by-number', `http://2130706433:${port}/`),
        directory('mapped', `http://[::ffff:127.0.0.1]:${port}/`),
        directory('metadata', 'http://169.254.169.254/latest/meta-data/'),
        directory('internal', `http://internal.test:${port}/`),
        {
          slug: 'local-registry',
          version: {
            strategy: 'docker-tags',
            current: '1.0.0',
            source: { image: `127.0.0.1:${port}/team/app` },
          },
        },
        postgres,
      ]);
      const bySlug = Object.fromEntries(results.map(r => [r.slug, r]));
      for (const slug of [
        'by-name',
        'by-number',
        'mapped',
        'metadata',
        'internal',
        'local-registry',
      ]) {
        expect(bySlug[slug]).toMatchObject({
          status: 'error',
          error: expect.stringMatching(
            /is not a public address \((loopback|link-local|private)\)/,
          ),
        });
      }
      expect(bySlug.internal.error).toContain(
        'internal.test resolves to 10.0.0.8',
      );
      expect(trap.requests).toHaveLength(0);
      expect(bySlug.trino).toMatchObject({ status: 'behind', latest: '478' });
      expect(bySlug.postgres).toMatchObject({
        status: 'behind',
        latest: '17.7-bookworm',
      });
    });

    it('ends a huge page and a redirect inside in clear errors while the others get answers', async () => {
      const pages = await startTestServer((req, res) => {
        if (req.url === '/redirect/') {
          res.writeHead(302, {
            location: 'http://metadata.test/latest/meta-data/',
          });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(256 * 1024, '1.2.3 ');
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      });
      try {
        const resolveHost = jest.fn(async () => [
          { address: '169.254.169.254', family: 4 },
        ]);
        const results = await engine(
          {
            allowedHosts: [github.host, registry.host, pages.host, '*.test'],
            requestTimeout: '5s',
          },
          resolveHost,
        ).check([
          directory('huge', `${pages.url}/huge/`),
          directory('redirected', `${pages.url}/redirect/`),
          trino('trino'),
          postgres,
        ]);
        const bySlug = Object.fromEntries(results.map(r => [r.slug, r]));
        expect(bySlug.huge).toMatchObject({
          status: 'error',
          error: `${pages.url}/huge/: GET ${pages.url}/huge/: response from ${pages.host} exceeded 5 MiB (containers.drift.maxResponseBytes)`,
        });
        expect(bySlug.redirected).toMatchObject({
          status: 'error',
          error: expect.stringContaining(
            'GET http://metadata.test/latest/meta-data/: metadata.test resolves to 169.254.169.254, which is not a public address (link-local)',
          ),
        });
        expect(resolveHost).toHaveBeenCalledWith('metadata.test');
        expect(bySlug.trino).toMatchObject({ status: 'behind', latest: '478' });
        expect(bySlug.postgres).toMatchObject({ status: 'behind' });
      } finally {
        await pages.close();
      }
    });
  });
});
