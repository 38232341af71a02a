import { ConfigReader } from '@backstage/config';
import { DriftEngine, DriftTarget } from './DriftEngine';
import { startTestServer, TestServer } from '@dockyard/test-utils';

const SPARK = `<pre>
<a href="spark-3.5.6/">spark-3.5.6/</a>
<a href="spark-4.0.1/">spark-4.0.1/</a>
</pre>`;

/** Listing pages by path on a local server. */
const PAGES: Record<string, string> = {
  '/spark/': SPARK,
  // Thirty `a`s and a `!`, then 5,000: JavaScript's RegExp would never return from (a+)+$ here.
  '/trap/': `${'a'.repeat(30)}!\n${'a'.repeat(5000)}!\n1.0.0/\n`,
  // Over the 1 MiB a pattern may scan, under the 5 MiB a response may be.
  '/huge/': `${SPARK}${' '.repeat(2 * 1024 * 1024)}`,
};

/**
 * container.yaml is hostile input: its patterns run in the backend's event loop. A catastrophic
 * pattern, a refused one and an oversized page each end in an answer, and the other containers
 * of the same run still get theirs.
 */
describe('drift with hostile patterns', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      const page = PAGES[req.url!];
      res.writeHead(page === undefined ? 404 : 200, {
        'content-type': 'text/html',
      });
      res.end(page ?? '');
    });
  });
  afterEach(() => server.close());

  const listing = (
    slug: string,
    path: string,
    regex: string,
    rest: Partial<DriftTarget['version']> = {},
  ): DriftTarget => ({
    slug,
    version: {
      strategy: 'http-directory',
      current: '3.5.6',
      source: { url: `${server.url}${path}`, regex },
      ...rest,
    },
  });

  it('answers every container, the hostile ones with an error or no versions', async () => {
    const engine = DriftEngine.fromConfig(
      new ConfigReader({
        containers: {
          drift: {
            allowedHosts: ['127.0.0.1'],
            requestTimeout: { milliseconds: 2000 },
            retries: 0,
          },
        },
      }),
      { now: () => new Date('2025-12-01T00:00:00Z'), backoffMs: 5 },
    );
    const started = performance.now();
    const results = await engine.check([
      listing('spark-before', '/spark/', 'spark-([0-9.]+)/'),
      listing('page-trap', '/trap/', '^((a+)+)$'),
      listing('filter-trap', '/trap/', '((?:a|aa)+!|[0-9.]+/)', {
        current: `${'a'.repeat(30)}!`,
        filter: { scheme: 'regex', pattern: '^(?<major>a+)+$' },
      }),
      listing('include-trap', '/trap/', '([0-9a!.]+)', {
        current: '0.9.0',
        filter: {
          include_regex: '^(a|aa)+$|^[0-9.]+$',
          exclude_regex: ['^(a|a?)+!$'],
        },
      }),
      listing('look-ahead', '/spark/', 'spark-([0-9.]+)(?=/)'),
      listing('huge-page', '/huge/', 'spark-([0-9.]+)/'),
      listing('spark-after', '/spark/', 'spark-([0-9.]+)/'),
    ]);
    // Backtracking would hang here for ever; the bound is generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);

    const bySlug = Object.fromEntries(results.map(r => [r.slug, r]));
    for (const slug of ['spark-before', 'spark-after']) {
      expect(bySlug[slug]).toMatchObject({ status: 'behind', latest: '4.0.1' });
    }
    expect(bySlug['page-trap']).toMatchObject({
      status: 'unknown',
      error: 'the upstream feed lists no versions',
    });
    expect(bySlug['filter-trap']).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/is not a regex version/),
    });
    expect(bySlug['include-trap']).toMatchObject({
      status: 'behind',
      latest: '1.0.0',
    });
    expect(bySlug['look-ahead']).toMatchObject({
      status: 'error',
      error: expect.stringMatching(
        /version\.source\.regex ".*" uses a look-ahead \(\(\?=\), which Dockyard does not run .*; use exclude_regex for negation/,
      ),
    });
    expect(bySlug['huge-page']).toMatchObject({
      status: 'error',
      error: expect.stringMatching(
        /\/huge\/: version\.source\.regex ".*" runs over at most 1\.0 MB of a page, and this page has 2\.0 MB: use a smaller listing$/,
      ),
    });
  });
});
