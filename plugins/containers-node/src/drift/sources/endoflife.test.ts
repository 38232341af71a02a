import { testContext } from '../__testUtils__/context';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { endoflifeSource } from './endoflife';

describe('endoflife source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/api/postgresql.json') {
        sendJson(res, [
          {
            cycle: '18',
            latest: '18.1',
            latestReleaseDate: '2025-11-13',
            releaseDate: '2025-09-25',
          },
          {
            cycle: '17',
            latest: '17.7',
            latestReleaseDate: '2025-11-13',
            releaseDate: '2024-09-26',
          },
        ]);
        return;
      }
      if (req.url === '/api/broken.json') {
        sendJson(res, { cycles: [] });
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  afterEach(() => server.close());
  const context = () =>
    testContext({
      containers: { drift: { endpoints: { endoflife: server.url } } },
    });

  it('lists the latest release of every cycle', async () => {
    const listing = await endoflifeSource.list(
      {
        strategy: 'endoflife',
        current: '17.6',
        source: { product: 'postgresql' },
      },
      context(),
    );
    expect(listing.versions).toEqual([
      { tag: '18.1', releasedAt: '2025-11-13' },
      { tag: '17.7', releasedAt: '2025-11-13' },
    ]);
  });

  it('accepts the endpoint with its /api path', async () => {
    const listing = await endoflifeSource.list(
      {
        strategy: 'endoflife',
        current: '17.6',
        source: { product: 'postgresql' },
      },
      testContext({
        containers: {
          drift: { endpoints: { endoflife: `${server.url}/api` } },
        },
      }),
    );
    expect(listing.versions).toHaveLength(2);
  });

  it('explains an unknown product and a malformed answer', async () => {
    await expect(
      endoflifeSource.list(
        { strategy: 'endoflife', current: '1', source: { product: 'nothing' } },
        context(),
      ),
    ).rejects.toThrow(/endoflife.date has no product "nothing"/);
    await expect(
      endoflifeSource.list(
        { strategy: 'endoflife', current: '1', source: { product: 'broken' } },
        context(),
      ),
    ).rejects.toThrow(/expected a JSON array of release cycles/);
  });
});
