import { createTestDatabases } from './databases';

/** Runs `fn` with the PostgreSQL variables removed and `extra` set, then puts them back. */
function withoutPostgres<T>(extra: Record<string, string>, fn: () => T): T {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) {
    if (/^BACKSTAGE_TEST_DATABASE_POSTGRES/.test(name))
      delete process.env[name];
  }
  delete process.env.DOCKYARD_TEST_POSTGRES;
  Object.assign(process.env, extra);
  try {
    return fn();
  } finally {
    process.env = saved;
  }
}

// TestDatabases.create registers an afterAll hook, so each call happens while the suite is
// collected, not inside a test.
describe('createTestDatabases', () => {
  const sqliteOnly = withoutPostgres({}, createTestDatabases);
  const withPostgres = withoutPostgres(
    {
      DOCKYARD_TEST_POSTGRES: 'required',
      BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING:
        'postgresql://test@127.0.0.1:1/test',
    },
    createTestDatabases,
  );
  let requiredFailure: unknown;
  try {
    withoutPostgres(
      { DOCKYARD_TEST_POSTGRES: 'required' },
      createTestDatabases,
    );
  } catch (error) {
    requiredFailure = error;
  }

  it('runs SQLite always, never Docker', () => {
    expect(sqliteOnly.eachSupportedId()).toEqual([['SQLITE_3']]);
  });

  it('fails the suite when PostgreSQL is required and none is configured', () => {
    expect(requiredFailure).toEqual(
      new Error(
        'DOCKYARD_TEST_POSTGRES=required but no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set: start one with eval "$(scripts/postgres.sh start)"',
      ),
    );
  });

  it('adds the PostgreSQL a connection string names (no connection is opened here)', () => {
    expect(withPostgres.eachSupportedId()).toEqual([
      ['POSTGRES_17'],
      ['SQLITE_3'],
    ]);
  });
});
