import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_EOL_WARNING_DAYS,
  utcToday,
} from '@dockyard/plugin-containers-common';
import { CONTAINER_ENTITY_FILTER } from '../DriftChecker';
import { DriftHistoryStore } from '../DriftHistoryStore';
import { DriftStore } from '../DriftStore';
import { withoutReleaseBodies } from '../listedRecord';
import { pendingDriftRecord } from '../pendingRecord';
import { requireContainerEntity, servedRecord } from '../servedRecord';
import { OperationHandler } from './OperationHandler';

/** What the read routes use: the stored records, and the catalog asked as the caller. */
export interface DriftReadOptions {
  store: DriftStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  /** `containers.drift.eol.warningDays`: end of life is counted for the day of the answer. */
  eolWarningDays?: number;
  /** Where `behindSince` comes from. */
  history?: DriftHistoryStore;
  /** Asked first whether the caller may read every entity, which spares the catalog query. */
  permissions?: PermissionsService;
}

/**
 * Which container entities the caller may read. When the permission policy allows (or denies)
 * reading every catalog entity outright, that answers it; only a conditional decision needs the
 * catalog query, which with thousands of containers is most of the list's time.
 */
async function readableEntityRefs(
  options: DriftReadOptions,
  credentials: BackstageCredentials,
): Promise<(entityRef: string) => boolean> {
  if (options.permissions) {
    const [decision] = await options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return () => true;
    if (decision.result === AuthorizeResult.DENY) return () => false;
  }
  const { items: visible } = await options.catalog.getEntities(
    {
      filter: CONTAINER_ENTITY_FILTER,
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  const readable = new Set(
    visible.map(entity => stringifyEntityRef(entity).toLowerCase()),
  );
  return entityRef => readable.has(entityRef.toLowerCase());
}

/**
 * `GET /drift`: the records of every container the caller may read. The records are stored with
 * the plugin's own credentials, so the answer is filtered by the caller's.
 */
export function listDrift(
  options: DriftReadOptions,
): OperationHandler<'/drift', 'get'> {
  const { store, httpAuth } = options;
  return async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    // At most one catalog query for every container the caller may read, however many there are.
    const [records, isReadable] = await Promise.all([
      store.listRecords(),
      readableEntityRefs(options, credentials),
    ]);
    const today = utcToday();
    const warningDays = options.eolWarningDays ?? DEFAULT_EOL_WARNING_DAYS;
    const behindSince = await options.history?.behindSince();
    res.json({
      items: records
        .filter(record => isReadable(record.entityRef))
        .map(withoutReleaseBodies)
        .map(record => servedRecord(record, today, warningDays, behindSince)),
    });
  };
}

/**
 * `GET /drift/{namespace}/{kind}/{name}`: the record of one container the caller may read, or
 * a pending one when it was never checked.
 */
export function getDrift(
  options: DriftReadOptions,
): OperationHandler<'/drift/{namespace}/{kind}/{name}', 'get'> {
  const { store, catalog, httpAuth } = options;
  return async (req, res) => {
    const entityRef = stringifyEntityRef(req.params);
    const credentials = await httpAuth.credentials(req);
    const [entity, record] = await Promise.all([
      catalog.getEntityByRef(entityRef, { credentials }),
      store.getRecord(entityRef),
    ]);
    const container = requireContainerEntity(entity, entityRef);
    // Never checked: its first check is due within seconds (checkUnchecked).
    res.json(
      record
        ? servedRecord(
            record,
            utcToday(),
            options.eolWarningDays ?? DEFAULT_EOL_WARNING_DAYS,
            await options.history?.behindSince([entityRef]),
          )
        : pendingDriftRecord(container),
    );
  };
}
