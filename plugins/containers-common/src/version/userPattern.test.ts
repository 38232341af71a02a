import {
  compileUserPattern,
  countCaptureGroups,
  MAX_PATTERN_PAGE_LENGTH,
  MAX_PATTERN_TEXT_LENGTH,
  MAX_USER_PATTERN_LENGTH,
  UserPatternError,
  userPatternProblem,
} from './userPattern';

/** Runs `work` and returns how long it took, in milliseconds. */
function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

describe('compileUserPattern', () => {
  it('answers a catastrophic pattern at once instead of backtracking', () => {
    const pattern = compileUserPattern('^(?<major>a+)+$');
    const thirty = `${'a'.repeat(30)}!`;
    // JavaScript's RegExp would not return from this for longer than a test can wait.
    const elapsed = timed(() => {
      expect(pattern.test(thirty)).toBe(false);
      expect(pattern.exec(thirty)).toBeUndefined();
      expect(pattern.matchAll(`${'a'.repeat(5000)}!`)).toEqual([]);
    });
    expect(elapsed).toBeLessThan(2000);
    expect(pattern.exec('aaa')?.named).toEqual({ major: 'aaa' });
  });

  it('returns numbered and named groups, undefined for those that took no part', () => {
    const pattern = compileUserPattern(
      '^(?<major>[0-9]+)\\.(?<minor>[0-9]+)(?:-(?<pre>rc[0-9]+))?$',
    );
    expect(pattern.groupNames).toEqual(['major', 'minor', 'pre']);
    expect(pattern.groupCount).toBe(3);
    expect(pattern.exec('4.10')).toEqual({
      match: '4.10',
      index: 0,
      groups: ['4', '10', undefined],
      named: { major: '4', minor: '10', pre: undefined },
    });
    expect(pattern.exec('4.10-rc1')?.named.pre).toBe('rc1');
    expect(pattern.test('x4.10')).toBe(false);
  });

  it('accepts Python-style named groups', () => {
    const pattern = compileUserPattern('(?P<major>[0-9]+)\\.(?P<minor>[0-9]+)');
    expect(pattern.groupNames).toEqual(['major', 'minor']);
    expect(pattern.exec('v17.6')?.named).toEqual({ major: '17', minor: '6' });
  });

  it('finds every match in a page, unanchored', () => {
    const pattern = compileUserPattern('spark-([0-9.]+)/');
    const page = '<a href="spark-3.5.6/">x</a>\n<a href="spark-4.0.1/">y</a>';
    expect(pattern.matchAll(page).map(m => m.groups[0])).toEqual([
      '3.5.6',
      '4.0.1',
    ]);
  });

  it('never matches a version or tag longer than the cap', () => {
    const pattern = compileUserPattern('^a+$');
    const longest = 'a'.repeat(MAX_PATTERN_TEXT_LENGTH);
    expect(pattern.test(longest)).toBe(true);
    expect(pattern.test(`${longest}a`)).toBe(false);
    expect(pattern.exec(`${longest}a`)).toBeUndefined();
  });

  it('refuses a page longer than the pattern may scan, saying how much it reads', () => {
    const simple = compileUserPattern('spark-([0-9.]+)/');
    expect(simple.maxPageLength).toBe(MAX_PATTERN_PAGE_LENGTH);
    expect(() =>
      simple.matchAll('x'.repeat(2 * MAX_PATTERN_PAGE_LENGTH)),
    ).toThrow(
      /^pattern ".*" runs over at most 1\.0 MB of a page, and this page has 2\.0 MB: use a smaller listing$/,
    );

    // A bigger pattern costs more per character, so it may read less of a page.
    const complex = compileUserPattern(
      `(${'(?:a|aa|aaa)*'.repeat(30)})b`,
      'version.source.regex',
    );
    expect(complex.maxPageLength).toBeLessThan(MAX_PATTERN_PAGE_LENGTH);
    expect(() =>
      complex.matchAll('a'.repeat(complex.maxPageLength + 1)),
    ).toThrow(UserPatternError);
    expect(() =>
      complex.matchAll('a'.repeat(complex.maxPageLength + 1)),
    ).toThrow(
      /^version\.source\.regex ".*" runs over at most \d+ KB of a page \(a larger pattern gets less\), and this page has \d+ KB: use a smaller listing or a simpler pattern$/,
    );
  });

  it('scans the largest page a hostile pattern is allowed in bounded time', () => {
    const pattern = compileUserPattern(`(${'(?:a|aa|aaa)*'.repeat(30)})b`);
    // Every line matches: re2js cannot skip ahead to a literal and tracks every group.
    const page = `${'a'.repeat(99)}b`
      .repeat(Math.ceil(pattern.maxPageLength / 100))
      .slice(0, pattern.maxPageLength);
    // The budget aims at about a second on a busy machine; the bound is generous for CI.
    let matches = 0;
    expect(
      timed(() => {
        matches = pattern.matchAll(page).length;
      }),
    ).toBeLessThan(10_000);
    expect(matches).toBeGreaterThan(100);
  });
});

describe('patterns Dockyard does not run', () => {
  it.each([
    [
      '^(?!.*-rc)[0-9.]+$',
      'uses a look-ahead ((?!), which Dockyard does not run',
    ],
    [
      '[0-9]+(?=-alpine)',
      'uses a look-ahead ((?=), which Dockyard does not run',
    ],
    ['(?<=v)[0-9]+', 'uses a look-behind ((?<=), which Dockyard does not run'],
    ['(?<!rc)[0-9]+', 'uses a look-behind ((?<!), which Dockyard does not run'],
  ])('%s: look-around, with exclude_regex as the way out', (pattern, words) => {
    const problem = userPatternProblem(pattern)!;
    expect(problem).toContain(words);
    expect(problem).toContain('use exclude_regex for negation');
  });

  it.each([
    ['(a)\\1', '(\\1)'],
    ['(?<x>a)\\k<x>', '(\\k)'],
    ['(?P<x>a)(?P=x)', '((?P=)'],
  ])('%s: back-reference', (pattern, shown) => {
    expect(userPatternProblem(pattern)).toBe(
      `uses a back-reference ${shown}, which Dockyard does not run (patterns run in linear time, RE2 syntax); write the repeated part out again`,
    );
  });

  it('explains a plain syntax mistake', () => {
    expect(userPatternProblem('^([0-9]+')).toBe(
      'is not a valid regular expression: missing closing ): `^([0-9]+` — check brackets and escapes (\\. for a literal dot)',
    );
    expect(userPatternProblem('\\u0041')).toMatch(
      /invalid escape sequence.*RE2 syntax: \\x\{41\}/,
    );
    expect(userPatternProblem('a{2000}')).toMatch(
      /invalid repeat count.*counts go up to 1000/,
    );
  });

  it('refuses a pattern that is too long or expands too far', () => {
    expect(
      userPatternProblem('a'.repeat(MAX_USER_PATTERN_LENGTH)),
    ).toBeUndefined();
    expect(userPatternProblem('a'.repeat(MAX_USER_PATTERN_LENGTH + 1))).toBe(
      `is ${
        MAX_USER_PATTERN_LENGTH + 1
      } characters long; Dockyard runs patterns of at most ${MAX_USER_PATTERN_LENGTH}`,
    );
    expect(userPatternProblem('(a{0,100}){0,10}')).toMatch(
      /^is too complex to run safely \(\d+ steps, at most 1000\)/,
    );
  });

  it('names the field and the pattern when compiling throws', () => {
    expect(() =>
      compileUserPattern('^(?!rc).*$', 'filter.include_regex'),
    ).toThrow(
      new UserPatternError(
        'filter.include_regex "^(?!rc).*$" uses a look-ahead ((?!), which Dockyard does not run (patterns run in linear time, RE2 syntax); use exclude_regex for negation',
      ),
    );
  });

  it('accepts every pattern of the reference containers', () => {
    for (const pattern of [
      '^(apache-polaris-)?[0-9]+\\.[0-9]+\\.[0-9]+-incubating$',
      '^RELEASE\\.[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z$',
      '^[0-9]+\\.[0-9]+-bookworm$',
      'spark-([0-9]+\\.[0-9]+\\.[0-9]+)/',
      '^(?<major>[0-9]+)\\.(?<minor>[0-9]+)\\.(?<patch>[0-9]+)-incubating$',
      '^3\\.1\\.\\d+(-.+)?$',
    ]) {
      expect(userPatternProblem(pattern)).toBeUndefined();
    }
  });
});

describe('countCaptureGroups', () => {
  it.each([
    ['spark-[0-9.]+/', 0],
    ['spark-([0-9.]+)/', 1],
    ['(?:a)(b)(?<c>c)(?P<d>d)', 3],
    ['\\(not a group\\)[(]', 0],
  ])('%s has %d', (pattern, count) => {
    expect(countCaptureGroups(pattern)).toBe(count);
  });

  it('throws on a pattern Dockyard does not run', () => {
    expect(() => countCaptureGroups('(a)\\1')).toThrow(UserPatternError);
  });
});
