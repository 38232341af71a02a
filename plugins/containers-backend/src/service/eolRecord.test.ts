import { EolInfo } from '@dockyard/plugin-containers-common';
import { keepLastGoodEol, withEolAsOf } from './eolRecord';
import { mergeWithPrevious } from './mergeRecord';

const known: EolInfo = {
  product: 'postgresql',
  cycle: '17',
  state: 'supported',
  eolDate: '2029-11-08',
  daysToEol: 1438,
  latestCycle: '18',
};
const failed: EolInfo = {
  product: 'postgresql',
  cycle: '',
  state: 'unknown',
  error: 'endoflife.date postgresql: HTTP 503',
};

describe('withEolAsOf', () => {
  it('counts state and days again for the day given', () => {
    expect(withEolAsOf({ slug: 'pg', eol: known }, '2029-10-01', 90)).toEqual({
      slug: 'pg',
      eol: { ...known, state: 'warning', daysToEol: 38 },
    });
    expect(
      withEolAsOf({ slug: 'pg', eol: known }, '2029-11-08', 90).eol,
    ).toMatchObject({ state: 'eol', daysToEol: 0 });
  });

  it('leaves a record without eol as it is', () => {
    const record: { slug: string; eol?: EolInfo } = { slug: 'plain' };
    expect(withEolAsOf(record, '2029-10-01', 90)).toBe(record);
  });
});

describe('keepLastGoodEol', () => {
  it('keeps the last good answer, with the new error, when the lookup failed', () => {
    expect(keepLastGoodEol(failed, known, true)).toEqual({
      ...known,
      error: 'endoflife.date postgresql: HTTP 503',
    });
    expect(
      keepLastGoodEol({ ...failed, cycle: '17' }, known, true),
    ).toMatchObject({ state: 'supported', cycle: '17' });
  });

  it('stores what the check found otherwise', () => {
    const other = { ...known, cycle: '18', latestCycle: '18' };
    // A success replaces the last one.
    expect(keepLastGoodEol(other, known, true)).toBe(other);
    // Another version, product or cycle: the old dates are not its own.
    expect(keepLastGoodEol(failed, known, false)).toBe(failed);
    expect(
      keepLastGoodEol({ ...failed, product: 'python' }, known, true),
    ).toEqual({ ...failed, product: 'python' });
    expect(keepLastGoodEol({ ...failed, cycle: '16' }, known, true)).toEqual({
      ...failed,
      cycle: '16',
    });
    // Nothing good before, or no version.eol any more.
    expect(keepLastGoodEol(failed, undefined, true)).toBe(failed);
    expect(keepLastGoodEol(failed, { ...failed, cycle: '17' }, true)).toBe(
      failed,
    );
    expect(keepLastGoodEol(undefined, known, true)).toBeUndefined();
  });

  it('is what mergeWithPrevious stores', () => {
    const result = {
      slug: 'pg',
      strategy: 'manual',
      current: '17.6',
      status: 'unknown' as const,
      checkedAt: '2025-12-02T00:00:00Z',
    };
    const previous = mergeWithPrevious(
      'component:default/pg',
      { ...result, eol: known },
      undefined,
    );
    expect(previous.eol).toEqual(known);
    expect(
      mergeWithPrevious(
        'component:default/pg',
        { ...result, eol: failed },
        previous,
      ).eol,
    ).toEqual({ ...known, error: failed.error });
    expect(
      mergeWithPrevious('component:default/pg', result, previous),
    ).not.toHaveProperty('eol');
  });
});
