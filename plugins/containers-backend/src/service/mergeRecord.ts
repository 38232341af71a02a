import { DriftRecord, DriftResult } from '@dockyard/plugin-containers-common';

/**
 * The record to store after a check. A successful check replaces the record. A failed one keeps
 * what the last good check found (`latest`, `newest`, release notes…), marked with the new
 * error and with `lastSuccessAt` saying when that was; the distance is dropped when the
 * container's current version changed since.
 */
export function mergeWithPrevious(
  entityRef: string,
  result: DriftResult,
  previous: DriftRecord | undefined,
): DriftRecord {
  if (result.status !== 'error') {
    return { ...result, entityRef, lastSuccessAt: result.checkedAt };
  }
  if (!previous?.lastSuccessAt) {
    return { ...result, entityRef };
  }
  const record: DriftRecord = {
    ...previous,
    ...result,
    latest: previous.latest,
    newest: previous.newest,
    behind: previous.current === result.current ? previous.behind : undefined,
    releaseNotesUrl: previous.releaseNotesUrl,
    latestReleasedAt: previous.latestReleasedAt,
    source: result.source ?? previous.source,
    sourceUrl: result.sourceUrl ?? previous.sourceUrl,
    entityRef,
    lastSuccessAt: previous.lastSuccessAt,
  };
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as DriftRecord;
}
