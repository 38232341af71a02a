import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ContainerFile,
  ContainerProblem,
  DriftRecord,
  DriftTrend,
  EntityDriftHistory,
} from '@dockyard/plugin-containers-common';

/**
 * A container.yaml the catalog could not load the first time it saw it: it has no entity yet,
 * so nothing else in the portal shows it.
 *
 * @public
 */
export interface UnloadedContainerFile {
  /** The entity it will be once it loads, e.g. `component:default/broken-one`. */
  entityRef: string;
  /** The file, as the catalog module names it (`containers/broken-one/container.yaml`). */
  file: string;
  /** Its errors (or, when it has none, its warnings), in file order. */
  problems: ContainerProblem[];
}

/**
 * What the containers backend serves to the browser: drift records, a way to ask for a new
 * check now, and the files that local containers' container.yaml files point at.
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
   * The drift history of one container: its stored checks per pinned version (status changes
   * and one a day), oldest first, and since when it has been behind.
   *
   * @param entityRef - the container's catalog entity, e.g. `component:default/trino`
   * @param options - `days`: how many days back, today included (1 to 400, default 90)
   */
  getDriftHistory(
    entityRef: string,
    options?: { days?: number },
  ): Promise<EntityDriftHistory>;
  /**
   * Per day, the containers the user may read that were behind, failing and past end of life,
   * and the median days behind.
   *
   * @param options - `days`: how many days back, today included (1 to 400, default 90)
   */
  getDriftTrend(options?: { days?: number }): Promise<DriftTrend>;
  /**
   * Checks upstream again now. With `entityRef`, that container is checked during the request
   * and its new record returned; without, the check of every container is started and
   * `undefined` returned (results arrive as the checks finish). Needs the
   * `containers.drift.refresh` permission.
   */
  refreshDrift(options?: {
    entityRef?: string;
  }): Promise<DriftRecord | undefined>;
  /**
   * A text file that the container's container.yaml points at (runbook, compose example, ADR,
   * config files), for containers read from the portal's own disk (`file:` locations), which
   * have no URL to link to. Rejects with the backend's error (a `ResponseError`) when the file
   * is missing, outside the platform checkout, too large or not text.
   *
   * @param entityRef - the container's catalog entity, e.g. `component:default/spark`
   * @param path - as written in container.yaml: relative to the container folder
   */
  getContainerFile(entityRef: string, path: string): Promise<ContainerFile>;
  /**
   * The container.yaml files that never loaded (new files with errors), from the catalog's
   * unprocessed-entities API. Empty when the backend does not have
   * `@backstage/plugin-catalog-backend-module-unprocessed` or the user may not read it.
   */
  listUnloadedContainerFiles(): Promise<UnloadedContainerFile[]>;
}

/**
 * The {@link ContainersApi} of the containers plugin.
 *
 * @public
 */
export const containersApiRef = createApiRef<ContainersApi>({
  id: 'plugin.containers.service',
});
