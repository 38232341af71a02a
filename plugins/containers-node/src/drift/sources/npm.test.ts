import { testContext } from '../__testUtils__/context';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { npmSource } from './npm';

describe('npm source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/@backstage%2Fcli') {
        sendJson(res, {
          'dist-tags': { latest: '0.36.6' },
          versions: {
            '0.36.5': {},
            '0.36.6': {},
            '0.30.0': { deprecated: 'use a newer one' },
          },
          time: {
            '0.36.5': '2025-10-01T00:00:00Z',
            '0.36.6': '2025-10-15T00:00:00Z',
          },
        });
        return;
      }
      if (req.url === '/broken') {
        res.writeHead(200);
        res.end('{"versions": ');
        return;
      }
      sendJson(res, { error: 'Not found' }, {}, 404);
    });
  });
  afterEach(() => server.close());
  const context = () =>
    testContext({ containers: { drift: { endpoints: { npm: server.url } } } });

  it('lists versions with dates and skips deprecated ones; scoped names are escaped', async () => {
    const listing = await npmSource.list(
      {
        strategy: 'npm',
        current: '0.36.5',
        source: { package: '@backstage/cli' },
      },
      context(),
    );
    expect(listing.versions).toEqual([
      {
        tag: '0.36.5',
        releasedAt: '2025-10-01T00:00:00Z',
        releaseNotesUrl:
          'https://www.npmjs.com/package/@backstage/cli/v/0.36.5',
      },
      {
        tag: '0.36.6',
        releasedAt: '2025-10-15T00:00:00Z',
        releaseNotesUrl:
          'https://www.npmjs.com/package/@backstage/cli/v/0.36.6',
      },
    ]);
  });

  it('explains a missing package and a truncated body', async () => {
    await expect(
      npmSource.list(
        { strategy: 'npm', current: '1', source: { package: 'nothing' } },
        context(),
      ),
    ).rejects.toThrow(/the npm registry has no package "nothing"/);
    await expect(
      npmSource.list(
        { strategy: 'npm', current: '1', source: { package: 'broken' } },
        context(),
      ),
    ).rejects.toThrow(
      /malformed response from .*\/broken: expected an npm package document as JSON/,
    );
  });
});
