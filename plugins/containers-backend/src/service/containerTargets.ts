import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SLUG,
  ContainerSpec,
} from '@dockyard/plugin-containers-common';
import {
  containerDriftTarget,
  DriftTarget,
} from '@dockyard/plugin-containers-node';

/** A container entity to check: its ref and what the engine needs. */
export interface EntityDriftTarget extends DriftTarget {
  entityRef: string;
}

/**
 * The drift target of a container entity: the slug from `dockyard.io/slug` (else the entity
 * name), and the version block (companions included) and base image from `spec.container`,
 * where the catalog module puts the parsed container.yaml, with its tokens resolved.
 */
export function entityDriftTarget(entity: Entity): EntityDriftTarget {
  const slug =
    entity.metadata.annotations?.[ANNOTATION_SLUG] ?? entity.metadata.name;
  // The catalog keeps tokens as written ("!version.component"); the engine needs values.
  const written = entity.spec?.container as ContainerSpec | undefined;
  return {
    entityRef: stringifyEntityRef(entity),
    ...containerDriftTarget(slug, written),
  };
}
