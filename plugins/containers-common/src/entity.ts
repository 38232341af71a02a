/**
 * Annotations that the catalog module puts on every container entity. The frontend shows its
 * cards only on entities that carry `dockyard.io/container-yaml`.
 */
export const ANNOTATION_CONTAINER_YAML = 'dockyard.io/container-yaml';
/** The container's slug (its folder name under containers/). */
export const ANNOTATION_SLUG = 'dockyard.io/slug';
/** publish.image, e.g. `ghcr.io/example/data-platform/trino`. */
export const ANNOTATION_IMAGE = 'dockyard.io/image';
/** version.strategy, e.g. `github-release`. */
export const ANNOTATION_UPSTREAM_STRATEGY = 'dockyard.io/upstream-strategy';
/** The upstream feed, e.g. `github:trinodb/trino`, `docker.io/library/postgres`, `pypi:apache-airflow`. */
export const ANNOTATION_UPSTREAM_SOURCE = 'dockyard.io/upstream-source';
/** version.current. */
export const ANNOTATION_CURRENT_VERSION = 'dockyard.io/current-version';
/**
 * On the stand-in for a container.yaml that does not load: its problems, as a JSON array of
 * `ContainerProblem`. The catalog module's processor turns them into processing errors.
 */
export const ANNOTATION_PROBLEMS = 'dockyard.io/problems';

/** spec.type of a container entity. */
export const CONTAINER_COMPONENT_TYPE = 'container';
