import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { containersApiRef } from '../api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from '../__testUtils__/fixtures';
import containersPlugin, {
  metastoreRollbackEntityCard,
  containerDriftEntityCard,
  containerEntityContent,
} from './plugin';

const container = containerEntity('hive-metastore', {
  container: {
    name: 'Hive Metastore',
    slug: 'hive-metastore',
    summary: 'Hive Metastore',
    maintainers: [{ name: 'Team', email: 'team@example.com' }],
    version: { strategy: 'github-tag', current: '4.0.1' },
    catalog: { role: 'none' },
  },
});

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'portal',
    annotations: { 'backstage.io/source-location': 'url:https://example.com/' },
  },
  spec: { type: 'service', owner: 'group:default/web' },
};

function apis() {
  return [
    [
      containersApiRef,
      mockContainersApi({
        getDrift: jest.fn(async () => driftRecord({ status: 'up-to-date' })),
        listDrift: jest.fn(async () => [driftRecord({ status: 'up-to-date' })]),
      }),
    ],
    [catalogApiRef, catalogApiMock({ entities: [container, service] })],
    mockApis.permission(),
  ] as const;
}

describe('containers plugin (new frontend system)', () => {
  it('has the extension ids apps configure', () => {
    expect(containersPlugin.id).toBe('containers');
    expect(containersPlugin.getExtension('page:containers')).toBeDefined();
    expect(containersPlugin.getExtension('api:containers')).toBeDefined();
    expect(
      containersPlugin.getExtension('entity-card:containers/drift'),
    ).toBeDefined();
    expect(
      containersPlugin.getExtension('entity-card:containers/catalog-rollback'),
    ).toBeDefined();
    expect(
      containersPlugin.getExtension('entity-content:containers/container'),
    ).toBeDefined();
  });

  it('serves the drift overview at /containers, in the sidebar as "Container drift"', async () => {
    renderTestApp({
      features: [containersPlugin],
      initialRouteEntries: ['/containers'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: apis(),
    });
    // The whole test app mounts first: slow on a busy machine, so wait longer than the default second.
    expect(
      await screen.findByText('1 container', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Container drift' }),
    ).toBeInTheDocument();
    // The page is also the sidebar's "Container drift" item (and the header's title link).
    const links = screen.getAllByRole('link', { name: 'Container drift' });
    expect(links.map(link => link.getAttribute('href'))).toContain(
      '/containers',
    );
    expect(
      links.some(link => link.className.includes('BackstageSidebarItem')),
    ).toBe(true);
  });

  it('attaches the cards and the tab to container entities only', () => {
    const filters = [
      createExtensionTester(containerDriftEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(metastoreRollbackEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(containerEntityContent).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ),
    ];
    for (const filter of filters) {
      expect(filter).toBeDefined();
      expect(filter!(container)).toBe(true);
      expect(filter!(service)).toBe(false);
    }
  });

  it('renders both cards on the page of a container entity', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: container }),
        containerDriftEntityCard,
        metastoreRollbackEntityCard,
      ],
      apis: apis(),
    });
    expect(await screen.findByText('Version drift')).toBeInTheDocument();
    expect(
      await screen.findByText('Iceberg catalog and rollback'),
    ).toBeInTheDocument();
  });

  it('renders nothing of its own on the page of another entity', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: service }),
        containerDriftEntityCard,
        metastoreRollbackEntityCard,
        containerEntityContent,
      ],
      apis: apis(),
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('Version drift')).not.toBeInTheDocument();
  });

  it('adds the Container tab to container entities', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: container }),
        containerEntityContent,
      ],
      apis: apis(),
    });
    expect(await screen.findByText('Upstream version')).toBeInTheDocument();
  });
});
