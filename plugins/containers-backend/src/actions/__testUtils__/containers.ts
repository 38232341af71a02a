import type { Entity } from '@backstage/catalog-model';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import type { DriftReadSources } from '../containerReads';

/** A container entity as the catalog module writes it, with extra spec.container fields. */
export function containerEntity(
  name: string,
  options: {
    current?: string;
    title?: string;
    container?: Record<string, unknown>;
    annotations?: Record<string, string>;
  } = {},
): Entity {
  const current = options.current ?? '1.0.0';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(options.title && { title: options.title }),
      annotations: {
        'dockyard.io/container-yaml': `file:/srv/platform/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
        'dockyard.io/current-version': current,
        ...options.annotations,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: 'group:default/data-platform-team',
      container: {
        slug: name,
        version: { strategy: 'github-release', current },
        ...options.container,
      },
    },
  };
}

export function driftRecord(
  name: string,
  fields: Partial<DriftRecord> = {},
): DriftRecord {
  return {
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'github-release',
    current: '1.0.0',
    latest: '1.0.0',
    status: 'up-to-date',
    checkedAt: '2025-06-01T00:00:00.000Z',
    lastSuccessAt: '2025-06-01T00:00:00.000Z',
    ...fields,
  };
}

/** The stores the actions read, in memory. */
export function fakeSources(
  records: DriftRecord[],
  behindSince: Record<string, string> = {},
): DriftReadSources {
  return {
    store: {
      getRecords: async refs => {
        const wanted = new Set(refs.map(ref => ref.toLowerCase()));
        return new Map(
          records
            .filter(record => wanted.has(record.entityRef.toLowerCase()))
            .map(record => [record.entityRef.toLowerCase(), record]),
        );
      },
    },
    history: {
      behindSince: async () => new Map(Object.entries(behindSince)),
    },
    eolWarningDays: 90,
  };
}
