import type { Entity } from '@backstage/catalog-model';
import type {
  ContainerMetastore,
  ContainerSpec,
} from '@dockyard/plugin-containers-common';

/** The parsed container.yaml, as written (snake_case, tokens unresolved). */
export type ContainerDocument = ContainerSpec;
/** The `catalog` block of a container.yaml. */
export type MetastoreBlock = ContainerMetastore;
/** One entry of `catalog.uses`. */
export type MetastoreUse = NonNullable<MetastoreBlock['uses']>[number];
/** A scalar value of container.yaml (a string may be a `!token`). */
export type Scalar = string | number | boolean;

/**
 * The container.yaml of a container entity: the catalog module keeps the parsed file in
 * `spec.container`. Undefined on other entities.
 */
export function readContainer(entity: Entity): ContainerDocument | undefined {
  const container = entity.spec?.container;
  if (container && typeof container === 'object' && !Array.isArray(container)) {
    return container as unknown as ContainerDocument;
  }
  return undefined;
}
