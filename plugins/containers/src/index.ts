/**
 * Dockyard's containers plugin: version drift card, Iceberg catalog rollback card, container tab
 * and drift overview page. This entry point serves apps on the legacy frontend system; the new
 * frontend system's plugin is the default export of `@dockyard/plugin-containers/alpha`.
 *
 * @packageDocumentation
 */
export {
  containersPlugin,
  EntityContainerDriftCard,
  EntityMetastoreRollbackCard,
  EntityContainerContent,
  ContainerDriftPage,
  ContainerSearchResultListItem,
} from './plugin';
export type { ContainerSearchResultListItemProps } from './components/ContainerSearchResultListItem';
/**
 * True for the catalog entities made from a container.yaml; for `EntitySwitch.Case if={…}` in
 * legacy apps. The one definition lives in containers-common.
 */
export { isContainerEntity } from '@dockyard/plugin-containers-common';
export { containersApiRef, ContainersClient } from './api';
export type { ContainersApi, UnloadedContainerFile } from './api';
export { DriftStatusChip } from './components/DriftStatusChip';
