import type {
  DriftHistoryPoint,
  DriftTrendDay,
  PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { DateTime } from 'luxon';

/** One change of a container's drift: from `at` on, its overall status and main versions. */
export interface DriftStatusChange {
  /** When the check that saw it ran (ISO 8601). */
  at: string;
  status: PinnedVersionStatus;
  current?: string;
  latest?: string;
}

/** A stretch of the timeline strip: a status from `start` to `end`, as fractions of the window. */
export interface TimelineSegment {
  status: PinnedVersionStatus;
  start: number;
  end: number;
}

/**
 * The container's changes, oldest first: the checks of its main version whose overall status,
 * current or latest version differed from the check before (the daily samples in between are
 * not changes).
 */
export function statusChanges(
  points: DriftHistoryPoint[],
): DriftStatusChange[] {
  const changes: DriftStatusChange[] = [];
  for (const point of points) {
    if (point.kind !== 'main') continue;
    const last = changes[changes.length - 1];
    if (
      last &&
      last.status === point.overallStatus &&
      last.current === point.current &&
      last.latest === point.latest
    ) {
      continue;
    }
    changes.push({
      at: point.checkedAt,
      status: point.overallStatus,
      current: point.current,
      latest: point.latest,
    });
  }
  return changes;
}

/**
 * The window from `from` (a `YYYY-MM-DD` day, UTC) to `now` cut into stretches of one status:
 * each change holds until the next, the last until now. Before the first change the window has
 * no stretch (nothing was recorded).
 */
export function timelineSegments(
  changes: DriftStatusChange[],
  from: string,
  now: Date = new Date(),
): TimelineSegment[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = now.getTime();
  const span = end - start;
  if (!(span > 0)) return [];
  const position = (time: number) =>
    Math.min(1, Math.max(0, (time - start) / span));
  const segments: TimelineSegment[] = [];
  changes.forEach((change, i) => {
    const next = changes[i + 1];
    const segment = {
      status: change.status,
      start: position(Date.parse(change.at)),
      end: next ? position(Date.parse(next.at)) : 1,
    };
    if (segment.end > segment.start) segments.push(segment);
  });
  return segments;
}

/** Whole days from an instant to now: "behind for 12 days". */
export function daysSince(iso: string, now: Date = new Date()): number {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return 0;
  return Math.max(0, Math.floor((now.getTime() - time) / 86_400_000));
}

/** Written out here: month abbreviations from the browser's ICU differ ("Sep", "Sept"). */
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** A day (UTC) as people read it: "12 Nov 2026". The input itself when it is not a date. */
export function formatDay(iso: string): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' });
  return time.isValid
    ? `${time.day} ${MONTHS[time.month - 1]} ${time.year}`
    : iso;
}

/** One day of the trend chart: every count, and the median rounded to a whole day. */
export interface TrendChartDay {
  day: string;
  behind: number;
  failing: number;
  pastEol: number;
  /** Absent on a day without any container behind with dates. */
  medianDaysBehind?: number;
}

/**
 * The trend's days for the chart: every day of the window from `from` to `to` in order, a day
 * without checks carrying no values (a gap in the lines, not a fall to zero).
 */
export function trendChartDays(
  days: DriftTrendDay[],
  from: string,
  to: string,
): Array<TrendChartDay | { day: string }> {
  const byDay = new Map(days.map(day => [day.day, day]));
  const result: Array<TrendChartDay | { day: string }> = [];
  let day = DateTime.fromISO(from, { zone: 'utc' });
  const last = DateTime.fromISO(to, { zone: 'utc' });
  if (!day.isValid || !last.isValid) return [];
  for (; day <= last; day = day.plus({ days: 1 })) {
    const key = day.toISODate()!;
    const found = byDay.get(key);
    result.push(
      found
        ? {
            day: key,
            behind: found.behind,
            failing: found.failing,
            pastEol: found.pastEol,
            ...(found.medianDaysBehind !== undefined && {
              medianDaysBehind: Math.round(found.medianDaysBehind),
            }),
          }
        : { day: key },
    );
  }
  return result;
}

/**
 * The trend in one sentence, for people who do not see the chart: the first and the last day
 * with checks.
 */
export function describeTrend(days: DriftTrendDay[]): string {
  if (days.length === 0) return 'No checks recorded in this period yet.';
  const first = days[0];
  const last = days[days.length - 1];
  const state = (day: DriftTrendDay) =>
    `${day.behind} behind, ${day.failing} failing, ${
      day.pastEol
    } past end of life${
      day.medianDaysBehind === undefined
        ? ''
        : `, median ${Math.round(day.medianDaysBehind)} days behind`
    }`;
  if (first.day === last.day) {
    return `On ${formatDay(last.day)}: ${state(last)}.`;
  }
  return `On ${formatDay(first.day)}: ${state(first)}. On ${formatDay(
    last.day,
  )}: ${state(last)}.`;
}
