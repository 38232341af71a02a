import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { JsonObject } from '@backstage/types';
import type { ContainerFile } from '@dockyard/plugin-containers-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { containersApiRef } from '../../api';
import {
  containerEntity,
  mockContainersApi,
} from '../../__testUtils__/fixtures';
import { MetastoreRollbackCard } from './MetastoreRollbackCard';

const base = {
  name: 'Apache Spark Runtime',
  slug: 'spark',
  summary: 'Spark',
  maintainers: [{ name: 'Data Platform Team', email: 'dp@example.com' }],
  version: { strategy: 'http-directory', current: '4.0.1' },
};

/** Spark's catalog block: a consumer on Hive Metastore with Glue, REST and Nessie as alternatives. */
const sparkMetastore = {
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

/** The page address, where the file viewer keeps the file it shows. */
function PageAddress() {
  const { pathname, search, hash } = useLocation();
  return (
    <output aria-label="Page address">{`${pathname}${search}${hash}`}</output>
  );
}

const ENTITY_PAGE = '/catalog/default/component/spark';

async function renderCard(
  entity: Entity,
  api = mockContainersApi(),
  route = ENTITY_PAGE,
) {
  // renderInTestApp renders synchronously; a file the address names arrives a microtask later.
  await act(async () => {
    renderInTestApp(
      <EntityProvider entity={entity}>
        <MetastoreRollbackCard />
        <PageAddress />
      </EntityProvider>,
      {
        apis: [[containersApiRef, api]],
        mountPath: '/catalog/:namespace/:kind/:name/*',
        initialRouteEntries: [route],
      },
    );
  });
  return api;
}

const pageAddress = () =>
  // hidden: an open dialog hides the rest of the page from assistive technology.
  screen.getByRole('status', { name: 'Page address', hidden: true })
    .textContent;

function spark(metastore: JsonObject, annotations?: Record<string, string>) {
  return containerEntity('spark', {
    container: { ...base, catalog: metastore } as JsonObject,
    annotations,
  });
}

describe('MetastoreRollbackCard', () => {
  it('shows the active catalog first and the others as alternatives', async () => {
    await renderCard(spark(sparkMetastore));
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
    await renderCard(spark(sparkMetastore));
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
    await renderCard(spark(sparkMetastore));
    const steps = await screen.findByRole('list', { name: 'Rollback steps' });
    expect(steps.tagName).toBe('OL');
    const items = within(steps).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual(
      sparkMetastore.rollback.steps,
    );
    const first = within(items[0]).getByRole('checkbox');
    expect(first).not.toBeChecked();
    await userEvent.click(first);
    expect(first).toBeChecked();
    expect(within(items[1]).getByRole('checkbox')).not.toBeChecked();
  });

  it('shows config changes as from → to, the migration, verification and links', async () => {
    await renderCard(spark(sparkMetastore));
    expect(
      await screen.findByText('Rollback to Hive Metastore'),
    ).toBeInTheDocument();
    const change = sparkMetastore.rollback.config_changes[0];
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
      screen.getByText(sparkMetastore.rollback.metadata_migration),
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
    const { decision, ...withoutDecision } = sparkMetastore;
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
    await renderCard(spark(sparkMetastore));
    expect(
      await screen.findByText('Rollback to Hive Metastore'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Rollback notes are missing'),
    ).not.toBeInTheDocument();
  });

  it('shows a runbook, ADR or compose example that is not a web link as text', async () => {
    await renderCard(
      spark({
        ...sparkMetastore,
        // eslint-disable-next-line no-script-url
        decision: { ...sparkMetastore.decision, adr: 'JaVaScRiPt:alert(1)' },
        rollback: {
          ...sparkMetastore.rollback,
          runbook: 'https://wiki.example.com/runbooks/catalog-rollback',
        },
        compose_example: 'data:text/html,<script>alert(1)</script>',
      }),
    );
    expect(
      await screen.findByRole('link', { name: /^Runbook/ }),
    ).toHaveAttribute(
      'href',
      'https://wiki.example.com/runbooks/catalog-rollback',
    );
    // eslint-disable-next-line no-script-url
    expect(screen.getByText('JaVaScRiPt:alert(1)')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Decision record/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getAllByText('data:text/html,<script>alert(1)</script>').length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('link', { name: /Compose example/ }),
    ).not.toBeInTheDocument();
    const hrefs = Array.from(document.querySelectorAll('a[href]')).map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs.filter(href => !/^https:\/\//.test(href!))).toEqual([]);
  });

  it.each([
    // eslint-disable-next-line no-script-url
    ['javascript:alert(1)//!x'],
    ['java\tscript:alert(1)'],
    [' javascript:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['//evil.example/runbook'],
  ])('shows the runbook %j as text, not a link', async runbook => {
    await renderCard(
      spark({
        ...sparkMetastore,
        rollback: { ...sparkMetastore.rollback, runbook },
      }),
    );
    expect(
      await screen.findByRole('link', { name: /^Compose example/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Runbook/)).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Runbook/ }),
    ).not.toBeInTheDocument();
  });

  describe('for a container read from the portal disk', () => {
    const local = {
      'dockyard.io/container-yaml':
        'file:/srv/platform/containers/spark/container.yaml',
      'backstage.io/source-location': 'file:/srv/platform/containers/spark/',
    };
    const RUNBOOK = sparkMetastore.rollback.runbook;
    const ADR = sparkMetastore.decision.adr;
    const FILES: Record<string, ContainerFile> = {
      [RUNBOOK]: {
        path: RUNBOOK,
        language: 'markdown',
        content: [
          '# Runbook: Iceberg catalog rollback',
          '',
          'Why: see [the decision](../adr/0001-iceberg-catalog.md#rollback) and [Iceberg](https://iceberg.apache.org/).',
          '',
          '## 0. Prepare',
          '',
          'Freeze writers first.',
          '',
          '- [x] Stop the writers',
          '- [ ] Point the catalog back',
          '',
          '```sql',
          'SELECT * FROM lakehouse.orders.snapshots;',
          '```',
        ].join('\n'),
      },
      [ADR]: {
        path: ADR,
        language: 'markdown',
        content:
          '# ADR 0001: Iceberg catalog\n\n## Rollback\n\nHive Metastore.',
      },
      'conf/spark-defaults.conf': {
        path: 'conf/spark-defaults.conf',
        language: 'properties',
        content:
          'spark.sql.catalog.lakehouse.type hive\nspark.sql.catalog.lakehouse.uri thrift://hive-metastore:9083\n',
      },
    };
    const serving = () =>
      mockContainersApi({
        getContainerFile: jest.fn(async (_ref: string, path: string) => {
          const file = FILES[path];
          if (!file) throw new Error(`unexpected ${path}`);
          return file;
        }),
      });

    it('links the runbook, compose example, ADR and config files to the file viewer', async () => {
      await renderCard(spark(sparkMetastore, local));
      const viewer = (path: string) => `${ENTITY_PAGE}?containerFile=${path}`;
      expect(
        await screen.findByRole('link', { name: 'Runbook' }),
      ).toHaveAttribute('href', viewer(RUNBOOK));
      expect(
        screen.getByRole('link', { name: 'Decision record (ADR)' }),
      ).toHaveAttribute('href', viewer(ADR));
      expect(
        screen.getByRole('link', { name: 'Compose example' }),
      ).toHaveAttribute('href', viewer(sparkMetastore.compose_example));
      const changes = screen.getByRole('region', { name: 'Config changes' });
      expect(
        within(changes).getByRole('link', { name: 'conf/spark-defaults.conf' }),
      ).toHaveAttribute('href', viewer('conf/spark-defaults.conf'));
      expect(
        within(screen.getByRole('list', { name: 'Catalogs' }))
          .getAllByRole('link')
          .map(link => link.textContent),
      ).toEqual(['conf/spark-defaults.conf', 'conf/spark-defaults.glue.conf']);
      // Nothing is open or fetched until someone clicks.
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it('opens the runbook rendered as Markdown, and closes it again', async () => {
      const api = await renderCard(spark(sparkMetastore, local), serving());
      await userEvent.click(
        await screen.findByRole('link', { name: 'Runbook' }),
      );

      const dialog = await screen.findByRole('dialog', { name: RUNBOOK });
      expect(
        await within(dialog).findByRole('heading', {
          name: 'Runbook: Iceberg catalog rollback',
        }),
      ).toBeInTheDocument();
      expect(
        within(dialog).getByText('Freeze writers first.'),
      ).toBeInTheDocument();
      // Its task list's checkboxes are named by their steps; its code block takes focus.
      expect(
        within(dialog).getByRole('checkbox', { name: 'Stop the writers' }),
      ).toBeChecked();
      expect(
        within(dialog).getByRole('checkbox', {
          name: 'Point the catalog back',
        }),
      ).not.toBeChecked();
      expect(dialog.querySelector('pre')).toHaveAttribute('tabindex', '0');
      expect(api.getContainerFile).toHaveBeenCalledWith(
        'component:default/spark',
        RUNBOOK,
      );
      expect(pageAddress()).toBe(`${ENTITY_PAGE}?containerFile=${RUNBOOK}`);

      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Close' }),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(pageAddress()).toBe(ENTITY_PAGE);
    });

    // jsdom does not lay out or scroll: record what the viewer scrolls to.
    let scrolledTo: Element[];
    beforeEach(() => {
      scrolledTo = [];
      Element.prototype.scrollIntoView = function scrollIntoView(
        this: Element,
      ) {
        scrolledTo.push(this);
      };
    });
    afterEach(() => {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    it('follows a relative link in the runbook to the ADR, in the viewer; URLs stay URLs', async () => {
      const api = await renderCard(spark(sparkMetastore, local), serving());
      await userEvent.click(
        await screen.findByRole('link', { name: 'Runbook' }),
      );
      const dialog = await screen.findByRole('dialog', { name: RUNBOOK });
      const decision = await within(dialog).findByRole('link', {
        name: 'the decision',
      });
      expect(decision).toHaveAttribute(
        'href',
        `${ENTITY_PAGE}?containerFile=${ADR}#rollback`,
      );
      expect(
        within(dialog).getByRole('link', { name: /Iceberg/ }),
      ).toHaveAttribute('href', 'https://iceberg.apache.org/');

      await userEvent.click(decision);
      const adr = await screen.findByRole('dialog', { name: ADR });
      expect(
        await within(adr).findByRole('heading', {
          name: 'ADR 0001: Iceberg catalog',
        }),
      ).toBeInTheDocument();
      expect(api.getContainerFile).toHaveBeenLastCalledWith(
        'component:default/spark',
        ADR,
      );
      // …scrolled to the section the link names.
      const rollback = within(adr).getByRole('heading', { name: 'Rollback' });
      await waitFor(() => expect(scrolledTo).toContain(rollback));
    });

    it('renders a Markdown link that is not a web link as its text', async () => {
      const api = mockContainersApi({
        getContainerFile: jest.fn(async () => ({
          path: RUNBOOK,
          language: 'markdown',
          content: [
            '# Runbook',
            '',
            '- [script](javascript:alert(1))',
            '- [mixed case](JaVaScRiPt:alert(1))',
            '- [data](data:text/html,hi)',
            '- [disk](file:///etc/passwd)',
            '- [elsewhere](//evil.example/x)',
            '- <a href="java&#9;script:alert(1)">raw tab</a>',
            '- <a href="&#106;avascript:alert(1)">raw entity</a>',
            '- [mail](mailto:dp@example.com)',
            '- [Iceberg](https://iceberg.apache.org/)',
            '- [the decision](../adr/0001-iceberg-catalog.md)',
          ].join('\n'),
        })),
      });
      await renderCard(spark(sparkMetastore, local), api);
      await userEvent.click(
        await screen.findByRole('link', { name: 'Runbook' }),
      );
      const dialog = await screen.findByRole('dialog', { name: RUNBOOK });
      expect(
        await within(dialog).findByRole('link', { name: /Iceberg/ }),
      ).toHaveAttribute('href', 'https://iceberg.apache.org/');
      expect(
        within(dialog).getByRole('link', { name: /mail/ }),
      ).toHaveAttribute('href', 'mailto:dp@example.com');
      expect(
        within(dialog).getByRole('link', { name: 'the decision' }),
      ).toHaveAttribute('href', `${ENTITY_PAGE}?containerFile=${ADR}`);
      for (const text of [
        'script',
        'mixed case',
        'data',
        'disk',
        'elsewhere',
        'raw tab',
        'raw entity',
      ]) {
        expect(within(dialog).getByText(text).closest('a')).toBeNull();
      }
      expect(dialog.querySelectorAll('a[href]')).toHaveLength(3);
    });

    it('shows a config file as numbered source with its path as the title', async () => {
      await renderCard(spark(sparkMetastore, local), serving());
      const changes = await screen.findByRole('region', {
        name: 'Config changes',
      });
      await userEvent.click(
        within(changes).getByRole('link', { name: 'conf/spark-defaults.conf' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'conf/spark-defaults.conf',
      });
      await waitFor(() =>
        expect(dialog.querySelector('pre')?.textContent).toContain(
          'spark.sql.catalog.lakehouse.uri thrift://hive-metastore:9083',
        ),
      );
      // Line numbers, as a code viewer has them.
      expect(dialog.querySelector('pre')?.textContent).toMatch(/^1\s*spark/);
      expect(within(dialog).queryByRole('heading', { level: 1 })).toBeNull();
    });

    it('opens the file named in the page address, so a link to it can be shared', async () => {
      await renderCard(
        spark(sparkMetastore, local),
        serving(),
        `${ENTITY_PAGE}?containerFile=${encodeURIComponent(RUNBOOK)}`,
      );
      const dialog = await screen.findByRole('dialog', { name: RUNBOOK });
      expect(
        await within(dialog).findByRole('heading', { name: '0. Prepare' }),
      ).toBeInTheDocument();
    });

    it("says why a file cannot be shown, in the backend's words", async () => {
      const api = mockContainersApi({
        getContainerFile: jest.fn(async () => {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: {
                  name: 'FileTooLargeError',
                  message:
                    '../../docs/runbooks/iceberg-catalog-rollback.md is 600 KiB; files over 512 KiB are not shown in the portal',
                },
                request: {
                  method: 'GET',
                  url: '/files/default/component/spark',
                },
                response: { statusCode: 413 },
              }),
              {
                status: 413,
                headers: { 'content-type': 'application/json' },
              },
            ),
          );
        }),
      });
      await renderCard(spark(sparkMetastore, local), api);
      await userEvent.click(
        await screen.findByRole('link', { name: 'Runbook' }),
      );
      const alert = await within(
        await screen.findByRole('dialog', { name: RUNBOOK }),
      ).findByRole('alert');
      expect(alert).toHaveTextContent('This file cannot be shown');
      expect(alert).toHaveTextContent(
        'iceberg-catalog-rollback.md is 600 KiB; files over 512 KiB are not shown in the portal',
      );
    });

    it('shows progress while the file loads', async () => {
      const api = mockContainersApi({
        getContainerFile: jest.fn(() => new Promise<ContainerFile>(() => {})),
      });
      await renderCard(spark(sparkMetastore, local), api);
      await userEvent.click(
        await screen.findByRole('link', { name: 'Runbook' }),
      );
      const dialog = await screen.findByRole('dialog', { name: RUNBOOK });
      expect(
        await within(dialog).findByRole('progressbar'),
      ).toBeInTheDocument();
    });

    it('keeps an absolute path as text: the portal does not serve it', async () => {
      await renderCard(
        spark(
          {
            ...sparkMetastore,
            rollback: {
              ...sparkMetastore.rollback,
              runbook: '/srv/runbooks/rollback.md',
            },
          },
          local,
        ),
      );
      expect(
        await screen.findByText('/srv/runbooks/rollback.md'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('link', { name: /Runbook/ }),
      ).not.toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'Compose example' }),
      ).toBeInTheDocument();
    });

    it('never opens the viewer for a container read from a URL', async () => {
      const api = await renderCard(
        spark(sparkMetastore),
        mockContainersApi(),
        `${ENTITY_PAGE}?containerFile=${encodeURIComponent(RUNBOOK)}`,
      );
      expect(
        await screen.findByRole('link', { name: /^Runbook/ }),
      ).toHaveAttribute(
        'href',
        'https://github.com/example/platform/tree/main/docs/runbooks/iceberg-catalog-rollback.md',
      );
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(api.getContainerFile).not.toHaveBeenCalled();
    });
  });
});
