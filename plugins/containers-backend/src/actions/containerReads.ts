import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DriftRecord, utcToday } from '@dockyard/plugin-containers-common';
import { DriftHistoryStore } from '../service/DriftHistoryStore';
import type { DriftStore } from '../service/DriftStore';
import { requireContainerEntity, servedRecord } from '../service/servedRecord';
import { readEntityRef } from '../service/handlers/refreshDrift';

/** Where the actions read drift from: the plugin's stores, as the REST API reads them. */
export interface DriftReadSources {
  store: Pick<DriftStore, 'getRecords'>;
  history?: Pick<DriftHistoryStore, 'behindSince'>;
  /** `containers.drift.eol.warningDays`: end of life is counted for the day of the answer. */
  eolWarningDays: number;
}

/**
 * The records of some containers as the REST API serves them, by lower-case entity ref: end
 * of life counted for today, and when the current behind streak began.
 */
export async function servedRecords(
  sources: DriftReadSources,
  entityRefs: string[],
): Promise<Map<string, DriftRecord>> {
  const [records, behindSince] = await Promise.all([
    sources.store.getRecords(entityRefs),
    sources.history?.behindSince(entityRefs),
  ]);
  const today = utcToday();
  const served = new Map<string, DriftRecord>();
  for (const [key, record] of records) {
    served.set(
      key,
      servedRecord(record, today, sources.eolWarningDays, behindSince),
    );
  }
  return served;
}

/**
 * The container entity a caller names, read from the catalog with the caller's credentials:
 * one they may not read is "not found", as one that does not exist (the answer does not tell
 * that a hidden entity exists).
 */
export async function readContainerEntity(
  catalog: CatalogService,
  ref: string,
  credentials: BackstageCredentials,
): Promise<{ entity: Entity; entityRef: string }> {
  const entityRef = readEntityRef(ref);
  const entity = requireContainerEntity(
    await catalog.getEntityByRef(entityRef, { credentials }),
    entityRef,
  );
  return { entity, entityRef: stringifyEntityRef(entity) };
}
