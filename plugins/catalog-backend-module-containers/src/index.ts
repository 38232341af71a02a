/**
 * Catalog backend module that turns every container.yaml into a catalog entity.
 *
 * @packageDocumentation
 */
export { catalogModuleContainers as default } from './module';
export {
  ContainersEntityProvider,
  type ContainersRefreshSummary,
} from './ContainersEntityProvider';
export { ContainerYamlProcessor } from './ContainerYamlProcessor';
export { SlugClaims } from './SlugClaims';
export type { UnparsedContainerYaml } from './containerFiles';
export type { ContainerYamlReport } from './ingest';
export {
  readContainersTargets,
  type ContainersTarget,
  type ContainersTargetSource,
  type ContainerEntityDefaults,
} from './config';
export { ANNOTATION_PROBLEMS, containerToEntity } from './mapping';
export type { ContainerYamlSource } from './mapping';
export { toEntityName } from './entityName';
