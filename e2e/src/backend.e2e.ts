/*
 * The backend as it is deployed, on PostgreSQL (make e2e-backend):
 *
 * 1. app-config.production.yaml: packages/backend started on app-config.yaml +
 *    app-config.production.yaml with only environment variables (database, secrets, dummy GitHub
 *    OAuth app), serving the catalog and the containers API.
 * 2. Two replicas of packages/backend on one PostgreSQL database: the scheduled drift check runs
 *    once per interval on one of them, one row per container, the same answers from either, and
 *    killing the replica in the middle of a check loses no results.
 *
 * Needs DOCKYARD_POSTGRES_URL (the Makefile target starts a throwaway server with
 * scripts/postgres.sh). Logs go to e2e-test-report/backend/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  connect,
  dropDatabases,
  freePort,
  postgresUrl,
  RunningBackend,
  startBackend,
} from './lib/backend';
import { platformFeeds } from './lib/platformFeeds';
import { REPORT_DIR, sleep, waitFor } from './lib/processes';
import { FakeUpstream } from './lib/upstream';

const LOGS = join(REPORT_DIR, 'backend');
const CONTAINER_FILTER = 'filter=kind=component,spec.type=container';
const DRIFT_TASK = 'containers-drift-check';
/** containers.drift.schedule in e2e/app-config.replica.yaml. */
const INTERVAL_MS = 15_000;

const randomName = () => randomBytes(4).toString('hex');

interface DriftRecord {
  entityRef: string;
  slug: string;
  /** The main version's. */
  status: string;
  /** The worst of the main version, the companions and the base image. */
  overallStatus?: string;
  current: string;
  latest?: string;
  checkedAt: string;
  error?: string;
  companions?: { name: string; status: string }[];
  baseImage?: { status: string; digest?: string; latestDigest?: string };
}

/** The catalog's container entities' names, once the provider has ingested them. */
async function containerNames(
  backend: RunningBackend,
  token: string,
): Promise<string[]> {
  const { status, body } = await backend.api(
    `/api/catalog/entities/by-query?${CONTAINER_FILTER}&limit=1000`,
    token,
  );
  assert.equal(status, 200, JSON.stringify(body));
  return body.items.map((e: any) => e.metadata.name).sort();
}

async function driftRecords(
  backend: RunningBackend,
  token: string,
): Promise<DriftRecord[]> {
  const { status, body } = await backend.api('/api/containers/drift', token);
  assert.equal(status, 200, JSON.stringify(body));
  return body.items;
}

/** The upstream environment variables both suites give the backend, for one stand-in client. */
function upstreamConfig(upstream: FakeUpstream, client: string) {
  const base = upstream.url(client);
  return {
    githubApi: `${base}/github`,
    registries: {
      'docker.io': { baseUrl: `${base}/registry/docker.io` },
      'quay.io': { baseUrl: `${base}/registry/quay.io` },
    },
    endpoints: { pypi: `${base}/pypi`, maven: `${base}/maven2` },
  };
}

// Long on purpose: the suite of the one scenario below.
describe('app-config.production.yaml on PostgreSQL', () => {
  const prefix = `dockyard_prod_${randomName()}_`;
  const token = randomBytes(24).toString('hex');
  let upstream: FakeUpstream;
  let backend: RunningBackend | undefined;

  before(async () => {
    upstream = await FakeUpstream.start(platformFeeds());
  });
  after(async () => {
    await backend?.process.stop();
    await upstream.stop();
    await dropDatabases(prefix);
  });

  // Long on purpose: one production backend (seconds to start) whose sign-in, catalog, containers API and databases are checked in turn.
  it('starts on environment variables alone and serves the catalog and the containers API', async () => {
    const port = await freePort();
    const db = new URL(postgresUrl());
    const up = upstreamConfig(upstream, 'production');
    backend = await startBackend({
      name: 'production backend',
      configs: ['app-config.yaml', 'app-config.production.yaml'],
      port,
      logFile: join(LOGS, 'production.log'),
      env: {
        // What app-config.production.yaml asks for.
        POSTGRES_HOST: db.hostname,
        POSTGRES_PORT: db.port,
        POSTGRES_USER: decodeURIComponent(db.username),
        POSTGRES_PASSWORD: decodeURIComponent(db.password),
        GITHUB_TOKEN: 'dummy-github-token',
        AUTH_GITHUB_CLIENT_ID: 'dummy-client-id',
        AUTH_GITHUB_CLIENT_SECRET: 'dummy-client-secret',
        PLATFORM_REPO_URL: 'https://github.com/example/data-platform/tree/main',
        APP_BASE_URL: `http://localhost:${port}`,
        BACKEND_BASE_URL: `http://localhost:${port}`,
        // What a deployment sets besides: its port, a database prefix of its own, an API token
        // for this suite, and GitHub and the registries at the stand-in (no internet here).
        APP_CONFIG_backend_listen: `:${port}`,
        APP_CONFIG_backend_database_prefix: prefix,
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          { type: 'static', options: { token, subject: 'production-suite' } },
        ]),
        APP_CONFIG_integrations_github: JSON.stringify([
          {
            host: 'github.com',
            apiBaseUrl: up.githubApi,
            token: 'dummy-github-token',
          },
        ]),
        APP_CONFIG_containers_drift_allowedHosts: JSON.stringify([
          upstream.host,
        ]),
        APP_CONFIG_containers_drift_registries: JSON.stringify(up.registries),
        APP_CONFIG_containers_drift_endpoints: JSON.stringify(up.endpoints),
      },
    });

    // Sign-in: GitHub with the configured OAuth app; no guests.
    const github = await fetch(
      `${backend.url}/api/auth/github/start?env=production`,
      { redirect: 'manual' },
    );
    assert.equal(github.status, 302);
    const authorize = new URL(github.headers.get('location')!);
    assert.equal(
      `${authorize.origin}${authorize.pathname}`,
      'https://github.com/login/oauth/authorize',
    );
    assert.equal(authorize.searchParams.get('client_id'), 'dummy-client-id');
    const guest = await fetch(`${backend.url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    assert.equal(guest.status, 404, 'guest sign-in must be off in production');
    // Without a token, nothing is served.
    assert.equal(
      (await fetch(`${backend.url}/api/containers/drift`)).status,
      401,
    );

    // The catalog, on PostgreSQL, with the containers and the repository's own entities.
    const names = await waitFor(
      'the containers in the catalog',
      async () => {
        const found = await containerNames(backend!, token);
        return found.includes('trino') && found.length >= 10 && found;
      },
      { timeoutMs: 120_000 },
    );
    assert.ok(names.includes('postgres') && names.includes('spark'));
    const system = await backend.api(
      '/api/catalog/entities/by-name/system/default/data-platform',
      token,
    );
    assert.equal(system.status, 200);

    // The containers API: a check of one container, stored and served.
    const refreshed = await backend.api(
      '/api/containers/drift/refresh',
      token,
      {
        method: 'POST',
        body: { entityRef: 'component:default/trino' },
      },
    );
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.status, 'behind');
    assert.equal(refreshed.body.latest, '478');
    // Its base image tag was rebuilt upstream (platformFeeds.ts); behind stays the worse.
    assert.equal(refreshed.body.baseImage?.status, 'rebuilt');
    assert.equal(refreshed.body.overallStatus, 'behind');
    const trino = await backend.api(
      '/api/containers/drift/default/component/trino',
      token,
    );
    assert.equal(trino.status, 200);
    assert.equal(trino.body.latest, '478');

    // Each plugin in its own PostgreSQL database, as the README says.
    const db2 = connect(`${prefix}containers`);
    try {
      const rows = await db2('containers_drift_results').select('entity_ref');
      assert.ok(
        rows.some(r => r.entity_ref === 'component:default/trino'),
        'the drift record is in <prefix>containers',
      );
    } finally {
      await db2.destroy();
    }
    const admin = connect();
    try {
      const databases = (
        await admin('pg_database')
          .select('datname')
          .where('datname', 'like', `${prefix}%`)
      ).map(r => r.datname);
      for (const plugin of ['catalog', 'containers', 'scaffolder', 'auth']) {
        assert.ok(
          databases.includes(`${prefix}${plugin}`),
          `database ${prefix}${plugin}`,
        );
      }
    } finally {
      await admin.destroy();
    }
  });
});

// Long on purpose: four tests sharing two running replicas, which take seconds to start.
describe('two backend replicas on one PostgreSQL database', () => {
  const prefix = `dockyard_replicas_${randomName()}_`;
  const token = randomBytes(24).toString('hex');
  let upstream: FakeUpstream;
  const replicas = new Map<string, RunningBackend>();
  let containers: string[];

  async function startReplica(id: string) {
    const port = await freePort();
    const backend = await startBackend({
      name: `replica ${id}`,
      configs: ['app-config.yaml', 'e2e/app-config.replica.yaml'],
      port,
      logFile: join(LOGS, `replica-${id}.log`),
      env: {
        DOCKYARD_POSTGRES_URL: postgresUrl(),
        DOCKYARD_REPLICA_PORT: String(port),
        DOCKYARD_REPLICA_DATABASE_PREFIX: prefix,
        DOCKYARD_REPLICA_TOKEN: token,
        // Each replica reads the stand-in under its own name, so the suite sees who checked.
        DOCKYARD_REPLICA_UPSTREAM: upstream.url(`replica-${id}`),
        DOCKYARD_REPLICA_UPSTREAM_HOST: upstream.host,
      },
    });
    replicas.set(id, backend);
    return backend;
  }

  /** Runs seen upstream: one request for trino's releases per check, with who made it. */
  function runs(since = 0) {
    return upstream
      .requestsFor('/github/repos/trinodb/trino/releases')
      .filter(r => r.at >= since)
      .map(r => ({ replica: r.client, at: r.at }));
  }

  before(async () => {
    upstream = await FakeUpstream.start(platformFeeds());
    // One after the other, as a rolling deployment starts them: the first one creates the
    // databases and runs every plugin's migrations. (Started at the same moment on an empty
    // database, Backstage's own catalog and scheduler migrations race and one replica fails to
    // start: backstage/charts#300.)
    await startReplica('a');
    await startReplica('b');
    const a = replicas.get('a')!;
    containers = await waitFor(
      'the containers in the catalog',
      async () => {
        const found = await containerNames(a, token);
        return found.length >= 10 && found;
      },
      { timeoutMs: 120_000 },
    );
    // A scheduled check that saw every container.
    await waitFor(
      'a scheduled drift check of every container',
      async () => (await driftRecords(a, token)).length === containers.length,
      { timeoutMs: 120_000 },
    );
  });

  after(async () => {
    await Promise.all([...replicas.values()].map(r => r.process.stop()));
    await upstream?.stop();
    await dropDatabases(prefix);
  });

  it('runs the scheduled drift check once per interval, on one replica at a time', async t => {
    const windowStart = Date.now();
    await sleep(4 * INTERVAL_MS + 2_000);
    const seen = runs(windowStart);
    t.diagnostic(
      `checks: ${seen
        .map(
          r => `+${((r.at - windowStart) / 1000).toFixed(1)} s by ${r.replica}`,
        )
        .join(', ')}`,
    );
    // Both replicas poll the schedule; a run claimed by one is skipped by the other.
    assert.ok(
      seen.length >= 3 && seen.length <= 5,
      `expected 4 (±1) checks in ${4 * INTERVAL_MS + 2_000} ms, saw ${
        seen.length
      }: ${JSON.stringify(seen)}`,
    );
    for (let i = 1; i < seen.length; i++) {
      const gap = seen[i].at - seen[i - 1].at;
      assert.ok(
        gap >= INTERVAL_MS / 2,
        `two checks ${gap} ms apart (by ${seen[i - 1].replica} and ${
          seen[i].replica
        }): the interval is ${INTERVAL_MS} ms`,
      );
    }
    // Every other feed was read once per check too: no replica ran a check of its own.
    const kafka = upstream
      .requestsFor('/maven2/org/apache/kafka/')
      .filter(r => r.at >= windowStart);
    assert.equal(kafka.length, seen.length);
    // So was each base image tag's manifest, even one that two containers pin (airflow and
    // spark's python:3.12-slim-bookworm); a 401 is a replica's first ask, before its token.
    const manifest = upstream
      .requestsFor(
        '/registry/docker.io/v2/library/python/manifests/3.12-slim-bookworm',
      )
      .filter(r => r.at >= windowStart && r.status !== 401);
    assert.equal(manifest.length, seen.length, JSON.stringify(manifest));
  });

  it('keeps one row per container and serves the same results from either replica', async () => {
    const results = connect(`${prefix}containers`);
    try {
      const [{ rows, distinct }] = await results('containers_drift_results')
        .count({ rows: '*' })
        .countDistinct({ distinct: 'entity_ref' });
      assert.equal(Number(rows), containers.length);
      assert.equal(Number(distinct), containers.length);
      const tasks = await results('backstage_backend_tasks__tasks')
        .select('id')
        .where('id', 'like', `%${DRIFT_TASK}%`);
      assert.equal(tasks.length, 1, JSON.stringify(tasks));
    } finally {
      await results.destroy();
    }

    // A check may land between the two reads: compare answers given within one interval.
    const [a, b] = [replicas.get('a')!, replicas.get('b')!];
    const same = await waitFor(
      'both replicas to answer alike',
      async () => {
        const [fromA, fromB] = await Promise.all([
          driftRecords(a, token),
          driftRecords(b, token),
        ]);
        return JSON.stringify(fromA) === JSON.stringify(fromB) && fromA;
      },
      { timeoutMs: 30_000 },
    );
    assert.deepEqual(
      same.map(r => r.slug),
      containers.filter(name => same.some(r => r.slug === name)),
    );
    const bySlug = new Map(same.map(r => [r.slug, r]));
    assert.equal(bySlug.get('trino')?.status, 'behind');
    assert.equal(bySlug.get('trino')?.latest, '478');
    assert.equal(bySlug.get('trino')?.baseImage?.status, 'rebuilt');
    assert.equal(bySlug.get('nessie')?.status, 'up-to-date');
    // Up to date overall: its base image tag still points at the pinned digest.
    assert.equal(bySlug.get('nessie')?.overallStatus, 'up-to-date');
    // A companion's feed is read like the main version's: spark's Maven and PyPI ones are up to
    // date, while its main version's Apache archive is not allowed here.
    assert.deepEqual(
      bySlug.get('spark')?.companions?.map(c => `${c.name} ${c.status}`),
      [
        'iceberg-spark-runtime up-to-date',
        'iceberg-aws-bundle up-to-date',
        'pyarrow up-to-date',
        'pandas up-to-date',
      ],
    );
    assert.equal(bySlug.get('spark')?.overallStatus, 'error');
    for (const id of ['a', 'b'] as const) {
      const one = await replicas
        .get(id)!
        .api('/api/containers/drift/default/component/trino', token);
      assert.deepEqual(one.body, bySlug.get('trino'));
    }
  });

  /**
   * Publishes a new trino release, slows the stand-in down so the next check lasts a while, and
   * ends the replica that starts that check — `kill`: SIGKILL, a crash; `stop`: SIGTERM, what a
   * deployment sends. Resolves once the replica left has the new result of every container,
   * having served every stored result all along.
   */
  async function endReplicaMidCheck(how: 'kill' | 'stop', trinoTag: string) {
    upstream.feeds.githubReleases['trinodb/trino'].unshift({
      tag: trinoTag,
      daysAgo: 1,
    });
    upstream.latencyMs = 3_000;
    const changedAt = Date.now();
    const started = await waitFor(
      'the next check to start',
      async () => runs(changedAt)[0],
      { timeoutMs: 2 * INTERVAL_MS + 5_000, intervalMs: 100 },
    );
    const victim = started.replica.replace('replica-', '');
    const [survivor] = [...replicas.keys()].filter(id => id !== victim);
    const ended = replicas.get(victim)!;
    replicas.delete(victim);
    const endedAt = Date.now();
    // A stopped replica gets 30 s to shut down, Kubernetes' default grace period.
    await (how === 'kill' ? ended.process.kill() : ended.process.stop(30_000));
    upstream.latencyMs = 0;
    const alive = replicas.get(survivor)!;

    const records = await waitFor(
      `replica ${survivor} to have the results of the check replica ${victim} started`,
      async () => {
        const found = await driftRecords(alive, token);
        // Every stored result stays served while a replica is down.
        assert.equal(
          found.length,
          containers.length,
          'a record went missing while a replica was down',
        );
        const trino = found.find(r => r.slug === 'trino');
        return (
          found.every(r => Date.parse(r.checkedAt) > endedAt) &&
          trino?.latest === trinoTag &&
          found
        );
      },
      // A claim left by a dead replica lasts the schedule's timeout (20 s); the scheduler's
      // janitor frees it within a minute after that.
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    return {
      victim,
      survivor,
      records,
      seconds: ((Date.now() - endedAt) / 1000).toFixed(1),
      checksSince: runs(endedAt),
    };
  }

  it('loses no results when the replica running a check crashes (SIGKILL)', async t => {
    upstream.feeds.githubReleases['projectnessie/nessie'].unshift({
      tag: 'nessie-0.106.0',
      daysAgo: 2,
    });
    const outcome = await endReplicaMidCheck('kill', '479');
    t.diagnostic(
      `replica ${outcome.victim} killed mid-check; replica ${outcome.survivor} had every result ${outcome.seconds} s later`,
    );
    const bySlug = new Map(outcome.records.map(r => [r.slug, r]));
    assert.equal(bySlug.get('trino')?.status, 'behind');
    assert.equal(bySlug.get('nessie')?.status, 'behind');
    assert.equal(bySlug.get('nessie')?.latest, '0.106.0');
    // The dead replica finished nothing: the survivor ran the check itself.
    assert.ok(
      outcome.checksSince.every(
        r => r.replica === `replica-${outcome.survivor}`,
      ),
      JSON.stringify(outcome.checksSince),
    );
    assert.ok(outcome.checksSince.length >= 1);
  });

  it('loses no results when the replica running a check is stopped (SIGTERM, as a deployment does)', async t => {
    // Two replicas again: a new one joins the survivor, as a rolling deployment replaces pods.
    await startReplica('c');
    const outcome = await endReplicaMidCheck('stop', '480');
    // Backstage lets a running task finish while the backend shuts down (within the grace
    // period): the stopped replica stores its check, and the next ones run on the other.
    t.diagnostic(
      `replica ${outcome.victim} stopped mid-check; replica ${
        outcome.survivor
      } served every new result ${
        outcome.seconds
      } s after the stop; checks started since: ${
        outcome.checksSince.map(r => r.replica).join(', ') || 'none'
      }`,
    );
    assert.equal(outcome.records.find(r => r.slug === 'trino')?.latest, '480');
  });
});
