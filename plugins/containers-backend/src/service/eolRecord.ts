import { eolAsOf, EolInfo } from '@dockyard/plugin-containers-common';

/**
 * A record's end of life as of `today` (`YYYY-MM-DD`, UTC): a stored check says how things stood
 * the day it ran, so `state` and `daysToEol` are counted again from its `eolDate` whenever the
 * API answers. A record without `eol` is returned as it is.
 */
export function withEolAsOf<T extends { eol?: EolInfo }>(
  record: T,
  today: string,
  warningDays: number,
): T {
  return record.eol
    ? { ...record, eol: eolAsOf(record.eol, today, warningDays) }
    : record;
}

/**
 * The end of life to store after a check. A lookup that failed (endoflife.date unreachable, a
 * bad answer) keeps what the last good one found for the same product, cycle and `current`,
 * with the new error; anything else (a success, another version, no `version.eol` any more)
 * is stored as the check found it.
 */
export function keepLastGoodEol(
  eol: EolInfo | undefined,
  previous: EolInfo | undefined,
  sameCurrent: boolean,
): EolInfo | undefined {
  if (
    !eol ||
    eol.state !== 'unknown' ||
    !previous ||
    previous.state === 'unknown' ||
    !sameCurrent ||
    previous.product !== eol.product ||
    (eol.cycle !== '' && eol.cycle !== previous.cycle)
  ) {
    return eol;
  }
  return { ...previous, error: eol.error };
}
