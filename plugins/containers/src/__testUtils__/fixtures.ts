import type { Entity } from '@backstage/catalog-model';
import type { ToastApi, ToastApiMessage } from '@backstage/frontend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import type { ContainersApi } from '../api';

/** An ISO instant `ms` before now, so relative times read the same whenever tests run. */
export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A container entity as the catalog module makes it. */
export function containerEntity(
  name: string,
  options: {
    container?: JsonObject;
    annotations?: Record<string, string>;
    owner?: string;
    system?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dockyard.io/container-yaml': `url:https://github.com/example/platform/blob/main/containers/${name}/container.yaml`,
        'backstage.io/source-location': `url:https://github.com/example/platform/tree/main/containers/${name}/`,
        'dockyard.io/slug': name,
        'dockyard.io/current-version': '4.0.1',
        'dockyard.io/upstream-strategy': 'github-tag',
        'dockyard.io/upstream-source': 'github:apache/hive',
        ...options.annotations,
      },
    },
    spec: {
      type: 'container',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/data-platform-team',
      system: options.system ?? 'system:default/data-platform',
      ...(options.container && { container: options.container }),
    },
  };
}

export function driftRecord(overrides: Partial<DriftRecord> = {}): DriftRecord {
  return {
    entityRef: 'component:default/hive-metastore',
    slug: 'hive-metastore',
    strategy: 'github-tag',
    source: 'github:apache/hive',
    sourceUrl: 'https://github.com/apache/hive/tags',
    current: '4.0.1',
    status: 'up-to-date',
    checkedAt: ago(3 * HOUR),
    lastSuccessAt: ago(3 * HOUR),
    ...overrides,
  };
}

/** A ContainersApi whose methods are jest mocks, for `[containersApiRef, api]` pairs. */
export function mockContainersApi(
  overrides: Partial<ContainersApi> = {},
): jest.Mocked<ContainersApi> {
  return {
    listDrift: jest.fn(async () => []),
    listUnloadedContainerFiles: jest.fn(async () => []),
    getDrift: jest.fn(async () => undefined),
    getDriftHistory: jest.fn(async (entityRef: string) => ({
      entityRef,
      from: new Date(Date.now() - 89 * DAY).toISOString().slice(0, 10),
      points: [],
    })),
    getDriftTrend: jest.fn(async () => ({
      from: new Date(Date.now() - 89 * DAY).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
      days: [],
    })),
    refreshDrift: jest.fn(async () => undefined),
    getContainerFile: jest.fn(async (_entityRef: string, path: string) => {
      throw new Error(`No file ${path} in this test`);
    }),
    ...overrides,
  } as jest.Mocked<ContainersApi>;
}

/** A ToastApi that records what was posted, for `[toastApiRef, toastApi]` pairs. */
export function mockToastApi(): jest.Mocked<ToastApi> {
  return { post: jest.fn((_toast: ToastApiMessage) => ({ close: () => {} })) };
}
