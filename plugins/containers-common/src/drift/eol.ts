import {
  splitTagPrefix,
  StripPrefixOptions,
  tagPrefixes,
} from '../version/prefix';
import { EolInfo, EolState } from './types';
import type { DriftTone } from './wording';

/**
 * Days before a cycle's end of life from which it is shown as a warning, unless
 * `containers.drift.eol.warningDays` says otherwise.
 *
 * @public
 */
export const DEFAULT_EOL_WARNING_DAYS = 90;

/** An endoflife.date date: `YYYY-MM-DD`. */
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
/** A cycle made of numbers only (`17`, `3.12`, `22.04`): its depth tells how the product names cycles. */
const NUMERIC_CYCLE = /^[0-9]+(?:\.[0-9]+)*$/;
/** The major and minor at the start of a version, as written (`22.04` keeps its zero). */
const LEADING_NUMBERS = /^([0-9]{1,12})(?:\.([0-9]{1,12}))?/;
const DAY_MS = 86_400_000;

/** Milliseconds of a `YYYY-MM-DD` date at 00:00 UTC, or undefined when it is no real date. */
function dayOf(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over into March: such a date is refused.
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/**
 * Whether a value is a real calendar date written `YYYY-MM-DD`.
 *
 * @public
 */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && dayOf(value) !== undefined;
}

/**
 * Today's date in UTC, `YYYY-MM-DD`: the day that end-of-life dates are counted from, the same
 * on every server whatever its time zone.
 *
 * @public
 */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The release cycle of `current` as an endoflife.date product names its cycles, from the
 * product's list of cycles (newest first, as endoflife.date lists them): `major.minor` when the
 * list has that cycle (python `3.12`, postgresql `9.6`), else the major when the list has it
 * (postgresql `17`); a version the list does not know is named the way the newest numeric cycle
 * is (so the caller can say which cycle is missing). Prefixes are stripped as for drift
 * (`v1.30.2` → `1.30`). Undefined when `current` does not start with a number or the product
 * names no cycle with numbers: then `version.eol.cycle` must be written.
 *
 * @public
 */
export function deriveEolCycle(
  current: string,
  cycles: readonly string[],
  options: StripPrefixOptions = {},
): string | undefined {
  const { rest } = splitTagPrefix(current, tagPrefixes(options));
  const match = LEADING_NUMBERS.exec(rest);
  if (!match) return undefined;
  const numbers = match[2] === undefined ? [match[1]] : [match[1], match[2]];
  const known = new Set(cycles);
  for (let depth = numbers.length; depth >= 1; depth--) {
    const cycle = numbers.slice(0, depth).join('.');
    if (known.has(cycle)) return cycle;
  }
  const newest = cycles.find(cycle => NUMERIC_CYCLE.test(cycle));
  if (newest === undefined) return undefined;
  const depth = Math.min(newest.split('.').length, numbers.length);
  return numbers.slice(0, depth).join('.');
}

/**
 * Where a cycle stands on `today` (`YYYY-MM-DD`, UTC), from its end of life as endoflife.date
 * writes it: a date, `true` (ended, date unknown) or `false` (no end planned). A cycle is past
 * its end of life from the end-of-life date itself on (`daysToEol` 0 is `eol`), and in the
 * warning window from `warningDays` days before it (90 days before is a warning, 91 is not).
 * A value that is none of these is `unknown`.
 *
 * @public
 */
export function eolStateOn(
  eol: string | boolean | null | undefined,
  today: string,
  warningDays: number = DEFAULT_EOL_WARNING_DAYS,
): { state: EolState; daysToEol?: number } {
  if (eol === true) return { state: 'eol' };
  if (eol === false) return { state: 'supported' };
  const end = typeof eol === 'string' ? dayOf(eol) : undefined;
  const start = dayOf(today);
  if (end === undefined || start === undefined) return { state: 'unknown' };
  const daysToEol = Math.round((end - start) / DAY_MS);
  let state: EolState = 'supported';
  if (daysToEol <= 0) state = 'eol';
  else if (daysToEol <= warningDays) state = 'warning';
  return { state, daysToEol };
}

/**
 * The same end of life, counted from another day: `state` and `daysToEol` are worked out again
 * from `eolDate` (a stored check says how things stood the day it ran). Without a date, nothing
 * depends on the day and the info is returned as it is.
 *
 * @public
 */
export function eolAsOf(
  info: EolInfo,
  today: string,
  warningDays: number = DEFAULT_EOL_WARNING_DAYS,
): EolInfo {
  if (!info.eolDate) return info;
  const { state, daysToEol } = eolStateOn(info.eolDate, today, warningDays);
  if (state === 'unknown') return info;
  return { ...info, state, daysToEol };
}

/**
 * The end of life in a few words, with its tone: "supported until 2029-11-08", "EOL in 12 days
 * (2025-11-13)", "EOL since 2025-11-13", "EOL unknown". The card, the overview and the
 * `dockyard drift` table say it the same way.
 *
 * @public
 */
export function describeEol(
  info: Pick<EolInfo, 'state' | 'eolDate' | 'daysToEol'>,
): { text: string; tone: DriftTone } {
  const { state, eolDate, daysToEol } = info;
  switch (state) {
    case 'supported':
      return {
        text: eolDate
          ? `supported until ${eolDate}`
          : 'supported, no end of life set',
        tone: 'ok',
      };
    case 'warning':
      return {
        text:
          daysToEol === 1
            ? `EOL tomorrow (${eolDate})`
            : `EOL in ${daysToEol} days (${eolDate})`,
        tone: 'warning',
      };
    case 'eol':
      return {
        text: eolDate ? `EOL since ${eolDate}` : 'past end of life',
        tone: 'error',
      };
    default:
      return { text: 'EOL unknown', tone: 'neutral' };
  }
}
