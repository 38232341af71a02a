import { TestDatabases } from '@backstage/backend-test-utils';

/** Every PostgreSQL major Backstage's helpers know; the one the machine runs is configured. */
const POSTGRES_IDS = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
] as const;

/**
 * SQLite always, and PostgreSQL when `BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING`
 * names a server (`eval "$(scripts/postgres.sh start)"`; `.ci/run` does it). Never Docker.
 * With `DOCKYARD_TEST_POSTGRES=required` (set by `.ci/run`), a missing server fails the suite
 * instead of skipping the PostgreSQL runs.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [...POSTGRES_IDS, 'SQLITE_3'],
    disableDocker: true,
  });
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  if (process.env.DOCKYARD_TEST_POSTGRES === 'required' && !postgres.length) {
    throw new Error(
      'DOCKYARD_TEST_POSTGRES=required but no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set: start one with eval "$(scripts/postgres.sh start)"',
    );
  }
  return databases;
}
