import { PINNED_STATUS_ORDER } from './status';
import {
  describeDistance,
  describeLag,
  describeStatusCounts,
  describeStep,
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  pinnedStatusLabel,
  plural,
  shortDigest,
} from './wording';

describe('plural', () => {
  it('says the count with the singular only for one', () => {
    expect(plural(1, 'release')).toBe('1 release');
    expect(plural(0, 'release')).toBe('0 releases');
    expect(plural(2, 'day')).toBe('2 days');
    expect(plural(3, 'companion', 'companions')).toBe('3 companions');
  });
});

describe('describeDistance', () => {
  it('names the biggest step, the releases and the days', () => {
    expect(
      describeDistance({
        major: 1,
        minor: 0,
        patch: 0,
        releases: 7,
        days: 212,
      }),
    ).toBe('1 major · 7 releases · 212 days');
    expect(
      describeDistance({ major: 0, minor: 2, patch: 0, releases: 1 }),
    ).toBe('2 minor · 1 release');
    expect(
      describeDistance({ major: 0, minor: 0, patch: 3, releases: 3, days: 1 }),
    ).toBe('3 patch · 3 releases · 1 day');
  });

  it('says only the release count when versions differ in no numeric part', () => {
    expect(
      describeDistance({ major: 0, minor: 0, patch: 0, releases: 6 }),
    ).toBe('6 releases');
    expect(
      describeStep({ major: 0, minor: 0, patch: 0, releases: 6 }),
    ).toBeUndefined();
  });

  it('is empty without a distance', () => {
    expect(describeDistance(undefined)).toBe('');
    expect(describeLag(undefined)).toBe('');
  });

  it('gives releases and days apart from the step', () => {
    expect(
      describeLag({ major: 2, minor: 0, patch: 0, releases: 2, days: 48 }),
    ).toBe('2 releases · 48 days');
    expect(describeLag({ major: 0, minor: 1, patch: 0, releases: 0 })).toBe('');
  });

  it('joins releases and days with another separator when asked', () => {
    expect(
      describeLag(
        { major: 3, minor: 0, patch: 0, releases: 2, days: 122 },
        ', ',
      ),
    ).toBe('2 releases, 122 days');
  });
});

describe('DRIFT_STATUS_LABELS and DRIFT_STATUS_TONES', () => {
  it('give every status words and a tone', () => {
    for (const status of PINNED_STATUS_ORDER) {
      expect(DRIFT_STATUS_LABELS[status]).toEqual(expect.any(String));
      expect(DRIFT_STATUS_TONES[status]).toEqual(expect.any(String));
    }
    expect(DRIFT_STATUS_TONES).toEqual({
      'up-to-date': 'ok',
      behind: 'warning',
      rebuilt: 'warning',
      error: 'error',
      unknown: 'neutral',
    });
  });
});

describe('pinnedStatusLabel', () => {
  it('says "Newer tag" for a base image behind, and the shared words otherwise', () => {
    expect(pinnedStatusLabel('behind', 'base-image')).toBe('Newer tag');
    expect(pinnedStatusLabel('behind')).toBe('Behind');
    expect(pinnedStatusLabel('rebuilt', 'base-image')).toBe('Rebuilt upstream');
    expect(pinnedStatusLabel('error', 'base-image')).toBe('Check failed');
  });
});

describe('describeStatusCounts', () => {
  it('counts every status, rebuilt only when there is one', () => {
    expect(describeStatusCounts(['behind', 'behind'])).toBe(
      '2 behind, 0 up to date, 0 unknown, 0 errors',
    );
    expect(
      describeStatusCounts(['rebuilt', 'up-to-date', 'error', 'unknown']),
    ).toBe('0 behind, 1 rebuilt, 1 up to date, 1 unknown, 1 errors');
    expect(describeStatusCounts([])).toBe(
      '0 behind, 0 up to date, 0 unknown, 0 errors',
    );
  });
});

describe('shortDigest', () => {
  const DIGEST = `sha256:${'0123456789ab'.repeat(5)}0123`;

  it('keeps the algorithm and the first 12 hex digits', () => {
    expect(shortDigest(DIGEST)).toBe('sha256:0123456789ab');
    expect(shortDigest('not-a-digest')).toBe('not-a-digest');
  });
});
