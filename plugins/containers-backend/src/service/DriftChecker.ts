import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  containerEntityFilter,
  describeStatusCounts,
  DriftRecord,
  isContainerEntity,
  overallDriftStatus,
} from '@dockyard/plugin-containers-common';
import { DriftEngine } from '@dockyard/plugin-containers-node';
import { entityDriftTarget, EntityDriftTarget } from './containerTargets';
import { DriftHistoryStore } from './DriftHistoryStore';
import { DriftStore } from './DriftStore';
import { mergeWithPrevious } from './mergeRecord';

/** The catalog filter of container entities (what `isContainerEntity` says of one). */
export const CONTAINER_ENTITY_FILTER = containerEntityFilter(
  CATALOG_FILTER_EXISTS,
);

/** One container after a check: the record stored before (none on a first check) and the new one. */
export interface CheckedContainer {
  previous?: DriftRecord;
  record: DriftRecord;
}

/** Runs the drift engine over the catalog's container entities and stores the records. */
export class DriftChecker {
  constructor(
    private readonly options: {
      engine: DriftEngine;
      store: DriftStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Keeps every check's result per pinned version (status changes, a sample a day). */
      history?: DriftHistoryStore;
      /** Told after every check, once the records are stored (notifications, signals). */
      onChecked?: (checked: CheckedContainer[]) => Promise<void>;
    },
  ) {}

  private async check(targets: EntityDriftTarget[]): Promise<DriftRecord[]> {
    const { engine, store } = this.options;
    const previous = await store.getRecords(targets.map(t => t.entityRef));
    const results = await engine.check(targets);
    const records = results.map((result, i) =>
      mergeWithPrevious(
        targets[i].entityRef,
        result,
        previous.get(targets[i].entityRef.toLowerCase()),
      ),
    );
    await store.saveRecords(records);
    await this.keepHistory(history => history.record(records));
    await this.afterCheck(
      records.map(record => ({
        previous: previous.get(record.entityRef.toLowerCase()),
        record,
      })),
    );
    return records;
  }

  /** The history is kept beside the records: failing to write it never fails a check. */
  private async keepHistory(
    write: (history: DriftHistoryStore) => Promise<unknown>,
  ): Promise<void> {
    const { history, logger } = this.options;
    if (!history) return;
    try {
      await write(history);
    } catch (error) {
      logger.warn(`Drift history: ${toError(error).message}`);
    }
  }

  private async afterCheck(checked: CheckedContainer[]): Promise<void> {
    const { onChecked, logger } = this.options;
    if (!onChecked || checked.length === 0) return;
    try {
      await onChecked(checked);
    } catch (error) {
      // The records are stored: what follows a check never fails it.
      logger.warn(`After the drift check: ${toError(error).message}`);
    }
  }

  /** Checks every container entity; forgets entities that left the catalog. */
  async checkAll(): Promise<DriftRecord[]> {
    const { catalog, auth, logger, store } = this.options;
    const { items } = await catalog.getEntities(
      { filter: CONTAINER_ENTITY_FILTER },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const targets = items.map(entityDriftTarget);
    const started = Date.now();
    const records = await this.check(targets);
    const removed = await store.deleteRecordsExcept(
      targets.map(t => t.entityRef),
    );
    await this.keepHistory(history => history.prune());
    // By overall status: the worst of each container's main version, companions and base image.
    logger.info(
      `Checked upstream drift of ${records.length} containers in ${
        Date.now() - started
      } ms: ${describeStatusCounts(records.map(overallDriftStatus))}${
        removed ? `; forgot ${removed} removed` : ''
      }`,
    );
    return records;
  }

  /**
   * Checks the container entities that have no record yet — all of them on a fresh database, or
   * one that just appeared in the catalog — so their first result does not wait for the next
   * scheduled run. Runs often: only refs are read until there is something to check.
   */
  async checkUnchecked(): Promise<DriftRecord[]> {
    const { catalog, auth, logger, store } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const [{ items }, checked] = await Promise.all([
      catalog.getEntities(
        {
          filter: CONTAINER_ENTITY_FILTER,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      ),
      store.listEntityRefs(),
    ]);
    const unchecked = items
      .map(entity => stringifyEntityRef(entity))
      .filter(ref => !checked.has(ref.toLowerCase()));
    if (unchecked.length === 0) return [];
    const { items: entities } = await catalog.getEntitiesByRefs(
      { entityRefs: unchecked },
      { credentials },
    );
    const targets = entities
      .filter(
        (entity): entity is Entity => !!entity && isContainerEntity(entity),
      )
      .map(entityDriftTarget);
    const records = await this.check(targets);
    logger.info(
      `First check of ${records.length} containers: ${describeStatusCounts(
        records.map(overallDriftStatus),
      )}`,
    );
    return records;
  }

  /** Checks one container entity now. */
  async checkEntity(entityRef: string): Promise<DriftRecord> {
    const { catalog, auth } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity || !isContainerEntity(entity)) {
      throw new NotFoundError(`No container entity ${entityRef}`);
    }
    const [record] = await this.check([entityDriftTarget(entity)]);
    return record;
  }
}
