import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ContainerFile,
  DriftRecord,
  DriftTrend,
  EntityDriftHistory,
} from '@dockyard/plugin-containers-common';
import type { ContainersApi, UnloadedContainerFile } from './ContainersApi';
import { unloadedContainerFiles } from './unloadedContainerFiles';

/** `namespace/kind/name` of an entity ref, as the backend's routes take it. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

/**
 * Talks to the `containers` backend plugin (`/api/containers`).
 *
 * @public
 */
export class ContainersClient implements ContainersApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDrift(): Promise<DriftRecord[]> {
    const response = await this.request('/drift');
    const body = (await response.json()) as { items: DriftRecord[] };
    return body.items;
  }

  async getDrift(entityRef: string): Promise<DriftRecord | undefined> {
    const response = await this.request(`/drift/${entityPath(entityRef)}`, {
      allowNotFound: true,
    });
    if (response.status === 404) {
      return undefined;
    }
    return (await response.json()) as DriftRecord;
  }

  async getDriftHistory(
    entityRef: string,
    options?: { days?: number },
  ): Promise<EntityDriftHistory> {
    const query = new URLSearchParams({ entityRef });
    if (options?.days !== undefined) query.set('days', String(options.days));
    const response = await this.request(`/drift/history?${query}`);
    return (await response.json()) as EntityDriftHistory;
  }

  async getDriftTrend(options?: { days?: number }): Promise<DriftTrend> {
    const query =
      options?.days === undefined
        ? ''
        : `?${new URLSearchParams({ days: String(options.days) })}`;
    const response = await this.request(`/drift/history${query}`);
    return (await response.json()) as DriftTrend;
  }

  async refreshDrift(options?: {
    entityRef?: string;
  }): Promise<DriftRecord | undefined> {
    const response = await this.request('/drift/refresh', {
      method: 'POST',
      body: options?.entityRef ? { entityRef: options.entityRef } : {},
    });
    // 200 with the new record for one entity; 202 when the check of all containers started.
    return options?.entityRef
      ? ((await response.json()) as DriftRecord)
      : undefined;
  }

  async getContainerFile(
    entityRef: string,
    path: string,
  ): Promise<ContainerFile> {
    const query = new URLSearchParams({ path });
    const response = await this.request(
      `/files/${entityPath(entityRef)}?${query}`,
    );
    return (await response.json()) as ContainerFile;
  }

  async listUnloadedContainerFiles(): Promise<UnloadedContainerFile[]> {
    const baseUrl = await this.discoveryApi.getBaseUrl('catalog');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/entities/unprocessed/pending`,
    );
    // Not installed (404) or not allowed (403): nothing to show, not an error of this page.
    if (response.status === 404 || response.status === 403) return [];
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return unloadedContainerFiles(await response.json());
  }

  private async request(
    path: string,
    options?: { method?: string; body?: unknown; allowNotFound?: boolean },
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('containers');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options?.method ?? 'GET',
      ...(options?.body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      }),
    });
    if (!response.ok && !(options?.allowNotFound && response.status === 404)) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
