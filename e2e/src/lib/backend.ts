import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  freePort,
  ManagedProcess,
  REPO_ROOT,
  startProcess,
  waitFor,
} from './processes';

export class RunningBackend {
  constructor(readonly process: ManagedProcess, readonly url: string) {}

  /** A request with the given token, JSON in and out. */
  async api(
    path: string,
    token: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: 'manual',
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body };
  }
}

/**
 * `packages/backend` as it runs in production: its own Node process with NODE_ENV=production,
 * the TypeScript sources loaded through Backstage's Node transform (what `yarn workspace backend
 * start` runs, without the file watcher), from packages/backend so that the relative paths of
 * app-config.yaml resolve as they do for `make start`.
 */
export async function startBackend(options: {
  name: string;
  /** Config files, relative to the repository root. */
  configs: string[];
  env: Record<string, string>;
  port: number;
  logFile: string;
}): Promise<RunningBackend> {
  const process_ = await startProcess({
    name: options.name,
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      ...options.configs.flatMap(config => [
        '--config',
        join(REPO_ROOT, config),
      ]),
    ],
    cwd: join(REPO_ROOT, 'packages/backend'),
    env: { NODE_ENV: 'production', ...options.env },
    logFile: options.logFile,
  });
  const backend = new RunningBackend(
    process_,
    `http://localhost:${options.port}`,
  );
  try {
    await waitFor(
      `${options.name} to be ready on port ${options.port} (log: ${options.logFile})`,
      async () =>
        (
          await fetch(`${backend.url}/.backstage/health/v1/readiness`)
        ).ok,
      { timeoutMs: 180_000, abort: process_.failOnExit() },
    );
  } catch (error) {
    // A backend whose plugins failed to start stays up without serving: stop it.
    await process_.stop();
    throw error;
  }
  return backend;
}

/** The PostgreSQL server the suite runs on (`eval "$(scripts/postgres.sh start)"`). */
export function postgresUrl(): string {
  const url = process.env.DOCKYARD_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'DOCKYARD_POSTGRES_URL is not set: run `make e2e-backend` (it starts PostgreSQL), or eval "$(scripts/postgres.sh start)" first',
    );
  }
  return url;
}

/** A connection to one database of that server (default: the maintenance database). */
export function connect(database = 'postgres'): Knex {
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  return knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 2 },
  });
}

/** Drops the databases a run created (`<prefix>catalog`, `<prefix>containers`, …). */
export async function dropDatabases(prefix: string): Promise<void> {
  const db = connect();
  try {
    const rows = await db('pg_database')
      .select('datname')
      .where('datname', 'like', `${prefix}%`);
    for (const { datname } of rows) {
      await db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await db.destroy();
  }
}

export { freePort };
