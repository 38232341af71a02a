import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { containersApiRef } from './api';
import {
  containerEntity,
  driftRecord,
  mockContainersApi,
} from './__testUtils__/fixtures';
import {
  ContainerDriftPage,
  containersPlugin,
  EntityMetastoreRollbackCard,
  EntityContainerContent,
  EntityContainerDriftCard,
} from './plugin';

/**
 * The legacy test app's router at `path`, opted in to React Router v7's behaviour as the new
 * frontend system's router is (without the flags it warns on every render).
 */
function routerAt(path: string) {
  return ({ children }: { children?: ReactNode }) => (
    <MemoryRouter
      initialEntries={[path]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );
}

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
      EntityMetastoreRollbackCard,
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
        components: { Router: routerAt('/containers') },
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
