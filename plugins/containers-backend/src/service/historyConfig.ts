import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How long drift history is kept by default: a year and a bit, for year-on-year comparison. */
export const DEFAULT_HISTORY_RETENTION_DAYS = 400;

/** The longest span the history API answers for, in days. */
export const MAX_HISTORY_DAYS = 400;

/** `containers.drift.history`. */
export interface DriftHistoryConfig {
  /** Samples older than this many days are deleted after each check run. */
  retentionDays: number;
}

/** Reads `containers.drift.history`. */
export function readDriftHistoryConfig(config: Config): DriftHistoryConfig {
  const key = 'containers.drift.history.retentionDays';
  const retentionDays =
    config.getOptionalNumber(key) ?? DEFAULT_HISTORY_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new InputError(
      `${key} must be a whole number of days, at least 1, got ${retentionDays}`,
    );
  }
  return { retentionDays };
}
