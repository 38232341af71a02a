import type { PinnedVersionStatus } from './drift/types';

/**
 * The search document type (index name) of containers in Backstage search, written by
 * `@dockyard/plugin-search-backend-module-containers` and rendered by the containers plugin's
 * search result item.
 *
 * @public
 */
export const CONTAINER_SEARCH_TYPE = 'dockyard-container';

/**
 * One container in Backstage search. Every field is always present (an empty string when the
 * container has no such value), because some search engines (Lunr, the default) index only the
 * fields of the first document they see.
 *
 * @public
 */
export interface ContainerSearchDocument {
  /** The container's name (`metadata.title`), else its entity name. */
  title: string;
  /** What full-text search matches: summary, upstream, versions, image and metastore role. */
  text: string;
  /** The entity page, `/catalog/<namespace>/<kind>/<name>` in lower case. */
  location: string;
  /** `component:default/trino`. */
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  slug: string;
  /** container.yaml `summary` (the entity's description). */
  summary: string;
  /** The upstream feed, e.g. `github:trinodb/trino`; empty for `manual`. */
  upstream: string;
  /** `version.strategy`, e.g. `github-release`, `manual`. */
  upstreamStrategy: string;
  currentVersion: string;
  /** `publish.image`, e.g. `ghcr.io/example/data-platform/trino`. */
  image: string;
  /** container.yaml `catalog.role`: `provider`, `consumer` or `none` (Iceberg metastore). */
  metastoreRole: string;
  owner: string;
  lifecycle: string;
  system: string;
  /**
   * The container's overall drift status when it was indexed; empty when the containers backend
   * had no check of it or could not be asked.
   */
  driftStatus: PinnedVersionStatus | '';
  /** Newest version in the current version's lane, when the last check found one. */
  latestVersion: string;
}
