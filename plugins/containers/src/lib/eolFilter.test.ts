import type { EolInfo } from '@dockyard/plugin-containers-common';
import {
  compareEol,
  countEol,
  eolFilterOf,
  EOL_FILTERS,
  isEolFilter,
  matchesEolFilter,
} from './eolFilter';

function eol(state: EolInfo['state'], daysToEol?: number): EolInfo {
  return { product: 'postgresql', cycle: '17', state, daysToEol };
}

describe('the end-of-life filter', () => {
  it('places every container: its state, or none without version.eol', () => {
    expect(eolFilterOf(eol('eol', -3))).toBe('eol');
    expect(eolFilterOf(eol('warning', 12))).toBe('warning');
    expect(eolFilterOf(eol('supported', 400))).toBe('supported');
    expect(eolFilterOf(eol('unknown'))).toBe('unknown');
    expect(eolFilterOf(undefined)).toBe('none');
    // From a newer backend, or not a state at all: unknown, as shown.
    expect(eolFilterOf(eol('retired' as EolInfo['state']))).toBe('unknown');
    expect(eolFilterOf(eol('none' as EolInfo['state']))).toBe('unknown');
  });

  it('lets every row through with nothing selected, else the rows selected', () => {
    expect(matchesEolFilter(undefined, [])).toBe(true);
    expect(matchesEolFilter(eol('eol'), [])).toBe(true);
    expect(matchesEolFilter(eol('eol'), ['eol', 'warning'])).toBe(true);
    expect(matchesEolFilter(eol('warning'), ['eol'])).toBe(false);
    expect(matchesEolFilter(undefined, ['none'])).toBe(true);
    expect(matchesEolFilter(undefined, ['eol'])).toBe(false);
  });

  it('reads the values a URL may hold', () => {
    expect(EOL_FILTERS.every(isEolFilter)).toBe(true);
    expect(isEolFilter('past')).toBe(false);
    expect(isEolFilter('')).toBe(false);
  });

  it('counts the containers past EOL and inside the warning window', () => {
    expect(
      countEol([
        { eol: eol('eol', -1) },
        { eol: eol('eol') },
        { eol: eol('warning', 5) },
        { eol: eol('supported', 500) },
        { eol: eol('unknown') },
        {},
      ]),
    ).toEqual({ pastEol: 2, eolSoon: 1 });
  });

  it('sorts worst first: longest past, soonest to end, then supported, unknown, untracked', () => {
    const rows = [
      undefined,
      eol('supported'),
      eol('unknown'),
      eol('supported', 400),
      eol('warning', 30),
      eol('eol', -1),
      eol('warning', 2),
      eol('eol', -100),
    ];
    expect(
      [...rows]
        .sort(compareEol)
        .map(e => (e ? `${e.state} ${e.daysToEol ?? '-'}` : 'none')),
    ).toEqual([
      'eol -100',
      'eol -1',
      'warning 2',
      'warning 30',
      'supported 400',
      'supported -',
      'unknown -',
      'none',
    ]);
  });
});
