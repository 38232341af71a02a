import { allowLoopback, testContext } from '../__testUtils__/context';
import { startTestServer, TestServer } from '../__testUtils__/testServer';
import { httpDirectorySource } from './httpDirectory';

const LISTING = `<html><body><h1>Index of /dist/spark</h1><pre>
<a href="spark-3.5.6/">spark-3.5.6/</a>       2025-05-29 07:05    -
<a href="spark-3.5.7/">spark-3.5.7/</a>       2025-09-24 09:12    -
<a href="spark-4.0.0/">spark-4.0.0/</a>       2025-05-23 11:45    -
<a href="spark-4.0.1/">spark-4.0.1/</a>       2025-09-06 10:31    -
<a href="spark-connect-swift-0.1.0/">spark-connect-swift-0.1.0/</a>
<a href="KEYS">KEYS</a>
</pre></body></html>`;

describe('http-directory source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(LISTING);
    });
  });
  afterEach(() => server.close());

  it('collects group 1 of every match, once each', async () => {
    const version = {
      strategy: 'http-directory',
      current: '4.0.1',
      source: {
        url: `${server.url}/dist/spark/`,
        regex: 'spark-([0-9]+\\.[0-9]+\\.[0-9]+)/',
      },
    };
    const listing = await httpDirectorySource.list(
      version,
      testContext(allowLoopback),
    );
    expect(listing.versions.map(v => v.tag)).toEqual([
      '3.5.6',
      '3.5.7',
      '4.0.0',
      '4.0.1',
    ]);
  });

  it('explains a regex without group 1 and an invalid regex', async () => {
    await expect(
      httpDirectorySource.list(
        {
          strategy: 'http-directory',
          current: '1',
          source: { url: server.url, regex: 'spark-[0-9.]+/' },
        },
        testContext(allowLoopback),
      ),
    ).rejects.toThrow(/has no group 1: wrap the version in/);
    expect(() =>
      httpDirectorySource.describe(
        {
          strategy: 'http-directory',
          current: '1',
          source: { url: server.url, regex: '([' },
        },
        testContext({}),
      ),
    ).toThrow(/version.source.regex "\(\[" is not a valid regular expression/);
  });
});
