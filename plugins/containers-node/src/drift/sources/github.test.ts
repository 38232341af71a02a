import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { InMemoryHttpCache } from '../http/cache';
import { testContext } from '../__testUtils__/context';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { githubReleaseSource, githubTagSource } from './github';

describe('GitHub sources', () => {
  let server: TestServer;
  const pages: Record<string, unknown[]> = {
    '1': [
      {
        tag_name: '478',
        name: 'Trino 478',
        body: '## General\n- Fix a <b>bug</b>.',
        prerelease: false,
        draft: false,
        published_at: '2025-08-01T00:00:00Z',
        html_url: 'https://github.com/trinodb/trino/releases/tag/478',
      },
      {
        tag_name: '479-rc',
        name: '',
        body: null,
        prerelease: true,
        draft: false,
        published_at: '2025-08-02T00:00:00Z',
      },
      { tag_name: 'draft-1', draft: true },
    ],
    '2': [{ tag_name: '477', published_at: '2025-07-01T00:00:00Z' }],
  };

  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      const url = new URL(req.url!, server.url);
      if (url.pathname === '/api/repos/trinodb/trino/releases') {
        const page = url.searchParams.get('page') ?? '1';
        const etag = `"releases-${page}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          res.end();
          return;
        }
        const headers: Record<string, string> = { etag };
        if (page === '1') {
          headers.link = `<${server.url}/api/repos/trinodb/trino/releases?per_page=100&page=2>; rel="next", <${server.url}/api/repos/trinodb/trino/releases?per_page=100&page=2>; rel="last"`;
        }
        sendJson(res, pages[page], headers);
        return;
      }
      if (url.pathname === '/api/repos/apache/hive/tags') {
        sendJson(res, [
          { name: 'rel/release-4.1.0' },
          { name: 'rel/release-4.0.1' },
        ]);
        return;
      }
      if (url.pathname === '/api/repos/broken/json/releases') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html>maintenance</html>');
        return;
      }
      if (url.pathname === '/api/repos/broken/shape/releases') {
        sendJson(res, { message: 'not a list' });
        return;
      }
      sendJson(res, { message: 'Not Found' }, {}, 404);
    });
  });
  afterEach(() => server.close());

  const config = () => ({
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: `${server.url}/api`,
          token: 'gh-secret',
        },
      ],
    },
  });

  it('reads every page of releases, skips drafts, keeps the prerelease flag, dates, names and notes', async () => {
    const version: ContainerVersionSpec = {
      strategy: 'github-release',
      current: '476',
      source: { repo: 'trinodb/trino' },
    };
    const context = testContext(config());
    expect(githubReleaseSource.describe(version, context)).toEqual({
      key: 'github-release:github.com/trinodb/trino',
      label: 'github:trinodb/trino',
      sourceUrl: 'https://github.com/trinodb/trino/releases',
    });
    const listing = await githubReleaseSource.list(version, context);
    expect(listing.versions).toEqual([
      {
        tag: '478',
        prerelease: false,
        releasedAt: '2025-08-01T00:00:00Z',
        releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
        name: 'Trino 478',
        body: '## General\n- Fix a <b>bug</b>.',
      },
      {
        tag: '479-rc',
        prerelease: true,
        releasedAt: '2025-08-02T00:00:00Z',
        releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/479-rc',
      },
      {
        tag: '477',
        prerelease: false,
        releasedAt: '2025-07-01T00:00:00Z',
        releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/477',
      },
    ]);
    expect(server.requests.map(r => r.url)).toEqual([
      '/api/repos/trinodb/trino/releases?per_page=100',
      '/api/repos/trinodb/trino/releases?per_page=100&page=2',
    ]);
    expect(
      server.requests.every(
        r => r.headers.authorization === 'Bearer gh-secret',
      ),
    ).toBe(true);
  });

  it('re-checks every page conditionally and gets the same answer from 304s', async () => {
    const version: ContainerVersionSpec = {
      strategy: 'github-release',
      current: '476',
      source: { repo: 'trinodb/trino' },
    };
    const context = testContext(config(), new InMemoryHttpCache());
    const first = await githubReleaseSource.list(version, context);
    const second = await githubReleaseSource.list(version, context);
    expect(second).toEqual(first);
    expect(context.http.stats).toMatchObject({ requests: 4, notModified: 2 });
  });

  it('reads tags with links to their release pages', async () => {
    const listing = await githubTagSource.list(
      {
        strategy: 'github-tag',
        current: '4.0.1',
        source: { repo: 'apache/hive' },
      },
      testContext(config()),
    );
    expect(listing.versions).toEqual([
      {
        tag: 'rel/release-4.1.0',
        releaseNotesUrl:
          'https://github.com/apache/hive/releases/tag/rel%2Frelease-4.1.0',
      },
      {
        tag: 'rel/release-4.0.1',
        releaseNotesUrl:
          'https://github.com/apache/hive/releases/tag/rel%2Frelease-4.0.1',
      },
    ]);
  });

  it('says when the repository does not exist', async () => {
    await expect(
      githubReleaseSource.list(
        {
          strategy: 'github-release',
          current: '1',
          source: { repo: 'nobody/nothing' },
        },
        testContext(config()),
      ),
    ).rejects.toThrow(
      'GitHub repository nobody/nothing not found on github.com',
    );
  });

  it.each([
    [
      'json',
      /malformed response from .*: expected releases as JSON, got "<html>maintenance<\/html>"/,
    ],
    ['shape', /malformed response from .*: expected a JSON array of releases/],
  ])('says when the body is malformed (%s)', async (name, message) => {
    await expect(
      githubReleaseSource.list(
        {
          strategy: 'github-release',
          current: '1',
          source: { repo: `broken/${name}` },
        },
        testContext(config()),
      ),
    ).rejects.toThrow(message);
  });

  it('needs an integration for a GitHub Enterprise host', () => {
    expect(() =>
      githubTagSource.describe(
        {
          strategy: 'github-tag',
          current: '1',
          source: { repo: 'a/b', host: 'ghe.example.com' },
        },
        testContext(config()),
      ),
    ).toThrow('no integrations.github entry for host ghe.example.com');
  });
});
