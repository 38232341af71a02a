import type { DriftHistoryPoint } from '@dockyard/plugin-containers-common';
import {
  daysSince,
  describeTrend,
  formatDay,
  statusChanges,
  timelineSegments,
  trendChartDays,
} from './driftHistory';

function point(
  checkedAt: string,
  overallStatus: DriftHistoryPoint['overallStatus'],
  latest = '476',
  extra: Partial<DriftHistoryPoint> = {},
): DriftHistoryPoint {
  return {
    checkedAt,
    kind: 'main',
    status: overallStatus,
    current: '476',
    latest,
    overallStatus,
    ...extra,
  };
}

describe('statusChanges', () => {
  it('keeps the checks whose overall status or versions changed, oldest first', () => {
    expect(
      statusChanges([
        point('2026-11-01T00:00:00Z', 'up-to-date'),
        // A daily sample of the same state, and a companion's point: no change.
        point('2026-11-02T00:00:00Z', 'up-to-date'),
        {
          ...point('2026-11-02T00:00:00Z', 'behind'),
          kind: 'companion',
          name: 'sdk',
        },
        point('2026-11-03T00:00:00Z', 'behind', '478'),
        point('2026-11-04T00:00:00Z', 'behind', '479'),
        point('2026-11-05T00:00:00Z', 'error', '479'),
        point('2026-11-06T00:00:00Z', 'up-to-date', '476', {
          current: '479',
        }),
      ]).map(c => [c.at.slice(0, 10), c.status, c.current, c.latest]),
    ).toEqual([
      ['2026-11-01', 'up-to-date', '476', '476'],
      ['2026-11-03', 'behind', '476', '478'],
      ['2026-11-04', 'behind', '476', '479'],
      ['2026-11-05', 'error', '476', '479'],
      ['2026-11-06', 'up-to-date', '479', '476'],
    ]);
    expect(statusChanges([])).toEqual([]);
  });
});

describe('timelineSegments', () => {
  const now = new Date('2026-11-11T00:00:00Z');

  it('cuts the window into stretches, each status until the next change', () => {
    const changes = statusChanges([
      point('2026-11-01T00:00:00Z', 'up-to-date'),
      point('2026-11-06T00:00:00Z', 'behind', '478'),
    ]);
    expect(timelineSegments(changes, '2026-11-01', now)).toEqual([
      { status: 'up-to-date', start: 0, end: 0.5 },
      { status: 'behind', start: 0.5, end: 1 },
    ]);
  });

  it('leaves the time before the first check empty, and clamps to the window', () => {
    const changes = statusChanges([
      point('2026-10-01T00:00:00Z', 'behind'),
      point('2026-11-06T00:00:00Z', 'up-to-date'),
    ]);
    expect(timelineSegments(changes, '2026-11-01', now)).toEqual([
      { status: 'behind', start: 0, end: 0.5 },
      { status: 'up-to-date', start: 0.5, end: 1 },
    ]);
    expect(
      timelineSegments(
        statusChanges([point('2026-11-09T12:00:00Z', 'error')]),
        '2026-11-01',
        now,
      ),
    ).toEqual([{ status: 'error', start: 0.85, end: 1 }]);
    expect(timelineSegments(changes, 'not a day', now)).toEqual([]);
  });
});

describe('daysSince and formatDay', () => {
  it('counts whole days and writes a day as people read it', () => {
    const now = new Date('2026-11-11T12:00:00Z');
    expect(daysSince('2026-11-01T13:00:00Z', now)).toBe(9);
    expect(daysSince('2026-11-12T00:00:00Z', now)).toBe(0);
    expect(daysSince('garbage', now)).toBe(0);
    expect(formatDay('2026-11-01T23:30:00Z')).toBe('1 Nov 2026');
    expect(formatDay('2026-02-03')).toBe('3 Feb 2026');
    expect(formatDay('garbage')).toBe('garbage');
  });
});

describe('trendChartDays', () => {
  it('gives every day of the window, days without checks as gaps, medians rounded', () => {
    expect(
      trendChartDays(
        [
          {
            day: '2026-11-01',
            containers: 3,
            behind: 2,
            failing: 1,
            pastEol: 0,
            medianDaysBehind: 20.5,
          },
          {
            day: '2026-11-03',
            containers: 3,
            behind: 0,
            failing: 0,
            pastEol: 1,
          },
        ],
        '2026-10-31',
        '2026-11-03',
      ),
    ).toEqual([
      { day: '2026-10-31' },
      {
        day: '2026-11-01',
        behind: 2,
        failing: 1,
        pastEol: 0,
        medianDaysBehind: 21,
      },
      { day: '2026-11-02' },
      { day: '2026-11-03', behind: 0, failing: 0, pastEol: 1 },
    ]);
    expect(trendChartDays([], 'x', 'y')).toEqual([]);
  });
});

describe('describeTrend', () => {
  it('says the first and the last day in words', () => {
    expect(describeTrend([])).toBe('No checks recorded in this period yet.');
    const day = {
      day: '2026-11-03',
      containers: 9,
      behind: 4,
      failing: 1,
      pastEol: 2,
      medianDaysBehind: 30.4,
    };
    expect(describeTrend([day])).toBe(
      'On 3 Nov 2026: 4 behind, 1 failing, 2 past end of life, median 30 days behind.',
    );
    expect(
      describeTrend([
        { day: '2026-09-01', containers: 9, behind: 6, failing: 0, pastEol: 0 },
        day,
      ]),
    ).toBe(
      'On 1 Sep 2026: 6 behind, 0 failing, 0 past end of life. On 3 Nov 2026: 4 behind, 1 failing, 2 past end of life, median 30 days behind.',
    );
  });
});
