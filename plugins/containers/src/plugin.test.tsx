import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { containersApiRef } from './api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from './__testUtils__/fixtures';
import {
  ContainerDriftPage,
  containersPlugin,
  EntityCatalogRollbackCard,
  EntityContainerContent,
  EntityContainerDriftCard,
} from './plugin';

describe('containers plugin (legacy frontend system)', () => {
  it('is the containers plugin and provides the ContainersApi', () => {
    expect(containersPlugin.getId()).toBe('containers');
    expect(
      [...containersPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([containersApiRef.id]);
  });

  it('exports the cards and the tab as components', () => {
    for (const component of [
      EntityContainerDriftCard,
      EntityCatalogRollbackCard,
      EntityContainerContent,
    ]) {
      expect(typeof component).toBe('function');
    }
  });

  it('renders the drift overview page with its own header', async () => {
    const api = mockContainersApi({
      listDrift: jest.fn(async () => [
        driftRecord({
          entityRef: 'component:default/hive-metastore',
          status: 'behind',
          latest: '4.1.0',
          behind: { major: 0, minor: 1, patch: 0, releases: 2 },
        }),
      ]),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [containersApiRef, api],
          [
            catalogApiRef,
            catalogApiMock({ entities: [containerEntity('hive-metastore')] }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <Routes>
          <Route path="/containers" element={<ContainerDriftPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/containers'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Container drift' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('1 container')).toBeInTheDocument();
    expect(screen.getByText('1 minor')).toBeInTheDocument();
    expect(screen.getByText('2 releases')).toBeInTheDocument();
  });
});
