import {
  BaseImageDrift,
  CompanionDrift,
  DriftRecord,
  DriftResult,
  overallDriftStatus,
} from '@dockyard/plugin-containers-common';
import { keepLastGoodEol } from './eolRecord';

/** What the main version and a companion have in common. */
type VersionFields = Pick<
  DriftResult,
  | 'current'
  | 'status'
  | 'latest'
  | 'newest'
  | 'behind'
  | 'releaseNotesUrl'
  | 'latestReleasedAt'
  | 'releases'
  | 'source'
  | 'sourceUrl'
> & { lastSuccessAt?: string };

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * One version's entry after a check: a success is stored as it is, with `lastSuccessAt`; a
 * failure keeps what the last good check found (`latest`, `newest`, release notes…), marked
 * with the new error; the distance and the releases in between are dropped when `current`
 * changed since.
 */
function keepLastGood<T extends VersionFields>(
  result: T,
  previous: VersionFields | undefined,
  checkedAt: string,
): T {
  if (result.status !== 'error') {
    return { ...result, lastSuccessAt: checkedAt };
  }
  if (!previous?.lastSuccessAt) return result;
  return withoutUndefined({
    ...result,
    latest: previous.latest,
    newest: previous.newest,
    behind: previous.current === result.current ? previous.behind : undefined,
    releases:
      previous.current === result.current ? previous.releases : undefined,
    releaseNotesUrl: previous.releaseNotesUrl,
    latestReleasedAt: previous.latestReleasedAt,
    source: result.source ?? previous.source,
    sourceUrl: result.sourceUrl ?? previous.sourceUrl,
    lastSuccessAt: previous.lastSuccessAt,
  });
}

/**
 * The base image after a check: like a version, a failure keeps what the last good check of the
 * same image and tag found (the part that did answer this time wins).
 */
function keepLastGoodBase(
  result: BaseImageDrift,
  previous: BaseImageDrift | undefined,
  checkedAt: string,
): BaseImageDrift {
  if (result.status !== 'error') {
    return { ...result, lastSuccessAt: checkedAt };
  }
  if (
    !previous?.lastSuccessAt ||
    previous.image !== result.image ||
    previous.tag !== result.tag
  ) {
    return result;
  }
  return withoutUndefined({
    ...result,
    latestDigest: result.latestDigest ?? previous.latestDigest,
    latestTag: result.latestTag ?? previous.latestTag,
    newestTag: result.newestTag ?? previous.newestTag,
    behind: result.behind ?? previous.behind,
    rebuiltAt:
      result.rebuiltAt ??
      (previous.digest === result.digest ? previous.rebuiltAt : undefined),
    sourceUrl: result.sourceUrl ?? previous.sourceUrl,
    lastSuccessAt: previous.lastSuccessAt,
  });
}

/**
 * The record to store after a check. Each pinned version — the main one, every companion (by
 * name) and the base image — is merged on its own: a success replaces it, a failure keeps what
 * its last good check found, marked with the new error and with `lastSuccessAt` saying when that
 * was. The top-level `lastSuccessAt` is the main version's. `overallStatus` is worked out again
 * from the merged parts, and `consecutiveFailures` counts the checks in a row whose overall
 * status is `error`.
 */
export function mergeWithPrevious(
  entityRef: string,
  result: DriftResult,
  previous: DriftRecord | undefined,
): DriftRecord {
  const { companions, baseImage, ...main } = result;
  const record: DriftRecord = {
    ...keepLastGood(
      main,
      previous
        ? { ...previous, lastSuccessAt: previous.lastSuccessAt }
        : undefined,
      result.checkedAt,
    ),
    entityRef,
  };
  if (companions) {
    record.companions = companions.map(companion =>
      keepLastGood<CompanionDrift>(
        companion,
        previous?.companions?.find(p => p.name === companion.name),
        result.checkedAt,
      ),
    );
  }
  if (baseImage) {
    record.baseImage = keepLastGoodBase(
      baseImage,
      previous?.baseImage,
      result.checkedAt,
    );
  }
  record.overallStatus = overallDriftStatus(record);
  record.eol = keepLastGoodEol(
    result.eol,
    previous?.eol,
    previous?.current === result.current,
  );
  // Counted across runs here, where the previous record is at hand: notifications tell the
  // owner after N failed checks in a row.
  record.consecutiveFailures =
    record.overallStatus === 'error'
      ? (previous?.consecutiveFailures ?? 0) + 1
      : 0;
  return withoutUndefined(record);
}
