import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import type { ContainersApi } from './ContainersApi';

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
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    const response = await this.request(`/drift/${path}`, {
      allowNotFound: true,
    });
    if (response.status === 404) {
      return undefined;
    }
    return (await response.json()) as DriftRecord;
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
