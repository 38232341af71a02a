import type { ContainerProblem } from './container';

/**
 * Annotations that the catalog module puts on every container entity. The frontend shows its
 * cards only on entities that carry `dockyard.io/container-yaml`.
 *
 * @public
 */
export const ANNOTATION_CONTAINER_YAML = 'dockyard.io/container-yaml';
/**
 * The container's slug (its folder name under containers/).
 *
 * @public
 */
export const ANNOTATION_SLUG = 'dockyard.io/slug';
/**
 * publish.image, e.g. `ghcr.io/example/data-platform/trino`.
 *
 * @public
 */
export const ANNOTATION_IMAGE = 'dockyard.io/image';
/**
 * version.strategy, e.g. `github-release`.
 *
 * @public
 */
export const ANNOTATION_UPSTREAM_STRATEGY = 'dockyard.io/upstream-strategy';
/**
 * The upstream feed, e.g. `github:trinodb/trino`, `docker.io/library/postgres`, `pypi:apache-airflow`.
 *
 * @public
 */
export const ANNOTATION_UPSTREAM_SOURCE = 'dockyard.io/upstream-source';
/**
 * version.current.
 *
 * @public
 */
export const ANNOTATION_CURRENT_VERSION = 'dockyard.io/current-version';
/**
 * On the stand-in for a container.yaml that does not load: its problems, as a JSON array of
 * `ContainerProblem`. The catalog module's processor turns them into processing errors.
 *
 * @public
 */
export const ANNOTATION_PROBLEMS = 'dockyard.io/problems';

/**
 * spec.type of a container entity.
 *
 * @public
 */
export const CONTAINER_COMPONENT_TYPE = 'container';
/**
 * kind of a container entity.
 *
 * @public
 */
export const CONTAINER_ENTITY_KIND = 'Component';

/**
 * What makes a catalog entity a container, as a filter: a Component of type `container` made from
 * a container.yaml (the catalog module marks it with `dockyard.io/container-yaml`). `exists` is
 * how the reader says "this annotation is set": `CATALOG_FILTER_EXISTS` for the catalog client,
 * `{ $exists: true }` for the new frontend system's entity predicates.
 *
 * @public
 */
export function containerEntityFilter<T>(exists: T) {
  const annotation =
    `metadata.annotations.${ANNOTATION_CONTAINER_YAML}` as const;
  return {
    kind: CONTAINER_ENTITY_KIND,
    'spec.type': CONTAINER_COMPONENT_TYPE,
    [annotation]: exists,
  };
}

/**
 * What {@link containerEntityFilter} selects, for one entity at hand (the catalog compares kinds
 * without case, and so does this).
 *
 * @public
 */
export function isContainerEntity(entity: {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec?: { [key: string]: unknown };
}): boolean {
  return (
    entity.kind.toLowerCase() === CONTAINER_ENTITY_KIND.toLowerCase() &&
    entity.spec?.type === CONTAINER_COMPONENT_TYPE &&
    Boolean(entity.metadata.annotations?.[ANNOTATION_CONTAINER_YAML])
  );
}

/**
 * The problems a stand-in entity carries (its `dockyard.io/problems` annotation), or undefined for
 * a regular entity. A value that is not the JSON the catalog module writes is still reported, as
 * one problem of `fallbackFile` (default: the entity's container.yaml location).
 *
 * @public
 */
export function containerProblemsOf(
  entity: { metadata: { annotations?: Record<string, string> } },
  fallbackFile?: string,
): ContainerProblem[] | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const raw = annotations[ANNOTATION_PROBLEMS];
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed as ContainerProblem[];
  } catch {
    // fall through: a hand-written annotation is still a problem to report
  }
  return [
    {
      file: fallbackFile ?? annotations[ANNOTATION_CONTAINER_YAML] ?? '',
      line: 0,
      column: 0,
      path: '',
      message: raw,
      severity: 'error',
      rule: 'unknown',
    },
  ];
}
