import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { JsonObject } from '@backstage/types';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { containerEntity } from '../../__testUtils__/fixtures';
import { CatalogRollbackCard } from './CatalogRollbackCard';

const base = {
  name: 'Apache Spark Runtime',
  slug: 'spark',
  summary: 'Spark',
  maintainers: [{ name: 'Data Platform Team', email: 'dp@example.com' }],
  version: { strategy: 'http-directory', current: '4.0.1' },
};

/** Spark's catalog block: a consumer on Hive Metastore with Glue, REST and Nessie as alternatives. */
const sparkCatalog = {
  role: 'consumer',
  uses: [
    {
      type: 'glue',
      uri: 'glue://eu-west-1/123456789012',
      active: false,
      config_file: 'conf/spark-defaults.glue.conf',
    },
    {
      type: 'hive_metastore',
      uri: 'thrift://hive-metastore:9083',
      active: true,
      config_file: 'conf/spark-defaults.conf',
    },
    { type: 'rest', uri: 'http://polaris:8181/api/catalog', active: false },
  ],
  decision: {
    adr: '../../docs/adr/0001-iceberg-catalog.md',
    status: 'accepted',
    cloud_service: 'aws-glue',
    rationale: 'Production jobs in AWS register Iceberg tables in AWS Glue.',
  },
  rollback: {
    previous: 'hive_metastore',
    runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
    steps: [
      'Freeze writers: pause the ingestion DAGs.',
      'Inventory tables with their metadata_location.',
      'Register tables in Hive Metastore.',
    ],
    config_changes: [
      {
        file: 'conf/spark-defaults.conf',
        from: 'spark.sql.catalog.lakehouse.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog',
        to: 'spark.sql.catalog.lakehouse.type=hive',
      },
    ],
    metadata_migration:
      'No data moves: register_table points HMS at the same metadata.json.',
    verification: ['SHOW TABLES IN lakehouse.<db> lists every table.'],
  },
  compose_example: '../../docs/compose/docker-compose.glue.yaml',
};

/** The text of the YAML snippet in an element; the highlighter renders it a moment later. */
async function yamlSnippetIn(element: HTMLElement): Promise<string> {
  await waitFor(() => expect(element.querySelector('pre')).not.toBeNull());
  return element.querySelector('pre')!.textContent!;
}

async function renderCard(entity: Entity) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <CatalogRollbackCard />
    </EntityProvider>,
  );
}

function spark(catalog: JsonObject, annotations?: Record<string, string>) {
  return containerEntity('spark', {
    container: { ...base, catalog } as JsonObject,
    annotations,
  });
}

describe('CatalogRollbackCard', () => {
  it('shows the active catalog first and the others as alternatives', async () => {
    await renderCard(spark(sparkCatalog));
    expect(
      await screen.findByText('Uses Hive Metastore, 2 alternatives'),
    ).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Catalogs' }))
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(items[0]).toMatch(
      /^Active\s*Hive Metastore\s*thrift:\/\/hive-metastore:9083/,
    );
    expect(items[1]).toMatch(/^Alternative\s*AWS Glue Data Catalog/);
    expect(items[2]).toMatch(/^Alternative\s*Iceberg REST catalog/);
  });

  it('shows the decision with its status, rationale and a link to the ADR', async () => {
    await renderCard(spark(sparkCatalog));
    expect(await screen.findByText('accepted')).toBeInTheDocument();
    expect(screen.getByText('aws-glue')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Production jobs in AWS register Iceberg tables in AWS Glue.',
      ),
    ).toBeInTheDocument();
    // Relative to containers/spark/, on the repository the entity came from.
    expect(
      screen.getByRole('link', { name: /Decision record \(ADR\)/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/example/platform/tree/main/docs/adr/0001-iceberg-catalog.md',
    );
  });

  it('lists the rollback steps in order as a checklist people can tick', async () => {
    await renderCard(spark(sparkCatalog));
    const steps = await screen.findByRole('list', { name: 'Rollback steps' });
    expect(steps.tagName).toBe('OL');
    const items = within(steps).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual(
      sparkCatalog.rollback.steps,
    );
    const first = within(items[0]).getByRole('checkbox');
    expect(first).not.toBeChecked();
    await userEvent.click(first);
    expect(first).toBeChecked();
    expect(within(items[1]).getByRole('checkbox')).not.toBeChecked();
  });

  it('shows config changes as from → to, the migration, verification and links', async () => {
    await renderCard(spark(sparkCatalog));
    expect(
      await screen.findByText('Rollback to Hive Metastore'),
    ).toBeInTheDocument();
    const change = sparkCatalog.rollback.config_changes[0];
    const changes = screen.getByRole('region', { name: 'Config changes' });
    expect(within(changes).getByText(change.from)).toHaveTextContent(
      `− ${change.from}`,
    );
    expect(within(changes).getByText(change.to)).toHaveTextContent(
      `+ ${change.to}`,
    );
    expect(
      within(changes).getByRole('link', {
        name: /^conf\/spark-defaults\.conf/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/containers/spark/conf/spark-defaults.conf'),
    );
    expect(
      screen.getByText(sparkCatalog.rollback.metadata_migration),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Verification steps' }),
      ).getByText('SHOW TABLES IN lakehouse.<db> lists every table.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://github.com/example/platform/tree/main/docs/runbooks/iceberg-catalog-rollback.md',
    );
    expect(
      screen.getByRole('link', { name: /Compose example/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/example/platform/tree/main/docs/compose/docker-compose.glue.yaml',
    );
  });

  it('shows paths as text when the container folder is not browsable', async () => {
    await renderCard(
      spark(sparkCatalog, {
        'dockyard.io/container-yaml':
          'file:/srv/platform/containers/spark/container.yaml',
        'backstage.io/source-location': 'file:/srv/platform/containers/spark/',
      }),
    );
    expect(
      await screen.findByText(
        '../../docs/runbooks/iceberg-catalog-rollback.md',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Runbook/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Runbook/)).toBeInTheDocument();
  });

  it('shows what a provider serves', async () => {
    await renderCard(
      spark({
        role: 'provider',
        provides: {
          kind: 'nessie',
          protocols: ['iceberg-rest', 'nessie'],
          open_standard: true,
        },
        rollback: {
          previous: 'hive_metastore',
          steps: ['Merge every branch.'],
        },
        compose_example: '../../docs/compose/docker-compose.nessie.yaml',
      }),
    );
    expect(await screen.findByText('Provides Nessie')).toBeInTheDocument();
    expect(screen.getByText(/an open standard/)).toBeInTheDocument();
    expect(screen.getByText('iceberg-rest')).toBeInTheDocument();
  });

  it('says so when the image has no Iceberg catalog', async () => {
    await renderCard(spark({ role: 'none' }));
    expect(
      await screen.findByText(/neither provides nor uses an Iceberg catalog/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns a provider without rollback notes and says exactly what to add', async () => {
    await renderCard(
      spark({
        role: 'provider',
        provides: { kind: 'iceberg-rest', protocols: ['iceberg-rest'] },
      }),
    );
    const warning = await screen.findByRole('alert');
    expect(
      within(warning).getByText('Rollback notes are missing'),
    ).toBeInTheDocument();
    expect(
      within(warning).getByText(
        /a catalog provider documents how to roll back/,
      ),
    ).toBeInTheDocument();
    expect(within(warning).getByText(/Add/)).toHaveTextContent(
      "Add catalog.rollback and catalog.compose_example to this container's container.yaml, for example:",
    );
    const snippet = await yamlSnippetIn(warning);
    expect(snippet).toContain('catalog:');
    expect(snippet).toContain('  rollback:');
    expect(snippet).toContain('    steps:');
    expect(snippet).toContain('  compose_example:');
  });

  it('warns a Glue consumer without a decision, and still shows what it has', async () => {
    const { decision, ...withoutDecision } = sparkCatalog;
    await renderCard(spark(withoutDecision));
    const warning = await screen.findByRole('alert');
    expect(
      within(warning).getByText(/uses a cloud-native catalog \(glue\)/),
    ).toBeInTheDocument();
    const snippet = await yamlSnippetIn(warning);
    expect(snippet).toContain('  decision:');
    expect(snippet).not.toContain('rollback:');
    expect(decision.status).toBe('accepted');
    expect(
      screen.getByRole('list', { name: 'Rollback steps' }),
    ).toBeInTheDocument();
  });

  it('does not warn a container whose notes are complete', async () => {
    await renderCard(spark(sparkCatalog));
    expect(
      await screen.findByText('Rollback to Hive Metastore'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Rollback notes are missing'),
    ).not.toBeInTheDocument();
  });
});
