import { ConfigReader } from '@backstage/config';
import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';
import { DriftEngine, DriftTarget } from './DriftEngine';
import { joinEolCycle } from './eol';

/** endoflife.date's answers as of late 2025 (trimmed), newest cycle first. */
const POSTGRESQL = [
  { cycle: '18', eol: '2030-11-14', latest: '18.1', releaseDate: '2025-09-25' },
  { cycle: '17', eol: '2029-11-08', latest: '17.7', releaseDate: '2024-09-26' },
  {
    cycle: '14',
    eol: '2026-02-01',
    latest: '14.20',
    releaseDate: '2021-09-30',
  },
  {
    cycle: '13',
    eol: '2025-11-13',
    latest: '13.23',
    releaseDate: '2020-09-24',
  },
  {
    cycle: '9.6',
    eol: '2021-11-11',
    latest: '9.6.24',
    releaseDate: '2016-09-29',
  },
];
const PYTHON = [
  { cycle: '3.14', support: '2027-10-01', eol: '2030-10-31', latest: '3.14.0' },
  { cycle: '3.13', support: '2026-10-01', eol: '2029-10-31', latest: '3.13.9' },
  {
    cycle: '3.12',
    support: '2025-04-02',
    eol: '2028-10-31',
    latest: '3.12.12',
  },
  { cycle: '3.9', support: '2022-05-17', eol: '2025-10-31', latest: '3.9.25' },
  { cycle: '2.7', support: '2010-07-03', eol: true, latest: '2.7.18' },
];
const NODEJS = [
  { cycle: '25', eol: '2026-06-01', latest: '25.2.1' },
  { cycle: '24', eol: '2028-04-30', latest: '24.11.1' },
  { cycle: 'rolling', eol: false, latest: '26.0.0-nightly' },
];

/** 2025-12-01: postgresql 14 ends in 62 days, 13 ended 18 days ago. */
const now = () => new Date('2025-12-01T09:30:00Z');

describe('end of life (endoflife.date cycles joined to the version in use)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer((req, res) => {
      const answers: Record<string, unknown> = {
        '/api/postgresql.json': POSTGRESQL,
        '/api/python.json': PYTHON,
        '/api/nodejs.json': NODEJS,
        '/api/broken.json': { cycles: [] },
        '/api/huge.json': Array.from({ length: 100 }, (_, i) => ({
          cycle: String(i),
          eol: '2030-01-01',
        })),
        '/api/hostile.json': [
          { cycle: 'x'.repeat(10_000), eol: '2030-01-01' },
          { cycle: null, eol: '2030-01-01' },
          'not a cycle',
          { cycle: 7, eol: 'soon' },
          { cycle: '8', eol: '2030-02-30', support: '<script>' },
        ],
      };
      const answer = answers[req.url ?? ''];
      if (answer === undefined) {
        sendJson(res, { message: 'Product not found' }, {}, 404);
        return;
      }
      sendJson(res, answer, { etag: `"${req.url}"` });
    });
  });
  afterEach(() => server.close());

  function engine(drift: Record<string, unknown> = {}) {
    return DriftEngine.fromConfig(
      new ConfigReader({
        containers: {
          drift: {
            endpoints: { endoflife: server.url },
            requestTimeout: { milliseconds: 500 },
            retries: 0,
            ...drift,
          },
        },
      }),
      { now, backoffMs: 5 },
    );
  }

  /** A container kept by hand, so that only its end of life is looked up. */
  function manual(
    slug: string,
    current: string,
    eol: ContainerVersionSpec['eol'],
  ): DriftTarget {
    return { slug, version: { strategy: 'manual', current, eol } };
  }

  it('joins a product whose cycles are majors (postgresql 17)', async () => {
    const [result] = await engine().check([
      manual('postgres', '17.6', { product: 'postgresql' }),
    ]);
    expect(result.eol).toEqual({
      product: 'postgresql',
      cycle: '17',
      state: 'supported',
      eolDate: '2029-11-08',
      daysToEol: 1438,
      latestCycle: '18',
    });
  });

  it('joins a product whose cycles are major.minor (python 3.12), with its end of support', async () => {
    const [result] = await engine().check([
      manual('airflow-python', '3.12.7-slim-bookworm', { product: 'python' }),
    ]);
    expect(result.eol).toEqual({
      product: 'python',
      cycle: '3.12',
      state: 'supported',
      eolDate: '2028-10-31',
      daysToEol: 1065,
      supportedUntil: '2025-04-02',
      latestCycle: '3.14',
    });
  });

  it('counts the warning window and past end of life from the day of the check', async () => {
    const results = await engine().check([
      manual('pg14', '14.19', { product: 'postgresql' }),
      manual('pg13', '13.22', { product: 'postgresql' }),
      manual('pg96', '9.6.24', { product: 'postgresql' }),
      manual('py27', '2.7.18', { product: 'python' }),
    ]);
    expect(results.map(r => r.eol)).toEqual([
      expect.objectContaining({
        cycle: '14',
        state: 'warning',
        eolDate: '2026-02-01',
        daysToEol: 62,
      }),
      expect.objectContaining({ cycle: '13', state: 'eol', daysToEol: -18 }),
      expect.objectContaining({ cycle: '9.6', state: 'eol' }),
      // Ended without a date: past end of life, no day count.
      {
        product: 'python',
        cycle: '2.7',
        state: 'eol',
        supportedUntil: '2010-07-03',
        latestCycle: '3.14',
      },
    ]);
  });

  it('takes the warning window from containers.drift.eol.warningDays', async () => {
    const [wide] = await engine({ eol: { warningDays: 1500 } }).check([
      manual('postgres', '17.6', { product: 'postgresql' }),
    ]);
    expect(wide.eol).toMatchObject({ state: 'warning', daysToEol: 1438 });
    const [narrow] = await engine({ eol: { warningDays: 30 } }).check([
      manual('pg14', '14.19', { product: 'postgresql' }),
    ]);
    expect(narrow.eol).toMatchObject({ state: 'supported', daysToEol: 62 });
  });

  it('uses the cycle written in version.eol.cycle over the one derived', async () => {
    const [result] = await engine().check([
      manual('pg', 'bookworm-2025', { product: 'postgresql', cycle: '18' }),
    ]);
    expect(result.eol).toMatchObject({ cycle: '18', state: 'supported' });
  });

  it('names the newest cycle still supported, skipping ended ones and taking undated ones', async () => {
    const [result] = await engine().check([
      manual('node', '24.11.0', { product: 'nodejs' }),
    ]);
    expect(result.eol).toMatchObject({
      cycle: '24',
      state: 'supported',
      latestCycle: '25',
    });
  });

  it('says which cycle is unknown, and lists those the product has', async () => {
    const [derived, written] = await engine().check([
      manual('py', '3.99.1', { product: 'python' }),
      manual('pg', '17.6', { product: 'postgresql', cycle: '17.6' }),
    ]);
    expect(derived.eol).toEqual({
      product: 'python',
      cycle: '3.99',
      state: 'unknown',
      latestCycle: '3.14',
      error:
        'endoflife.date lists no cycle "3.99" of python (cycles: 3.14, 3.13, 3.12, 3.9, 2.7) — derived from "3.99.1"; set version.eol.cycle if the product names it otherwise',
    });
    expect(written.eol).toMatchObject({
      cycle: '17.6',
      state: 'unknown',
      error: expect.stringMatching(/^endoflife.date lists no cycle "17.6"/),
    });
  });

  it('asks for version.eol.cycle when the version says nothing of its cycle', async () => {
    const [result] = await engine().check([
      manual('pg', 'latest', { product: 'postgresql' }),
    ]);
    expect(result.eol).toEqual({
      product: 'postgresql',
      cycle: '',
      state: 'unknown',
      error:
        'cannot tell the postgresql cycle of "latest" (cycles: 18, 17, 14, 13, 9.6) — set version.eol.cycle',
    });
  });

  it('keeps the rest of the result when the product is unknown (404)', async () => {
    const [result] = await engine().check([
      {
        slug: 'pg',
        version: {
          strategy: 'endoflife',
          current: '17.6',
          source: { product: 'postgresql' },
          eol: { product: 'postgres' },
        },
      },
    ]);
    expect(result).toMatchObject({
      status: 'behind',
      latest: '18.1',
      eol: {
        product: 'postgres',
        cycle: '',
        state: 'unknown',
        error: `endoflife.date has no product "postgres" (${server.url}/api/postgres.json)`,
      },
    });
  });

  it('reads each product once per run, and revalidates it with its ETag the next run', async () => {
    const drift = engine();
    const targets = [
      manual('a', '17.6', { product: 'postgresql' }),
      manual('b', '16.1', { product: 'postgresql' }),
      manual('c', '3.12.1', { product: 'python' }),
    ];
    const progress: number[] = [];
    await drift.check(targets, {
      onProgress: p => progress.push(p.upstreamsTotal),
    });
    expect(server.requests.map(r => r.url).sort()).toEqual([
      '/api/postgresql.json',
      '/api/python.json',
    ]);
    expect(progress).toContain(2);
    const [again] = await drift.check(targets.slice(0, 1));
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2].headers['if-none-match']).toBe(
      '"/api/postgresql.json"',
    );
    expect(again.eol).toMatchObject({ cycle: '17', state: 'supported' });
  });

  it('explains a malformed answer and one over the size cap', async () => {
    const [broken] = await engine().check([
      manual('x', '1.0', { product: 'broken' }),
    ]);
    expect(broken.eol).toMatchObject({
      state: 'unknown',
      error: expect.stringMatching(/expected a JSON array of release cycles/),
    });
    const [capped] = await engine({ maxResponseBytes: 1024 }).check([
      manual('huge', '17.6', { product: 'huge', cycle: '17' }),
    ]);
    expect(capped.eol).toMatchObject({
      cycle: '17',
      state: 'unknown',
      error: expect.stringMatching(/^endoflife.date huge: .*exceeded/),
    });
  });

  it('skips entries that are no cycle, and trusts no value it cannot read', async () => {
    const [seven, eight] = await engine().check([
      manual('seven', '7.1', { product: 'hostile' }),
      manual('eight', '8.1', { product: 'hostile' }),
    ]);
    expect(seven.eol).toEqual({
      product: 'hostile',
      cycle: '7',
      state: 'unknown',
      error: 'endoflife.date gives no end-of-life date for hostile 7',
    });
    expect(eight.eol).toEqual({
      product: 'hostile',
      cycle: '8',
      state: 'unknown',
      error: 'endoflife.date gives no end-of-life date for hostile 8',
    });
  });

  it('leaves containers without version.eol as they were', async () => {
    const [result] = await engine().check([
      { slug: 'plain', version: { strategy: 'manual', current: '1.0' } },
    ]);
    expect(result).not.toHaveProperty('eol');
    expect(server.requests).toHaveLength(0);
  });
});

describe('joinEolCycle', () => {
  it('derives with the strip_prefix and component drift uses', () => {
    expect(
      joinEolCycle(
        {
          current: 'rel/pg-17.6',
          filter: { strip_prefix: 'rel/pg-' },
        },
        { product: 'postgresql' },
        POSTGRESQL,
        { today: '2025-12-01', warningDays: 90 },
      ),
    ).toMatchObject({ cycle: '17', state: 'supported' });
  });
});
