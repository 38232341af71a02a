import { matchesTrack, trackProblem } from './track';

describe('matchesTrack', () => {
  it.each([
    [[4, 1, 3], '4.1.*', true],
    [[4, 2, 0], '4.1.*', false],
    [[4, 1, 3], '4.1.x', true],
    [[4, 1, 3], '4.1', true],
    [[17, 7], '17.*', true],
    [[18, 0], '17.*', false],
    [[3, 1, 5], '3.*', true],
    [[4, 2, 1], '>=4.1 <4.3', true],
    [[4, 3, 0], '>=4.1 <4.3', false],
    [[4, 1, 9], '~4.1', true],
    [[1, 2, 3], undefined, true],
    [[1, 2, 3], '*', true],
  ])('%j in %s → %s', (release, track, expected) => {
    expect(matchesTrack(release, track)).toBe(expected);
  });
});

describe('trackProblem', () => {
  it('explains a track that is not a lane', () => {
    expect(trackProblem('4.1.*')).toBeUndefined();
    expect(trackProblem('four')).toMatch(/not a lane such as 4\.1\.\*/);
    expect(trackProblem('>=four')).toMatch(/not a valid range/);
  });
});
