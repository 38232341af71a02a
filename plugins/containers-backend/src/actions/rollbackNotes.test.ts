import { containerEntity } from './__testUtils__/containers';
import { rollbackNotesOf } from './rollbackNotes';

const ROLLBACK = {
  previous: 'hive_metastore',
  runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
  steps: ['Stop writers', 'Point Trino back at the Hive metastore'],
  config_changes: [
    {
      file: 'etc/catalog/iceberg.properties',
      from: 'iceberg.catalog.type=rest',
      to: 'iceberg.catalog.type=hive_metastore',
    },
  ],
  metadata_migration: 'register_table for each table',
  verification: ['SHOW TABLES lists every table'],
};

describe('rollbackNotesOf', () => {
  it("reads catalog.rollback of the entity's container.yaml", () => {
    expect(
      rollbackNotesOf(
        containerEntity('trino', {
          container: { catalog: { role: 'consumer', rollback: ROLLBACK } },
        }),
      ),
    ).toEqual({
      previous: 'hive_metastore',
      runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
      steps: ['Stop writers', 'Point Trino back at the Hive metastore'],
      configChanges: [
        {
          file: 'etc/catalog/iceberg.properties',
          from: 'iceberg.catalog.type=rest',
          to: 'iceberg.catalog.type=hive_metastore',
        },
      ],
      metadataMigration: 'register_table for each table',
      verification: ['SHOW TABLES lists every table'],
    });
  });

  it('links the runbook when the folder is browsable or it is a web address', () => {
    const browsable = containerEntity('trino', {
      container: { catalog: { role: 'consumer', rollback: ROLLBACK } },
      annotations: {
        'backstage.io/source-location':
          'url:https://github.com/example/data-platform/tree/main/containers/trino/',
      },
    });
    expect(rollbackNotesOf(browsable)?.runbookUrl).toBe(
      'https://github.com/example/data-platform/tree/main/docs/runbooks/iceberg-catalog-rollback.md',
    );
    const web = containerEntity('trino', {
      container: {
        catalog: {
          role: 'consumer',
          rollback: { runbook: 'https://wiki.example.com/rollback' },
        },
      },
    });
    expect(rollbackNotesOf(web)).toEqual({
      runbook: 'https://wiki.example.com/rollback',
      runbookUrl: 'https://wiki.example.com/rollback',
    });
    // Read from disk: no address to link to; never another scheme.
    expect(
      rollbackNotesOf(
        containerEntity('trino', {
          container: { catalog: { role: 'consumer', rollback: ROLLBACK } },
        }),
      ),
    ).not.toHaveProperty('runbookUrl');
    // A script URL is the hostile input here.
    // eslint-disable-next-line no-script-url
    const runbook = 'javascript:alert(1)';
    const script = containerEntity('trino', {
      container: { catalog: { rollback: { runbook } } },
    });
    expect(rollbackNotesOf(script)).toEqual({ runbook });
  });

  it('is undefined for a container without rollback notes', () => {
    expect(rollbackNotesOf(containerEntity('nessie'))).toBeUndefined();
    expect(
      rollbackNotesOf(
        containerEntity('nessie', { container: { catalog: { role: 'none' } } }),
      ),
    ).toBeUndefined();
    expect(
      rollbackNotesOf(
        containerEntity('nessie', { container: { catalog: { rollback: {} } } }),
      ),
    ).toBeUndefined();
  });

  it('keeps only well-formed, bounded parts of a hand-written entity', () => {
    const notes = rollbackNotesOf(
      containerEntity('odd', {
        container: {
          catalog: {
            rollback: {
              previous: 42,
              runbook: { href: 'x' },
              steps: ['ok', 7, '', null, 'y'.repeat(5000)],
              config_changes: [
                { file: 'a' },
                'b',
                { file: 'c', from: 'd', to: 'e' },
              ],
              verification: 'not a list',
            },
          },
        },
      }),
    );
    expect(notes).toEqual({
      steps: ['ok', 'y'.repeat(2000)],
      configChanges: [{ file: 'c', from: 'd', to: 'e' }],
    });
    const many = rollbackNotesOf(
      containerEntity('many', {
        container: {
          catalog: {
            rollback: {
              steps: Array.from({ length: 80 }, (_, i) => `step ${i}`),
            },
          },
        },
      }),
    );
    expect(many?.steps).toHaveLength(50);
  });
});
