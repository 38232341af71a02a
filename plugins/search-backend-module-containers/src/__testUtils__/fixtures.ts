import type { Entity } from '@backstage/catalog-model';
import type { DriftRecord } from '@dockyard/plugin-containers-common';

/** A container entity as the catalog module writes it (annotations and spec.container). */
export function containerEntity(
  slug: string,
  options: {
    title?: string;
    description?: string;
    strategy?: string;
    upstream?: string;
    current?: string;
    image?: string;
    role?: string;
    namespace?: string;
  } = {},
): Entity {
  const annotations: Record<string, string> = {
    'backstage.io/managed-by-location': `file:/srv/containers/${slug}/container.yaml`,
    'backstage.io/managed-by-origin-location': `file:/srv/containers/${slug}/container.yaml`,
    'dockyard.io/container-yaml': `file:/srv/containers/${slug}/container.yaml`,
    'dockyard.io/slug': slug,
    'dockyard.io/upstream-strategy': options.strategy ?? 'github-release',
    'dockyard.io/current-version': options.current ?? '1.0.0',
  };
  if (options.upstream)
    annotations['dockyard.io/upstream-source'] = options.upstream;
  if (options.image) annotations['dockyard.io/image'] = options.image;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: slug,
      namespace: options.namespace ?? 'default',
      ...(options.title && { title: options.title }),
      ...(options.description && { description: options.description }),
      annotations,
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: 'group:default/data-platform-team',
      system: 'data-platform',
      container: {
        slug,
        version: { current: options.current ?? '1.0.0' },
        ...(options.role && { catalog: { role: options.role } }),
      },
    },
  };
}

/** The platform: Trino (behind), Polaris (up to date, a metastore provider), a manual one. */
export const PLATFORM_ENTITIES: Entity[] = [
  containerEntity('trino', {
    title: 'Trino',
    description:
      'Trino SQL engine with the Iceberg connector, reading the lakehouse through the Iceberg REST catalog.',
    upstream: 'github:trinodb/trino',
    current: '476',
    image: 'ghcr.io/example/data-platform/trino',
    role: 'consumer',
  }),
  containerEntity('polaris', {
    title: 'Apache Polaris (incubating)',
    description: 'Apache Polaris Iceberg REST catalog server on PostgreSQL.',
    upstream: 'github:apache/polaris',
    current: '1.1.0-incubating',
    image: 'ghcr.io/example/data-platform/polaris',
    role: 'provider',
  }),
  containerEntity('toolbox', { strategy: 'manual', current: '2025.01' }),
  // Not containers: a plain service, and a container-typed component no container.yaml made.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'dockyard-backend', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'hand-written', namespace: 'default' },
    spec: { type: 'container', lifecycle: 'production', owner: 'team' },
  },
];

/** What GET /api/containers/drift serves for the platform above. */
export const PLATFORM_DRIFT: DriftRecord[] = [
  {
    entityRef: 'component:default/trino',
    slug: 'trino',
    strategy: 'github-release',
    current: '476',
    latest: '478',
    status: 'behind',
    checkedAt: '2025-06-01T10:00:00.000Z',
  },
  {
    entityRef: 'component:default/polaris',
    slug: 'polaris',
    strategy: 'github-release',
    current: '1.1.0-incubating',
    latest: '1.1.0-incubating',
    status: 'up-to-date',
    // The base image was rebuilt upstream: overall, the container needs a re-pin.
    baseImage: { image: 'eclipse-temurin', status: 'rebuilt' },
    checkedAt: '2025-06-01T10:00:00.000Z',
  },
  {
    entityRef: 'component:default/toolbox',
    slug: 'toolbox',
    strategy: 'manual',
    current: '2025.01',
    status: 'unknown',
    checkedAt: '',
    pending: true,
  },
];
