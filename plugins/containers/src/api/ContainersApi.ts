import { createApiRef } from '@backstage/core-plugin-api';
import type { DriftRecord } from '@dockyard/plugin-containers-common';

/**
 * What the containers backend serves to the browser: drift records, and a way to ask for a new
 * check now.
 *
 * @public
 */
export interface ContainersApi {
  /** The last drift record of every container. */
  listDrift(): Promise<DriftRecord[]>;
  /**
   * The last drift record of one container, or `undefined` when it has not been checked yet.
   *
   * @param entityRef - the container's catalog entity, e.g. `component:default/trino`
   */
  getDrift(entityRef: string): Promise<DriftRecord | undefined>;
  /**
   * Checks upstream again now. With `entityRef`, that container is checked during the request
   * and its new record returned; without, the check of every container is started and
   * `undefined` returned (results arrive as the checks finish). Needs the
   * `containers.drift.refresh` permission.
   */
  refreshDrift(options?: {
    entityRef?: string;
  }): Promise<DriftRecord | undefined>;
}

/**
 * The {@link ContainersApi} of the containers plugin.
 *
 * @public
 */
export const containersApiRef = createApiRef<ContainersApi>({
  id: 'plugin.containers.service',
});
