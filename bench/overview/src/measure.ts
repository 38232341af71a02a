/*
 * One size of the overview benchmark, in its own process (run.ts starts it): N containers in the
 * catalog with their drift records seeded through the containers plugin's store, the portal in
 * production mode, the overview loaded and searched in Chromium, and GET /drift timed from
 * outside. Prints one JSON line.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import knexFactory from 'knex';
import { DriftStore } from '../../../plugins/containers-backend/src/service/DriftStore';
import { REPO_ROOT } from '../../../e2e/src/lib/processes';
import { measureInChromium } from './chromium';
import { writeFleet } from './fleet';
import { BROWSER_ENCODINGS, medianRequest } from './http';
import { startBenchPortal, waitForContainers } from './portal';

/** Typed one key at a time into the search box: narrows, then widens again. */
export const SEARCH_KEYS = [
  ...'iceberg 4',
  'Backspace',
  'Backspace',
  'Backspace',
];
const LOADS = 5;

/**
 * Stores the records the way a drift check does, in the file the backend will open; returns how
 * long reading them all back takes (the store's part of GET /drift, median of three).
 */
async function seed(file: string, records: DriftRecord[]): Promise<number> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    const database = { getClient: async () => knex } as DatabaseService;
    const store = await DriftStore.create(database);
    await store.saveRecords(records);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await store.listRecords();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[1];
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const count = Number(process.argv[2]);
  const workDir = join(tmpdir(), `dockyard-bench-overview-${count}`);
  const fleetDir = join(workDir, 'containers');
  const containersDb = join(workDir, 'containers.sqlite');
  const logFile = join(REPO_ROOT, 'bench/results', `overview-${count}.log`);
  await fs.rm(workDir, { recursive: true, force: true });
  await fs.mkdir(workDir, { recursive: true });

  const records = await writeFleet(fleetDir, count);
  const storeListMs = await seed(containersDb, records);
  const statuses: Record<string, number> = {};
  for (const record of records) {
    statuses[record.status] = (statuses[record.status] ?? 0) + 1;
  }

  const portal = await startBenchPortal({
    fleetDir,
    containersDb,
    workDir,
    logFile,
  });
  try {
    process.stderr.write(`  waiting for ${count} entities in the catalog…\n`);
    const ingestMs = await waitForContainers(portal, count);
    process.stderr.write(`  measuring in Chromium…\n`);
    const browser = await measureInChromium(portal.url, {
      loads: LOADS,
      keys: SEARCH_KEYS,
    });
    process.stderr.write(`  timing GET /drift…\n`);
    const driftUrl = `${portal.url}/api/containers/drift`;
    const catalogUrl = browser.loads[0].catalog.url;
    const http = {
      drift: await medianRequest(driftUrl, portal.token, BROWSER_ENCODINGS),
      driftIdentity: await medianRequest(driftUrl, portal.token, 'identity'),
      catalog: await medianRequest(catalogUrl, portal.token, BROWSER_ENCODINGS),
      // The query GET /drift makes itself, as the caller, to leave out what they may not read.
      catalogForDrift: await medianRequest(
        `${portal.url}/api/catalog/entities?filter=${encodeURIComponent(
          'kind=Component,spec.type=container,metadata.annotations.dockyard.io/container-yaml',
        )}&fields=kind,metadata.namespace,metadata.name`,
        portal.token,
        BROWSER_ENCODINGS,
      ),
    };
    process.stdout.write(
      `${JSON.stringify({
        count,
        statuses,
        ingestMs,
        storeListMs,
        http,
        ...browser,
      })}\n`,
    );
  } finally {
    await portal.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    // bench/ is no workspace, so no @backstage/errors here.
    const stack = error instanceof Error ? error.stack : undefined;
    process.stderr.write(`${stack ?? error}\n`);
    process.exit(1);
  },
);
