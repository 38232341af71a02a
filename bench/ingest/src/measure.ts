/*
 * One measurement of the ingestion benchmark, in its own process (run.ts starts it):
 *   read DIR N      the provider's read + parse + validate + map, and the peak memory it added;
 *                   then the same again over the unchanged files (what every later run costs)
 *   provider DIR N  a backend with this module reading DIR: ms until N entities are queryable
 *   builtin DIR N   the same backend with one glob `file` Location over DIR/*\/catalog-info.yaml
 *                   (the same entities, API and Resource entities included)
 * Prints one JSON line.
 */
import { createBackend } from '@backstage/backend-defaults';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DEFAULTS, benchProvider } from './generate';

const [mode, dir, countText] = process.argv.slice(2);
const count = Number(countText);
const defaults = BENCH_DEFAULTS;

async function measureRead() {
  const provider = benchProvider(dir);
  (global as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const outcome = await provider.read();
  const ms = Math.round(performance.now() - started);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  if (!outcome.changed) throw new Error('nothing read');
  const containers = outcome.result.reports.filter(r => r.container).length;
  if (containers !== count) {
    throw new Error(`expected ${count} containers, got ${containers}`);
  }
  // The next scheduled run over the same, unchanged files.
  const warmStarted = performance.now();
  await provider.read();
  const warmMs = Math.round(performance.now() - warmStarted);
  return {
    ms,
    warmMs,
    peakRssMb: Math.round((peakRss - rssBefore) / 1024 / 1024),
    entities: outcome.result.entities.length,
  };
}

async function measureBackend(withProvider: boolean) {
  const port = await freePort();
  const config = {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: { dangerouslyDisableDefaultAuthPolicy: true },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'API',
            'Resource',
            'Location',
            'System',
            'Group',
          ],
        },
      ],
      ...(withProvider
        ? {
            providers: {
              containers: {
                bench: {
                  path: dir,
                  schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
                  defaults,
                },
              },
            },
          }
        : {
            locations: [
              { type: 'file', target: join(dir, '*', 'catalog-info.yaml') },
            ],
          }),
    },
  };
  const configFile = join(tmpdir(), `dockyard-bench-${process.pid}.json`);
  await fs.writeFile(configFile, JSON.stringify(config));
  process.argv = [process.argv[0], process.argv[1], '--config', configFile];

  // The same backend both times: catalog and this module (without targets for built-in).
  const backend = createBackend();
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@dockyard/plugin-catalog-backend-module-containers'));
  const started = performance.now();
  await backend.start();
  const url = `http://localhost:${port}/api/catalog/entities/by-query?filter=${encodeURIComponent(
    'kind=component,spec.type=container',
  )}&limit=1`;
  for (;;) {
    const response = await fetch(url);
    if (response.ok) {
      const { totalItems } = await response.json();
      if (totalItems === count) break;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const ms = Math.round(performance.now() - started);
  await backend.stop();
  await fs.rm(configFile, { force: true });
  return { ms, entities: count };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function main() {
  let result;
  if (mode === 'read') result = await measureRead();
  else if (mode === 'provider') result = await measureBackend(true);
  else if (mode === 'builtin') result = await measureBackend(false);
  else throw new Error(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
