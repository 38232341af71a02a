import { ConfigReader } from '@backstage/config';
import {
  MAX_RELEASE_BODY_LENGTH,
  MAX_RELEASE_NOTES,
} from '@dockyard/plugin-containers-common';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { DriftEngine, DriftTarget } from './DriftEngine';

/** Release notes as upstreams write them, hostile ones included. */
const HOSTILE_BODY = [
  '## Breaking changes',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '[click](javascript:alert(3))',
].join('\n');

/** `count` releases of `major.minor.0`, newest first, the newest with a body over the bound. */
function releases(major: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const minor = count - 1 - i;
    return {
      tag_name: `v${major}.${minor}.0`,
      name: `Release ${major}.${minor}.0`,
      published_at: `2025-01-${String(minor + 1).padStart(2, '0')}T00:00:00Z`,
      html_url: `https://github.com/example/app/releases/tag/v${major}.${minor}.0`,
      body:
        minor === count - 1
          ? `Security fixes.\n\n${'x'.repeat(MAX_RELEASE_BODY_LENGTH)}`
          : `Bug fixes in ${major}.${minor}.0.`,
    };
  });
}

describe('DriftEngine: release notes', () => {
  let github: TestServer;
  let registry: TestServer;
  const now = () => new Date('2025-12-01T00:00:00Z');

  beforeEach(async () => {
    github = await startTestServer((req, res) => {
      const url = new URL(req.url!, github.url);
      const etag = `"${url.pathname}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      if (url.pathname === '/repos/example/app/releases') {
        sendJson(res, releases(1, 30), { etag });
        return;
      }
      if (url.pathname === '/repos/example/lib/releases') {
        sendJson(
          res,
          [
            {
              tag_name: 'lib-3.0.0',
              name: 'Lib 3',
              published_at: '2025-10-01T00:00:00Z',
              html_url: 'https://github.com/example/lib/releases/tag/lib-3.0.0',
              body: HOSTILE_BODY,
            },
            { tag_name: 'lib-2.9.0', draft: true, body: 'a draft' },
            { tag_name: 'lib-2.8.0', body: '' },
          ],
          { etag },
        );
        return;
      }
      sendJson(res, { message: 'Not Found' }, {}, 404);
    });
    registry = await startTestServer((_req, res) => {
      sendJson(res, {
        name: 'library/postgres',
        tags: ['17.5', '17.6', '17.7', '18.1'],
      });
    });
  });
  afterEach(async () => {
    await github.close();
    await registry.close();
  });

  function engine() {
    return DriftEngine.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: github.url }],
        },
        containers: {
          drift: {
            registries: { 'docker.io': { baseUrl: registry.url } },
            retries: 0,
          },
        },
      }),
      { now, backoffMs: 5 },
    );
  }

  const app: DriftTarget = {
    slug: 'app',
    version: {
      strategy: 'github-release',
      current: 'v1.2.0',
      source: { repo: 'example/app' },
      companions: [
        {
          name: 'lib',
          strategy: 'github-release',
          current: '2.8.0',
          source: { repo: 'example/lib' },
          filter: { strip_prefix: 'lib-' },
        },
      ],
    },
  };

  it('lists the releases in between from the same feed, bounded, with highlights', async () => {
    const [result] = await engine().check([app]);
    expect(github.requests.map(r => r.url)).toEqual([
      '/repos/example/app/releases?per_page=100',
      '/repos/example/lib/releases?per_page=100',
    ]);
    expect(result.status).toBe('behind');
    expect(result.behind?.releases).toBe(27);
    const notes = result.releases!;
    expect(notes).toHaveLength(MAX_RELEASE_NOTES);
    expect(notes[0]).toEqual({
      version: 'v1.29.0',
      name: 'Release 1.29.0',
      publishedAt: '2025-01-30T00:00:00Z',
      url: 'https://github.com/example/app/releases/tag/v1.29.0',
      body: `Security fixes.\n\n${'x'.repeat(MAX_RELEASE_BODY_LENGTH - 17)}`,
      bodyTruncated: true,
      highlights: ['security'],
    });
    expect(notes[1]).toEqual({
      version: 'v1.28.0',
      name: 'Release 1.28.0',
      publishedAt: '2025-01-29T00:00:00Z',
      url: 'https://github.com/example/app/releases/tag/v1.28.0',
      body: 'Bug fixes in 1.28.0.',
    });
    expect(notes.map(n => n.version).at(-1)).toBe('v1.10.0');

    // A companion gets its own; the body is kept as upstream wrote it (the card renders it
    // as sanitised Markdown), drafts and empty bodies are left out.
    expect(result.companions![0]).toMatchObject({
      name: 'lib',
      latest: '3.0.0',
      releases: [
        {
          version: '3.0.0',
          name: 'Lib 3',
          publishedAt: '2025-10-01T00:00:00Z',
          url: 'https://github.com/example/lib/releases/tag/lib-3.0.0',
          body: HOSTILE_BODY,
          highlights: ['breaking', 'major'],
        },
      ],
    });
  });

  it('gives the same releases from a conditional re-check (304)', async () => {
    const drift = engine();
    const [first] = await drift.check([app]);
    const [second] = await drift.check([app]);
    expect(drift.http.stats.notModified).toBe(2);
    expect(github.requests[2].headers['if-none-match']).toBe(
      '"/repos/example/app/releases"',
    );
    expect(second.releases).toEqual(first.releases);
    expect(second.companions).toEqual(first.companions);
  });

  it('links each version through version.release_notes for any strategy', async () => {
    const [postgres] = await engine().check([
      {
        slug: 'postgres',
        version: {
          strategy: 'docker-tags',
          current: '17.5',
          source: { image: 'docker.io/library/postgres' },
          filter: { track: '17.*' },
          release_notes: 'https://www.postgresql.org/docs/release/{version}/',
        },
      },
    ]);
    expect(postgres).toMatchObject({
      latest: '17.7',
      releaseNotesUrl: 'https://www.postgresql.org/docs/release/17.7/',
      releases: [
        {
          version: '17.7',
          url: 'https://www.postgresql.org/docs/release/17.7/',
        },
        {
          version: '17.6',
          url: 'https://www.postgresql.org/docs/release/17.6/',
        },
      ],
    });
  });

  it('has no releases when up to date', async () => {
    const [result] = await engine().check([
      {
        slug: 'app',
        version: {
          strategy: 'github-release',
          current: 'v1.29.0',
          source: { repo: 'example/app' },
        },
      },
    ]);
    expect(result.status).toBe('up-to-date');
    expect(result.releases).toBeUndefined();
    expect(result.releaseNotesUrl).toBe(
      'https://github.com/example/app/releases/tag/v1.29.0',
    );
  });
});
