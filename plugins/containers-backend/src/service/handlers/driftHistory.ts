import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isContainerEntity } from '@dockyard/plugin-containers-common';
import { CONTAINER_ENTITY_FILTER } from '../DriftChecker';
import { DriftHistoryStore } from '../DriftHistoryStore';
import { MAX_HISTORY_DAYS } from '../historyConfig';
import { OperationHandler } from './OperationHandler';
import { readEntityRef } from './refreshDrift';

/** The span of `GET /drift/history` without `days`: what the overview's trend chart shows. */
export const DEFAULT_HISTORY_DAYS = 90;

/** What the history route uses: the history, and the catalog asked as the caller. */
export interface DriftHistoryOptions {
  history: DriftHistoryStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
}

/** `?days=`: a whole number of days from 1 to {@link MAX_HISTORY_DAYS}. */
export function readHistoryDays(value: unknown): number {
  if (value === undefined) return DEFAULT_HISTORY_DAYS;
  const days = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new InputError(
      `days must be a whole number from 1 to ${MAX_HISTORY_DAYS}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return days;
}

/**
 * `GET /drift/history`: with `entityRef`, the history of one container the caller may read;
 * without, the daily trend over every container the caller may read. The history is written
 * with the plugin's own credentials, so both answers are scoped by the caller's, as the
 * records of `GET /drift` are.
 */
export function getDriftHistory(
  options: DriftHistoryOptions,
): OperationHandler<'/drift/history', 'get'> {
  const { history, catalog, httpAuth } = options;
  return async (req, res) => {
    const days = readHistoryDays(req.query.days);
    const requested = req.query.entityRef;
    const credentials = await httpAuth.credentials(req);
    if (requested !== undefined) {
      const entityRef = readEntityRef(requested);
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      // Hidden and missing alike: the answer does not tell that a hidden entity exists.
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef}`);
      }
      if (!isContainerEntity(entity)) {
        throw new NotFoundError(`${entityRef} is not a container entity`);
      }
      res.json(await history.entityHistory(entityRef, days));
      return;
    }
    // One catalog query for every container the caller may read, however many there are.
    const { items: visible } = await catalog.getEntities(
      {
        filter: CONTAINER_ENTITY_FILTER,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    res.json(
      await history.trend(
        visible.map(entity => stringifyEntityRef(entity)),
        days,
      ),
    );
  };
}
