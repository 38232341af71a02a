import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { allowLoopback, testContext } from '../__testUtils__/context';
import { startTestServer, TestServer } from '@dockyard/test-utils';
import { httpDirectorySource } from './httpDirectory';

const LISTING = `<html><body><h1>Index of /dist/spark</h1><pre>
<a href="spark-3.5.6/">spark-3.5.6/</a>       2025-05-29 07:05    -
<a href="spark-3.5.7/">spark-3.5.7/</a>       2025-09-24 09:12    -
<a href="spark-4.0.0/">spark-4.0.0/</a>       2025-05-23 11:45    -
<a href="spark-4.0.1/">spark-4.0.1/</a>       2025-09-06 10:31    -
<a href="spark-connect-swift-0.1.0/">spark-connect-swift-0.1.0/</a>
<a href="KEYS">KEYS</a>
</pre></body></html>`;

/** Pages by path; anything else is the Spark listing. */
const PAGES: Record<string, () => string> = {
  // Thirty `a`s and a `!`, then 5,000: a backtracking engine never returns from (a+)+$ on these.
  '/catastrophic/': () => `${'a'.repeat(30)}!\n${'a'.repeat(5000)}!\n`,
  // Larger than a pattern may scan (1 MiB), smaller than a response may be (5 MiB).
  '/huge/': () => `${LISTING}\n${'<!-- padding -->'.repeat(80_000)}`,
};

describe('http-directory source', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end((PAGES[req.url!] ?? (() => LISTING))());
    });
  });
  afterEach(() => server.close());

  it('collects group 1 of every match, once each', async () => {
    const version: ContainerVersionSpec = {
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

  const list = (url: string, regex: string) =>
    httpDirectorySource.list(
      { strategy: 'http-directory', current: '1', source: { url, regex } },
      testContext(allowLoopback),
    );

  it('runs a catastrophic pattern over a page in linear time', async () => {
    const started = performance.now();
    const listing = await list(`${server.url}/catastrophic/`, '^((a+)+)$');
    expect(listing.versions).toEqual([]);
    const found = await list(`${server.url}/catastrophic/`, '((a|aa)+)+!');
    expect(found.versions.map(v => v.tag.length)).toEqual([30, 5000]);
    // A backtracking engine would never return; the bound is generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses look-around before fetching anything', async () => {
    const url = server.url;
    for (const regex of [
      'spark-((?!connect)[0-9.]+)/',
      '(?<=spark-)([0-9.]+)/',
    ]) {
      expect(() =>
        httpDirectorySource.describe(
          { strategy: 'http-directory', current: '1', source: { url, regex } },
          testContext({}),
        ),
      ).toThrow(
        /^version\.source\.regex ".*" uses a look-(ahead|behind) .*use exclude_regex for negation$/,
      );
    }
    await expect(
      list(`${server.url}/dist/spark/`, 'spark-([0-9.]+)(?=/)'),
    ).rejects.toThrow(/uses a look-ahead/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a page longer than the pattern may scan instead of reading part of it', async () => {
    await expect(
      list(`${server.url}/huge/`, 'spark-([0-9]+\\.[0-9]+\\.[0-9]+)/'),
    ).rejects.toThrow(
      /^version\.source\.regex ".*" runs over at most \d+ KB of a page \(a larger pattern gets less\), and this page has 1\.2 MB: use a smaller listing or a simpler pattern$/,
    );
  });

  it('gives containers on the same page with different patterns their own feed', () => {
    const key = (regex: string) =>
      httpDirectorySource.describe(
        {
          strategy: 'http-directory',
          current: '1',
          source: { url: server.url, regex },
        },
        testContext({}),
      ).key;
    expect(key('spark-([0-9.]+)/')).toBe(key('spark-([0-9.]+)/'));
    expect(key('spark-([0-9.]+)/')).not.toBe(key('spark-(4[0-9.]+)/'));
  });

  it('skips matches where group 1 took no part', async () => {
    const listing = await list(
      `${server.url}/dist/spark/`,
      '(?:spark-([0-9]+\\.[0-9]+\\.[0-9]+)/|KEYS)',
    );
    expect(listing.versions.map(v => v.tag)).toEqual([
      '3.5.6',
      '3.5.7',
      '4.0.0',
      '4.0.1',
    ]);
  });
});
