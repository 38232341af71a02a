/*
 * The portal as it runs in production, for the overview benchmark: packages/backend with
 * NODE_ENV=production on its TypeScript sources (as `make e2e-backend` runs it), serving the
 * built app (packages/app/dist) and the APIs on one port, with an overlay on app-config.yaml:
 *   - the catalog module reads the benchmark's container folders;
 *   - the containers plugin keeps its records in a SQLite file the benchmark seeds beforehand,
 *     through the plugin's own store (the rest of the backend stays in memory);
 *   - no drift check runs while it measures, and every upstream points at a closed port on
 *     127.0.0.1, so nothing leaves the machine;
 *   - guest sign-in (allowed outside development here only) and a static token for the
 *     benchmark's own API calls.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  freePort,
  ManagedProcess,
  REPO_ROOT,
  startProcess,
  waitFor,
} from '../../../e2e/src/lib/processes';

export interface BenchPortal {
  url: string;
  /** A static token the backend accepts (external access), for API calls outside the browser. */
  token: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Far enough that no scheduled task runs while the benchmark measures. */
const NOT_NOW = {
  frequency: '24 hours',
  timeout: '1 hour',
  initialDelay: '24 hours',
};

/** Every upstream the drift engine could ask: a port nothing listens on, on 127.0.0.1. */
const NOWHERE = 'http://127.0.0.1:9';

export async function startBenchPortal(options: {
  fleetDir: string;
  containersDb: string;
  workDir: string;
  logFile: string;
}): Promise<BenchPortal> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const token = randomBytes(24).toString('hex');
  const overlay = {
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      listen: { port },
      cors: { origin: url },
      // The app is served over http from localhost.
      csp: { 'upgrade-insecure-requests': false },
      database: {
        client: 'better-sqlite3',
        connection: ':memory:',
        plugin: {
          // Backstage joins directory and filename (a filename alone is taken relative).
          containers: {
            connection: {
              directory: dirname(options.containersDb),
              filename: basename(options.containersDb),
            },
          },
        },
      },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'bench-overview' } },
        ],
      },
    },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl: `${NOWHERE}/github` }],
    },
    catalog: {
      // Reprocessing every entity every 100-150 s (the default) keeps about one of the two
      // cores busy at 5,000 entities; pushed out, the catalog is idle once it has them all.
      processingInterval: { hours: 24 },
      providers: {
        containers: {
          local: {
            path: options.fleetDir,
            schedule: { frequency: '1 hour', timeout: '1 hour' },
          },
        },
      },
    },
    containers: {
      drift: {
        schedule: NOT_NOW,
        firstCheckSchedule: NOT_NOW,
        allowedHosts: ['127.0.0.1'],
        registries: {
          'docker.io': { baseUrl: `${NOWHERE}/registry` },
          'quay.io': { baseUrl: `${NOWHERE}/registry` },
        },
        endpoints: {
          pypi: `${NOWHERE}/pypi`,
          maven: `${NOWHERE}/maven2`,
          endoflife: `${NOWHERE}/endoflife`,
        },
      },
      files: { allowedRoots: [options.fleetDir] },
    },
    search: {
      collators: {
        catalog: { schedule: NOT_NOW },
        dockyardContainers: { schedule: NOT_NOW },
      },
    },
  };
  const overlayFile = join(options.workDir, 'app-config.bench.json');
  await fs.writeFile(overlayFile, JSON.stringify(overlay, null, 2));

  const backend = await startProcess({
    name: 'backend (production)',
    command: process.execPath,
    args: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      overlayFile,
    ],
    cwd: join(REPO_ROOT, 'packages/backend'),
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    logFile: options.logFile,
  });
  try {
    await waitFor(
      `the backend on ${url} (log: ${options.logFile})`,
      async () => (await fetch(`${url}/.backstage/health/v1/readiness`)).ok,
      { timeoutMs: 300_000, intervalMs: 1_000, abort: backend.failOnExit() },
    );
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return { url, token, process: backend, stop: () => backend.stop() };
}

/** Waits until the catalog serves `count` container entities; returns how long that took. */
export async function waitForContainers(
  portal: BenchPortal,
  count: number,
): Promise<number> {
  const started = performance.now();
  const query = `${
    portal.url
  }/api/catalog/entities/by-query?filter=${encodeURIComponent(
    'kind=component,spec.type=container',
  )}&limit=1`;
  let seen = 0;
  await waitFor(
    `${count} container entities in the catalog (log: ${portal.process.logFile})`,
    async () => {
      const response = await fetch(query, {
        headers: { authorization: `Bearer ${portal.token}` },
      });
      if (!response.ok) return false;
      seen = (await response.json()).totalItems;
      if (seen > count) {
        throw new Error(`the catalog has ${seen} containers, not ${count}`);
      }
      return seen === count;
    },
    {
      timeoutMs: 60 * 60_000,
      intervalMs: 1_000,
      abort: portal.process.failOnExit(),
    },
  );
  return performance.now() - started;
}
