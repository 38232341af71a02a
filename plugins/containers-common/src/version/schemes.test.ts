import semver from 'semver';
import {
  inferScheme,
  namedGroups,
  regexScheme,
  versionScheme,
} from './schemes';

function sorted(
  schemeName: Parameters<typeof versionScheme>[0],
  tags: string[],
  pattern?: string,
) {
  const scheme = versionScheme(schemeName, pattern);
  return tags
    .map(tag => scheme.parse(tag)!)
    .sort((a, b) => scheme.compare(a, b))
    .map(parsed => parsed.text);
}

describe('version schemes', () => {
  it('semver orders numerically and puts pre-releases first', () => {
    expect(
      sorted('semver', [
        '0.109.0',
        '0.99.0',
        '1.0.0',
        '1.0.0-rc10',
        '1.0.0-rc2',
      ]),
    ).toEqual(['0.99.0', '0.109.0', '1.0.0-rc2', '1.0.0-rc10', '1.0.0']);
  });

  it('semver orders exactly as semver.compare does, build numbers and metadata aside', () => {
    const scheme = versionScheme('semver');
    const texts = [
      '0.0.0',
      '0.0.1',
      '0.1.0',
      '1.0.0',
      '1.2.3',
      '1.10.0',
      '2.0.0',
      '10.0.0',
      '21.0.5_11',
      '21.0.5_12',
      '21.0.5',
      '1.2.3+build.5',
      '9007199254740991.0.0',
    ];
    for (const a of texts) {
      for (const b of texts) {
        const [pa, pb] = [scheme.parse(a)!, scheme.parse(b)!];
        expect(Math.sign(scheme.compare(pa, pb))).toBe(
          semver.compare(pa.key as string, pb.key as string),
        );
      }
    }
  });

  it('semver refuses what is not MAJOR.MINOR.PATCH', () => {
    const scheme = versionScheme('semver');
    expect(scheme.parse('4.1')).toBeUndefined();
    expect(scheme.parse('01.2.3')).toBeUndefined();
    expect(scheme.parse('latest')).toBeUndefined();
  });

  it('loose reads any count of numbers', () => {
    expect(sorted('loose', ['476', '99', '1000', '475'])).toEqual([
      '99',
      '475',
      '476',
      '1000',
    ]);
    expect(sorted('loose', ['3.9.1.0', '3.10.0.0', '3.9.10.0'])).toEqual([
      '3.9.1.0',
      '3.9.10.0',
      '3.10.0.0',
    ]);
  });

  it('pep440 follows the Python ordering', () => {
    expect(
      sorted('pep440', [
        '3.1.0',
        '3.1.0rc1',
        '3.1.0.dev0',
        '3.1.0.post1',
        '3.0.6',
        '3.1.0b2',
      ]),
    ).toEqual([
      '3.0.6',
      '3.1.0.dev0',
      '3.1.0b2',
      '3.1.0rc1',
      '3.1.0',
      '3.1.0.post1',
    ]);
    expect(versionScheme('pep440').parse('3.1.0rc1')?.prerelease).toBe(true);
    expect(versionScheme('pep440').parse('3.1.3-python3.12')?.variant).toBe(
      '-python3.12',
    );
  });

  it('calver orders timestamps and dates', () => {
    expect(
      sorted('calver', [
        'RELEASE.2025-09-07T16-13-09Z',
        'RELEASE.2024-12-18T13-15-44Z',
        'RELEASE.2025-10-15T17-29-55Z',
      ]),
    ).toEqual([
      'RELEASE.2024-12-18T13-15-44Z',
      'RELEASE.2025-09-07T16-13-09Z',
      'RELEASE.2025-10-15T17-29-55Z',
    ]);
    expect(versionScheme('calver').parse('2024.10.01')?.timestamp).toBe(
      Date.UTC(2024, 9, 1),
    );
  });

  it('regex compares named groups in order, pre-release groups before the release', () => {
    const pattern =
      '^(?<major>[0-9]+)\\.(?<minor>[0-9]+)\\.(?<patch>[0-9]+)-incubating(?:-rc(?<rc>[0-9]+))?$';
    expect(
      sorted(
        'regex',
        [
          '1.10.0-incubating',
          '1.2.0-incubating',
          '1.10.0-incubating-rc1',
          '1.10.0-incubating-rc2',
        ],
        pattern,
      ),
    ).toEqual([
      '1.2.0-incubating',
      '1.10.0-incubating-rc1',
      '1.10.0-incubating-rc2',
      '1.10.0-incubating',
    ]);
    expect(regexScheme(pattern).parse('1.10.0-incubating-rc1')).toMatchObject({
      prerelease: true,
      release: [1, 10, 0],
    });
  });

  it('regex accepts Python-style named groups and refuses a pattern without groups', () => {
    expect(namedGroups('(?P<major>\\d+)\\.(?<minor>\\d+)')).toEqual([
      'major',
      'minor',
    ]);
    expect(() => regexScheme('[0-9]+')).toThrow(/no named groups/);
  });

  it('regex runs in linear time and refuses what its engine cannot run', () => {
    const scheme = regexScheme('^(?<major>a+)+$');
    // Backtracking would not return from these; the linear-time engine answers at once.
    expect(scheme.parse(`${'a'.repeat(30)}!`)).toBeUndefined();
    expect(scheme.parse(`${'a'.repeat(5000)}!`)).toBeUndefined();
    expect(scheme.parse('aaa')?.key).toEqual(['aaa']);
    expect(() => regexScheme('^(?<major>[0-9]+)(?!-rc)')).toThrow(
      'filter.pattern "^(?<major>[0-9]+)(?!-rc)" uses a look-ahead ((?!), which Dockyard does not run (patterns run in linear time, RE2 syntax); use exclude_regex for negation',
    );
  });
});

describe('inferScheme', () => {
  it.each([
    ['476', undefined, 'loose'],
    ['17.6-bookworm', undefined, 'loose'],
    ['3.9.1.0', undefined, 'loose'],
    ['4.0.1', undefined, 'semver'],
    ['3.5.1-scala2.12-java17-ubuntu', undefined, 'semver'],
    ['1.1.0-incubating', undefined, 'semver'],
    ['RELEASE.2025-09-07T16-13-09Z', undefined, 'calver'],
    ['2024.10.01', undefined, 'calver'],
    ['2024.10.1', undefined, 'calver'],
    ['2025.01.0', undefined, 'calver'],
    ['2024-01-15', undefined, 'calver'],
    ['1.2.3+build.5', undefined, 'semver'],
    ['21.0.5_11-jre-noble', undefined, 'loose'],
    ['3.1.3', 'pypi', 'pep440'],
  ])('%s (%s) → %s', (current, strategy, scheme) => {
    expect(inferScheme(current, strategy)).toBe(scheme);
  });
});
