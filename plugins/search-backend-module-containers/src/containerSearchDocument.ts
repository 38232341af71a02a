import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_IMAGE,
  ANNOTATION_SLUG,
  ANNOTATION_UPSTREAM_SOURCE,
  ANNOTATION_UPSTREAM_STRATEGY,
  overallDriftStatus,
  type ContainerSearchDocument,
  type DriftRecord,
} from '@dockyard/plugin-containers-common';

/** The parts of a container entity the search document is made of (what the collator asks for). */
export const CONTAINER_SEARCH_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.lifecycle',
  'spec.system',
  'spec.container.catalog.role',
];

/**
 * A container entity (and its last drift record, when there is one) as a search document, with
 * the authorization the search backend checks against `catalog.entity.read` for each reader.
 */
export function containerSearchDocument(
  entity: Entity,
  drift?: Pick<
    DriftRecord,
    | 'status'
    | 'overallStatus'
    | 'companions'
    | 'baseImage'
    | 'latest'
    | 'pending'
  >,
): ContainerSearchDocument & { authorization: { resourceRef: string } } {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const entityRef = stringifyEntityRef(entity);
  const summary = entity.metadata.description ?? '';
  const upstream = annotations[ANNOTATION_UPSTREAM_SOURCE] ?? '';
  const currentVersion = annotations[ANNOTATION_CURRENT_VERSION] ?? '';
  const image = annotations[ANNOTATION_IMAGE] ?? '';
  const metastoreRole = stringAt(entity.spec, 'container', 'catalog', 'role');
  const latestVersion = drift?.latest ?? '';
  // A container whose first check is still on its way has no status to show yet.
  const driftStatus =
    drift && !drift.pending
      ? drift.overallStatus ?? overallDriftStatus(drift)
      : '';
  // Engines that search only title and text (PostgreSQL) still find every container field.
  const text = [
    summary,
    upstream && `Upstream ${upstream}`,
    currentVersion && `Version ${currentVersion}`,
    latestVersion &&
      latestVersion !== currentVersion &&
      `latest ${latestVersion}`,
    image && `Image ${image}`,
    metastoreRole &&
      metastoreRole !== 'none' &&
      `Iceberg metastore ${metastoreRole}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    title: entity.metadata.title ?? entity.metadata.name,
    text,
    location:
      `/catalog/${namespace}/${entity.kind}/${entity.metadata.name}`.toLowerCase(),
    entityRef,
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
    slug: annotations[ANNOTATION_SLUG] ?? entity.metadata.name,
    summary,
    upstream,
    upstreamStrategy: annotations[ANNOTATION_UPSTREAM_STRATEGY] ?? '',
    currentVersion,
    image,
    metastoreRole,
    owner: stringAt(entity.spec, 'owner'),
    lifecycle: stringAt(entity.spec, 'lifecycle'),
    system: stringAt(entity.spec, 'system'),
    driftStatus,
    latestVersion,
    authorization: { resourceRef: entityRef },
  };
}

/** The string at a path of a JSON object, else empty (container.yaml is input from anyone). */
function stringAt(value: unknown, ...path: string[]): string {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return '';
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : '';
}
