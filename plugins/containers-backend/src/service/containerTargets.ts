import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SLUG,
  ContainerSpec,
  ContainerVersionSpec,
  resolveTokens,
} from '@dockyard/plugin-containers-common';
import { DriftTarget } from '@dockyard/plugin-containers-node';

/** A container entity to check: its ref and what the engine needs. */
export interface EntityDriftTarget extends DriftTarget {
  entityRef: string;
}

/**
 * The drift target of a container entity: the slug from `dockyard.io/slug` (else the entity
 * name) and the version block from `spec.container.version`, where the catalog module puts
 * the parsed container.yaml, with its tokens resolved.
 */
export function entityDriftTarget(entity: Entity): EntityDriftTarget {
  const written = (entity.spec?.container ?? {}) as ContainerSpec;
  let container: { version?: unknown } = written;
  try {
    // The catalog keeps tokens as written ("!version.component"); the engine needs values.
    container = resolveTokens(written);
  } catch {
    // A token that names nothing: check what is written, the engine says what is missing.
  }
  return {
    entityRef: stringifyEntityRef(entity),
    slug:
      entity.metadata.annotations?.[ANNOTATION_SLUG] ?? entity.metadata.name,
    version: container.version as ContainerVersionSpec,
  };
}
