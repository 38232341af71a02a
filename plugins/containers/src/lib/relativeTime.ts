import { DateTime } from 'luxon';

/** "3 hours ago" for an ISO 8601 instant; the input itself when it is not a valid date. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return iso;
  return (
    time.toRelative({ base: DateTime.fromJSDate(now), locale: 'en' }) ?? iso
  );
}

/** A full, unambiguous timestamp for tooltips: "2025-11-03 14:05 UTC". */
export function formatAbsolute(iso: string): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' });
  if (!time.isValid) return iso;
  return `${time.toFormat('yyyy-MM-dd HH:mm')} UTC`;
}
