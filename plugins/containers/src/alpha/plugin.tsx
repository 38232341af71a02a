import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import UpdateIcon from '@material-ui/icons/Update';
import { containersApiRef, ContainersClient } from '../api';
import { containerEntityPredicate } from '../lib/isContainerEntity';
import { rootRouteRef, scaffolderTemplateRouteRef } from '../routes';
import { containerSlugFormField } from '../scaffolder/extension';
import {
  containerSearchResultListItem,
  containerSearchResultType,
} from './searchResultItems';

/** @alpha */
export const containersApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: containersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ContainersClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-card:containers/drift`: version drift on a container's overview.
 *
 * @alpha
 */
export const containerDriftEntityCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    filter: containerEntityPredicate,
    loader: () =>
      import('../components/ContainerDriftCard').then(m => (
        <m.ContainerDriftCard />
      )),
  },
});

/**
 * `entity-card:containers/catalog-rollback`: the Iceberg catalog decision and rollback notes.
 *
 * @alpha
 */
export const metastoreRollbackEntityCard = EntityCardBlueprint.make({
  name: 'catalog-rollback',
  params: {
    filter: containerEntityPredicate,
    loader: () =>
      import('../components/MetastoreRollbackCard').then(m => (
        <m.MetastoreRollbackCard />
      )),
  },
});

/**
 * `entity-content:containers/container`: the "Container" tab.
 *
 * @alpha
 */
export const containerEntityContent = EntityContentBlueprint.make({
  name: 'container',
  params: {
    path: '/container',
    title: 'Container',
    filter: containerEntityPredicate,
    loader: () =>
      import('../components/ContainerContent').then(m => (
        <m.ContainerContent />
      )),
  },
});

/**
 * `page:containers`: the drift overview, with its sidebar item "Container drift".
 *
 * @alpha
 */
export const driftOverviewPage = PageBlueprint.make({
  params: {
    path: '/containers',
    title: 'Container drift',
    icon: <UpdateIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/DriftOverview').then(m => <m.DriftOverview />),
  },
});

/**
 * The containers plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'containers',
  title: 'Container drift',
  icon: <UpdateIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  // The drift card's "Bump to …" button; bound to the scaffolder's template page by default.
  externalRoutes: { scaffolderTemplate: scaffolderTemplateRouteRef },
  extensions: [
    containersApi,
    containerDriftEntityCard,
    metastoreRollbackEntityCard,
    containerEntityContent,
    driftOverviewPage,
    containerSlugFormField,
    containerSearchResultListItem,
    containerSearchResultType,
  ],
});
