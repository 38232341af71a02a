import { formatAbsolute, formatRelative } from './relativeTime';

describe('formatRelative', () => {
  const now = new Date('2025-11-03T15:00:00Z');

  it('says how long ago, in words', () => {
    expect(formatRelative('2025-11-03T12:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2025-11-01T15:00:00Z', now)).toBe('2 days ago');
  });

  it('keeps a value that is not a date as it is', () => {
    expect(formatRelative('yesterday-ish', now)).toBe('yesterday-ish');
  });
});

describe('formatAbsolute', () => {
  it('gives the UTC minute', () => {
    expect(formatAbsolute('2025-11-03T14:05:09+02:00')).toBe(
      '2025-11-03 12:05 UTC',
    );
  });
});
