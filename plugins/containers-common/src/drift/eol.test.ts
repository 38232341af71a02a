import {
  DEFAULT_EOL_WARNING_DAYS,
  deriveEolCycle,
  describeEol,
  eolAsOf,
  eolStateOn,
  isIsoDate,
  utcToday,
} from './eol';

/** `today` moved by `days` (UTC), `YYYY-MM-DD`. */
function addDays(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

describe('deriveEolCycle', () => {
  const python = ['3.14', '3.13', '3.12', '3.11', '2.7'];
  const postgresql = ['18', '17', '16', '10', '9.6', '9.5'];

  it('takes major.minor from a product whose cycles are major.minor', () => {
    expect(deriveEolCycle('3.12.7', python)).toBe('3.12');
    expect(deriveEolCycle('3.12', python)).toBe('3.12');
    expect(deriveEolCycle('3.12.7-slim-bookworm', python)).toBe('3.12');
  });

  it('takes the major from a product whose cycles are majors', () => {
    expect(deriveEolCycle('17.6', postgresql)).toBe('17');
    expect(deriveEolCycle('17', postgresql)).toBe('17');
    expect(deriveEolCycle('17.6-bookworm', postgresql)).toBe('17');
  });

  it('finds an older major.minor cycle in a list of majors', () => {
    expect(deriveEolCycle('9.6.24', postgresql)).toBe('9.6');
  });

  it('strips the prefixes drift strips', () => {
    expect(deriveEolCycle('v1.30.2', ['1.31', '1.30'])).toBe('1.30');
    expect(
      deriveEolCycle('airflow-2.10.3', ['3.1', '2.10'], {
        component: 'airflow',
      }),
    ).toBe('2.10');
  });

  it('keeps the numbers as written', () => {
    expect(deriveEolCycle('22.04.5', ['24.04', '22.04'])).toBe('22.04');
  });

  it('names a cycle the list lacks the way the newest cycles are named', () => {
    expect(deriveEolCycle('3.99.1', python)).toBe('3.99');
    expect(deriveEolCycle('99.1', postgresql)).toBe('99');
    // A version with fewer numbers than the product's cycles keeps the ones it has.
    expect(deriveEolCycle('4', python)).toBe('4');
  });

  it('gives up when there is nothing to derive from', () => {
    expect(deriveEolCycle('latest', python)).toBeUndefined();
    expect(deriveEolCycle('3.12.7', ['bookworm', 'bullseye'])).toBeUndefined();
    expect(deriveEolCycle('3.12.7', [])).toBeUndefined();
  });

  it('reads a hostile version in linear time', () => {
    const started = Date.now();
    expect(deriveEolCycle(`${'9'.repeat(50_000)}x`, python)).toBe(
      '9'.repeat(12),
    );
    expect(deriveEolCycle(`${'1.'.repeat(50_000)}`, python)).toBe('1.1');
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('eolStateOn', () => {
  const today = '2025-06-15';

  it('is past end of life from the end-of-life date itself on', () => {
    expect(eolStateOn(addDays(today, -1), today)).toEqual({
      state: 'eol',
      daysToEol: -1,
    });
    expect(eolStateOn(today, today)).toEqual({ state: 'eol', daysToEol: 0 });
  });

  it('warns inside the window, 90 days by default, both ends included', () => {
    expect(DEFAULT_EOL_WARNING_DAYS).toBe(90);
    expect(eolStateOn(addDays(today, 1), today)).toEqual({
      state: 'warning',
      daysToEol: 1,
    });
    expect(eolStateOn(addDays(today, 90), today)).toEqual({
      state: 'warning',
      daysToEol: 90,
    });
    expect(eolStateOn(addDays(today, 91), today)).toEqual({
      state: 'supported',
      daysToEol: 91,
    });
  });

  it('takes the warning window it is given', () => {
    expect(eolStateOn(addDays(today, 30), today, 30).state).toBe('warning');
    expect(eolStateOn(addDays(today, 31), today, 30).state).toBe('supported');
    expect(eolStateOn(addDays(today, 1), today, 0).state).toBe('supported');
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(eolStateOn('2024-03-01', '2024-02-28').daysToEol).toBe(2);
    expect(eolStateOn('2025-03-01', '2025-02-28').daysToEol).toBe(1);
    expect(eolStateOn('2026-01-01', '2025-12-31').daysToEol).toBe(1);
  });

  it('reads the booleans endoflife.date writes when there is no date', () => {
    expect(eolStateOn(true, today)).toEqual({ state: 'eol' });
    expect(eolStateOn(false, today)).toEqual({ state: 'supported' });
  });

  it('is unknown for anything else', () => {
    for (const eol of [undefined, null, '', '2025-02-30', '15/06/2025']) {
      expect(eolStateOn(eol, today)).toEqual({ state: 'unknown' });
    }
  });

  it('counts from the real today around now', () => {
    const now = utcToday();
    expect(eolStateOn(addDays(now, 1), now).state).toBe('warning');
    expect(eolStateOn(now, now).state).toBe('eol');
    expect(eolStateOn(addDays(now, -1), now).state).toBe('eol');
    expect(eolStateOn(addDays(now, 90), now).state).toBe('warning');
    expect(eolStateOn(addDays(now, 91), now).state).toBe('supported');
  });
});

describe('utcToday and isIsoDate', () => {
  it('gives the UTC date whatever the local time', () => {
    expect(utcToday(new Date('2025-06-15T23:59:59-05:00'))).toBe('2025-06-16');
    expect(utcToday(new Date('2025-06-15T00:30:00+02:00'))).toBe('2025-06-14');
  });

  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-6-1')).toBe(false);
    expect(isIsoDate(20250601)).toBe(false);
  });
});

describe('eolAsOf', () => {
  const checked = {
    product: 'postgresql',
    cycle: '13',
    state: 'supported' as const,
    eolDate: '2025-11-13',
    daysToEol: 200,
    latestCycle: '18',
  };

  it('works state and days out again for the day it is served', () => {
    expect(eolAsOf(checked, '2025-09-01')).toEqual({
      ...checked,
      state: 'warning',
      daysToEol: 73,
    });
    expect(eolAsOf(checked, '2025-11-14')).toEqual({
      ...checked,
      state: 'eol',
      daysToEol: -1,
    });
    expect(eolAsOf(checked, '2025-09-01', 30).state).toBe('supported');
  });

  it('leaves info without a date as it is', () => {
    const ended = { product: 'python', cycle: '2.7', state: 'eol' as const };
    expect(eolAsOf(ended, '2025-09-01')).toBe(ended);
    const unknown = {
      product: 'python',
      cycle: '3.99',
      state: 'unknown' as const,
      error: 'no cycle',
    };
    expect(eolAsOf(unknown, '2025-09-01')).toBe(unknown);
  });
});

describe('describeEol', () => {
  it('says where the cycle stands, with its tone', () => {
    expect(
      describeEol({
        state: 'supported',
        eolDate: '2029-11-08',
        daysToEol: 1500,
      }),
    ).toEqual({ text: 'supported until 2029-11-08', tone: 'ok' });
    expect(describeEol({ state: 'supported' })).toEqual({
      text: 'supported, no end of life set',
      tone: 'ok',
    });
    expect(
      describeEol({ state: 'warning', eolDate: '2025-11-13', daysToEol: 12 }),
    ).toEqual({ text: 'EOL in 12 days (2025-11-13)', tone: 'warning' });
    expect(
      describeEol({ state: 'warning', eolDate: '2025-11-13', daysToEol: 1 })
        .text,
    ).toBe('EOL tomorrow (2025-11-13)');
    expect(
      describeEol({ state: 'eol', eolDate: '2025-11-13', daysToEol: -3 }),
    ).toEqual({ text: 'EOL since 2025-11-13', tone: 'error' });
    expect(describeEol({ state: 'eol' }).text).toBe('past end of life');
    expect(describeEol({ state: 'unknown' })).toEqual({
      text: 'EOL unknown',
      tone: 'neutral',
    });
  });
});
