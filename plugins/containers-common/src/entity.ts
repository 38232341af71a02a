import type { ContainerProblem } from './container';

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

/**
 * The problems a stand-in entity carries (its `dockyard.io/problems` annotation), or undefined for
 * a regular entity. A value that is not the JSON the catalog module writes is still reported, as
 * one problem of `fallbackFile` (default: the entity's container.yaml location).
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
