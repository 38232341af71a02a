/*
 * Drift overview benchmark (not part of `make test`): `make bench-overview` (1,000 and 5,000
 * containers) or `make bench-overview N="1000 5000 10000"`. Builds the app for production, then
 * runs each size in a fresh process (measure.ts): the portal in production mode with N
 * containers whose drift records are seeded through the containers plugin's store, the overview
 * loaded five times and searched in Chromium, GET /drift timed from outside the browser.
 *
 * Targets at 5,000 containers (checked at every size):
 *   - the table's first rows painted <= 1.5 s after the /drift response ended (median of loads);
 *   - each keystroke in the search box painted <= 100 ms after the key (Event Timing);
 *   - GET /drift answered in <= 300 ms (median) and compressed.
 * Ratios within the run: /drift against the catalog request the same page makes for the same
 * containers, and each size against the first. Prints PASS / FAIL lines; exits 1 on a miss.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KeystrokeFigures, LoadFigures } from './chromium';
import type { RequestFigures } from './http';

const REPO_ROOT = resolve(__dirname, '../../..');

interface Figures {
  count: number;
  statuses: Record<string, number>;
  ingestMs: number;
  /** The store's listRecords() over the same database, outside the backend. */
  storeListMs: number;
  http: {
    drift: RequestFigures;
    driftIdentity: RequestFigures;
    catalog: RequestFigures;
    catalogForDrift: RequestFigures;
  };
  loads: LoadFigures[];
  keystrokes: KeystrokeFigures[];
}

const TARGETS = {
  rowsAfterResponseMs: 1500,
  keystrokeMs: 100,
  driftResponseMs: 300,
};

function buildApp() {
  process.stderr.write(
    'Building the app for production (packages/app/dist)…\n',
  );
  const started = Date.now();
  execFileSync('yarn', ['workspace', 'app', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stderr.write(
    `  built in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}

function measure(count: number): Figures {
  process.stderr.write(
    `Overview with ${count.toLocaleString('en-US')} containers…\n`,
  );
  const out = execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'measure.ts'),
      String(count),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const kb = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const thousands = (n: number) => n.toLocaleString('en-US');
const ratio = (a: number, b: number) =>
  `${(a / Math.max(1e-9, b)).toFixed(2)}x`;

/** The medians of one size's loads. */
function loadMedians(f: Figures) {
  const { loads } = f;
  return {
    rows: median(loads.map(l => l.rowsFrameMs)),
    tiles: median(loads.map(l => l.tilesFrameMs)),
    driftEnd: median(loads.map(l => l.drift.responseEndMs)),
    catalogEnd: median(loads.map(l => l.catalog.responseEndMs)),
    rowsAfterDrift: median(
      loads.map(l => l.rowsFrameMs - l.drift.responseEndMs),
    ),
    rowsAfterBoth: median(
      loads.map(
        l =>
          l.rowsFrameMs -
          Math.max(l.drift.responseEndMs, l.catalog.responseEndMs),
      ),
    ),
    driftInBrowser: median(
      loads.map(l => l.drift.responseEndMs - l.drift.startMs),
    ),
    heapMb: median(loads.map(l => l.heapMb)),
  };
}

function describe(f: Figures): string {
  const m = loadMedians(f);
  const { drift, driftIdentity, catalog, catalogForDrift } = f.http;
  const keys = f.keystrokes;
  const statuses = Object.entries(f.statuses)
    .map(([status, n]) => `${thousands(n)} ${status}`)
    .join(', ');
  return [
    `${thousands(
      f.count,
    )} containers (${statuses}); the catalog had them all ${ms(
      f.ingestMs,
    )} after the backend was ready`,
    `  page (median of ${
      f.loads.length
    } loads, ms since navigation): first rows ${ms(m.rows)}, summary tiles ${ms(
      m.tiles,
    )}; /drift answered at ${ms(m.driftEnd)} (${ms(
      m.driftInBrowser,
    )} after it was asked), the catalog's containers at ${ms(
      m.catalogEnd,
    )}; rows ${ms(m.rowsAfterDrift)} after the /drift response, ${ms(
      m.rowsAfterBoth,
    )} after the last of the two; JS heap ${m.heapMb} MB`,
    `  GET /drift (median of 9): ${ms(drift.totalMs)} (first byte ${ms(
      drift.firstByteMs,
    )}), ${kb(drift.wireBytes)} ${drift.encoding} for ${kb(
      drift.rawBytes,
    )} (${ratio(drift.rawBytes, drift.wireBytes)} smaller); uncompressed ${ms(
      driftIdentity.totalMs,
    )}`,
    `  the page's catalog request (baseline): ${ms(catalog.totalMs)}, ${kb(
      catalog.wireBytes,
    )} ${catalog.encoding} for ${kb(catalog.rawBytes)}; /drift takes ${ratio(
      drift.totalMs,
      catalog.totalMs,
    )} its time for ${ratio(
      drift.rawBytes,
      catalog.rawBytes,
    )} its size; the catalog query /drift makes for the caller's permissions takes ${ms(
      catalogForDrift.totalMs,
    )} alone (${ratio(
      catalogForDrift.totalMs,
      drift.totalMs,
    )} of /drift), reading the stored records ${ms(f.storeListMs)}`,
    `  keystrokes (${keys
      .map(k => JSON.stringify(k.key))
      .join(' ')}): key to paint median ${ms(
      median(keys.map(k => k.inputToPaintMs)),
    )}, worst ${ms(
      Math.max(...keys.map(k => k.inputToPaintMs)),
    )}; key to results shown median ${ms(
      median(keys.map(k => k.resultsShownMs)),
    )}, worst ${ms(
      Math.max(...keys.map(k => k.resultsShownMs)),
    )}; rows matching ${keys.map(k => thousands(k.matching)).join(' → ')}`,
  ].join('\n');
}

function growth(base: Figures, large: Figures): string {
  const a = loadMedians(base);
  const b = loadMedians(large);
  const key = (f: Figures) => median(f.keystrokes.map(k => k.inputToPaintMs));
  return [
    `growth ${thousands(base.count)} -> ${thousands(
      large.count,
    )} containers (${ratio(large.count, base.count)}):`,
    `  /drift raw size   ${ratio(
      large.http.drift.rawBytes,
      base.http.drift.rawBytes,
    )}`,
    `  /drift time       ${ratio(
      large.http.drift.totalMs,
      base.http.drift.totalMs,
    )}`,
    `  first rows        ${ratio(b.rows, a.rows)} (${ms(a.rows)} -> ${ms(
      b.rows,
    )})`,
    `  rows after data   ${ratio(b.rowsAfterBoth, a.rowsAfterBoth)} (${ms(
      a.rowsAfterBoth,
    )} -> ${ms(b.rowsAfterBoth)})`,
    `  keystroke median  ${ratio(key(large), key(base))}`,
  ].join('\n');
}

function checks(f: Figures): Array<[string, boolean]> {
  const m = loadMedians(f);
  const worstKey = Math.max(...f.keystrokes.map(k => k.inputToPaintMs));
  const { drift } = f.http;
  const n = thousands(f.count);
  return [
    [
      `${n}: first rows ${ms(
        m.rowsAfterDrift,
      )} after the /drift response (median); target <= ${ms(
        TARGETS.rowsAfterResponseMs,
      )}`,
      m.rowsAfterDrift <= TARGETS.rowsAfterResponseMs,
    ],
    [
      `${n}: slowest keystroke ${ms(
        worstKey,
      )} from key to paint; target <= ${ms(TARGETS.keystrokeMs)}`,
      worstKey <= TARGETS.keystrokeMs,
    ],
    [
      `${n}: GET /drift ${ms(drift.totalMs)} (median), ${drift.encoding}, ${kb(
        drift.wireBytes,
      )} for ${kb(drift.rawBytes)}; target <= ${ms(
        TARGETS.driftResponseMs,
      )} and compressed`,
      drift.totalMs <= TARGETS.driftResponseMs &&
        drift.encoding !== 'identity' &&
        drift.wireBytes < drift.rawBytes,
    ],
  ];
}

async function main() {
  const sizes = (process.argv[2] ?? '1000 5000')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (sizes.some(size => !Number.isInteger(size) || size < 10)) {
    throw new Error(
      `N must be whole numbers of containers (at least 10), got ${process.argv[2]}`,
    );
  }
  await fs.mkdir(join(REPO_ROOT, 'bench/results'), { recursive: true });
  if (process.env.BENCH_SKIP_BUILD !== '1') buildApp();
  const figures = sizes.map(measure);
  await fs.writeFile(
    join(REPO_ROOT, 'bench/results/overview.json'),
    `${JSON.stringify(figures, null, 2)}\n`,
  );
  for (const f of figures) process.stdout.write(`${describe(f)}\n`);
  for (const f of figures.slice(1)) {
    process.stdout.write(`${growth(figures[0], f)}\n`);
  }
  const results = figures.flatMap(checks);
  for (const [line, met] of results) {
    process.stdout.write(`${met ? 'PASS' : 'FAIL'}  ${line}\n`);
  }
  process.exitCode = results.every(([, met]) => met) ? 0 : 1;
}

main().catch(error => {
  // bench/ is no workspace, so no @backstage/errors here.
  const stack = error instanceof Error ? error.stack : undefined;
  process.stderr.write(`${stack ?? error}\n`);
  process.exit(2);
});
