import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONTAINER_YAML } from '@dockyard/plugin-containers-common';

/**
 * True for the catalog entities made from a container.yaml: the catalog module marks every one
 * with the `dockyard.io/container-yaml` annotation. For `EntitySwitch.Case if={…}` in legacy apps.
 *
 * @public
 */
export function isContainerEntity(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_CONTAINER_YAML]);
}

/**
 * The same test as an entity predicate, for the new frontend system's `filter` (app-config can
 * override it per extension).
 */
export const containerEntityPredicate = {
  [`metadata.annotations.${ANNOTATION_CONTAINER_YAML}`]: { $exists: true },
};
