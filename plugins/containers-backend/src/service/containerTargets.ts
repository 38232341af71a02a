import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SLUG,
  ContainerVersionSpec,
} from '@dockyard/plugin-containers-common';
import { DriftTarget } from '@dockyard/plugin-containers-node';

/** A container entity to check: its ref and what the engine needs. */
export interface EntityDriftTarget extends DriftTarget {
  entityRef: string;
}

/**
 * The drift target of a container entity: the slug from `dockyard.io/slug` (else the entity
 * name) and the version block from `spec.container.version`, where the catalog module puts
 * the parsed container.yaml.
 */
export function entityDriftTarget(entity: Entity): EntityDriftTarget {
  const container = (entity.spec?.container ?? {}) as {
    version?: ContainerVersionSpec;
  };
  return {
    entityRef: stringifyEntityRef(entity),
    slug:
      entity.metadata.annotations?.[ANNOTATION_SLUG] ?? entity.metadata.name,
    version: container.version as ContainerVersionSpec,
  };
}
