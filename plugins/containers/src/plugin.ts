import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { CONTAINER_SEARCH_TYPE } from '@dockyard/plugin-containers-common';
import { containersApiRef, ContainersClient } from './api';
import { rootRouteRef, scaffolderTemplateRouteRef } from './routes';
import type { ContainerSearchResultListItemProps } from './components/ContainerSearchResultListItem';

/**
 * The containers plugin for apps on the legacy frontend system (`EntityPage.tsx`).
 * Apps on the new frontend system install `@dockyard/plugin-containers/alpha` instead.
 *
 * @public
 */
export const containersPlugin = createPlugin({
  id: 'containers',
  apis: [
    createApiFactory({
      api: containersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ContainersClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
  // The drift card's "Bump to …" button: bind it to the scaffolder's selectedTemplateRouteRef.
  externalRoutes: { scaffolderTemplate: scaffolderTemplateRouteRef },
});

/**
 * Version drift card for a container's overview tab.
 *
 * @public
 */
export const EntityContainerDriftCard = containersPlugin.provide(
  createComponentExtension<() => JSX.Element>({
    name: 'EntityContainerDriftCard',
    component: {
      lazy: () =>
        import('./components/ContainerDriftCard').then(
          m => m.ContainerDriftCard,
        ),
    },
  }),
);

/**
 * Iceberg catalog decision and rollback notes card for a container's overview tab.
 *
 * @public
 */
export const EntityMetastoreRollbackCard = containersPlugin.provide(
  createComponentExtension<() => JSX.Element>({
    name: 'EntityMetastoreRollbackCard',
    component: {
      lazy: () =>
        import('./components/MetastoreRollbackCard').then(
          m => m.MetastoreRollbackCard,
        ),
    },
  }),
);

/**
 * The "Container" tab: runtime, build, publish and tests of a container.
 *
 * @public
 */
export const EntityContainerContent = containersPlugin.provide(
  createComponentExtension<() => JSX.Element>({
    name: 'EntityContainerContent',
    component: {
      lazy: () =>
        import('./components/ContainerContent').then(m => m.ContainerContent),
    },
  }),
);

/**
 * The drift overview page: every container, its status and how far behind it is.
 *
 * @public
 */
export const ContainerDriftPage = containersPlugin.provide(
  createRoutableExtension<() => JSX.Element>({
    name: 'ContainerDriftPage',
    component: () =>
      import('./components/DriftOverview').then(m => m.DriftOverviewPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A container in search results (documents of type `dockyard-container`, from
 * `@dockyard/plugin-search-backend-module-containers`): name, summary, upstream, version and drift
 * status. Put it inside `<SearchResult>` on the search page.
 *
 * @public
 */
export const ContainerSearchResultListItem: (
  props: ContainerSearchResultListItemProps,
) => JSX.Element | null = containersPlugin.provide(
  createSearchResultListItemExtension({
    name: 'ContainerSearchResultListItem',
    component: () =>
      import('./components/ContainerSearchResultListItem').then(
        m => m.ContainerSearchResultListItem,
      ),
    predicate: result => result.type === CONTAINER_SEARCH_TYPE,
  }),
);
