/*
 * Ingestion benchmark (not part of `make test`): `make bench-ingest` (or
 * `node --require @backstage/cli/config/nodeTransform.cjs bench/ingest/src/run.ts [N...]`).
 *
 * For each N (default 1000 and 10000) it generates N container folders and measures, each in a
 * fresh process:
 *   (a) read: the provider's own read + parse + validate + map of all N files, and the peak
 *       memory it added; then a second run over the unchanged files (parse results are reused);
 *   (b) the time from backend start until all N entities are queryable through the catalog API
 *       (real backend, catalog on in-memory SQLite), once through this module's provider and once
 *       the built-in way (one catalog-info.yaml per folder behind one glob `file` Location).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContainers } from './generate';

interface Measure {
  ms: number;
  warmMs?: number;
  peakRssMb?: number;
  entities?: number;
}

function child(mode: string, dir: string, count: number): Measure {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'measure.ts'),
      mode,
      dir,
      String(count),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line);
}

async function main() {
  const counts = process.argv.slice(2).map(Number).filter(Boolean);
  const rows: string[] = [];
  for (const count of counts.length ? counts : [1000, 10000]) {
    const dir = join(tmpdir(), `dockyard-bench-ingest-${count}`);
    process.stderr.write(`Generating ${count} containers in ${dir}…\n`);
    await generateContainers(dir, count);
    const read = child('read', dir, count);
    const provider = child('provider', dir, count);
    const builtin = child('builtin', dir, count);
    rows.push(
      `| ${count} | ${read.ms} ms | ${read.warmMs} ms | ${
        read.peakRssMb
      } MB | ${seconds(provider.ms)} | ${seconds(builtin.ms)} | ${(
        builtin.ms / provider.ms
      ).toFixed(2)}× |`,
    );
    await fs.rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      '| N | (a) first run: read + parse + validate + map | (a) next run, files unchanged | (a) peak memory added | (b) module: all queryable | (b) built-in glob location | built-in ÷ module |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n'),
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
