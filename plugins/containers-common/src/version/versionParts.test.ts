import {
  compareNumbers,
  compareStages,
  isCommitHash,
  isPrereleaseStages,
  splitVersionParts,
} from './versionParts';

describe('splitVersionParts', () => {
  it.each([
    ['476', [476], [], ''],
    ['3.9.1.0', [3, 9, 1, 0], [], ''],
    [
      '3.5.1-scala2.12-java17-ubuntu',
      [3, 5, 1],
      [],
      '-scala2.12-java17-ubuntu',
    ],
    [
      '4.0.0-preview1-scala2.13-java17-ubuntu',
      [4, 0, 0],
      [{ kind: 'preview', number: 1 }],
      '-scala2.13-java17-ubuntu',
    ],
    ['17.6-bookworm', [17, 6], [], '-bookworm'],
    ['17rc1', [17], [{ kind: 'rc', number: 1 }], ''],
    ['18beta3-alpine', [18], [{ kind: 'beta', number: 3 }], '-alpine'],
    ['3.0.0-beta-1', [3, 0, 0], [{ kind: 'beta', number: 1 }], ''],
    ['1.0.0-rc.2', [1, 0, 0], [{ kind: 'rc', number: 2 }], ''],
    ['2.0.0-SNAPSHOT', [2, 0, 0], [{ kind: 'snapshot', number: 0 }], ''],
    ['2.0.0b2', [2, 0, 0], [{ kind: 'beta', number: 2 }], ''],
    ['3.1.0a1', [3, 1, 0], [{ kind: 'alpha', number: 1 }], ''],
    ['1.0.0.dev3', [1, 0, 0], [{ kind: 'dev', number: 3 }], ''],
    ['1.0.post1', [1, 0], [{ kind: 'post', number: 1 }], ''],
    ['1.0.0-M1', [1, 0, 0], [{ kind: 'milestone', number: 1 }], ''],
    ['1.1.0-incubating', [1, 1, 0], [], '-incubating'],
    [
      '1.0.0-incubating-rc1',
      [1, 0, 0],
      [{ kind: 'rc', number: 1 }],
      '-incubating',
    ],
    ['17.6-amd64', [17, 6], [], '-amd64'],
    ['21.0.5_11-jre-noble', [21, 0, 5, 11], [], '-jre-noble'],
    ['21.0.5_11', [21, 0, 5, 11], [], ''],
    ['1.2.3+build.5', [1, 2, 3], [], ''],
    ['1.2.3-rc.1+exp.sha.5114f85', [1, 2, 3], [{ kind: 'rc', number: 1 }], ''],
    ['2024-03-01', [2024, 3, 1], [], ''],
    ['2024-03-01-alpine', [2024, 3, 1], [], '-alpine'],
  ])('%s', (text, numbers, stages, variant) => {
    expect(splitVersionParts(text)).toMatchObject({ numbers, stages, variant });
  });

  it('reads MinIO release timestamps as numbers and a date', () => {
    const parts = splitVersionParts('RELEASE.2025-09-07T16-13-09Z');
    expect(parts?.numbers).toEqual([2025, 9, 7, 16, 13, 9]);
    expect(new Date(parts!.timestamp!).toISOString()).toBe(
      '2025-09-07T16:13:09.000Z',
    );
    expect(
      splitVersionParts('RELEASE.2025-09-07T16-13-09Z.fips')?.variant,
    ).toBe('.fips');
    expect(
      splitVersionParts('RELEASE.2025-09-07T16-13-09Z-cpuv1')?.variant,
    ).toBe('-cpuv1');
  });

  it.each([
    'latest',
    'stable',
    'edge',
    'amd64',
    'sha256-abc',
    '1234abc',
    'a1b2c3d4e5',
    'deadbeef12',
  ])('is not a version: %s', text => {
    expect(splitVersionParts(text)).toBeUndefined();
  });
});

describe('compareStages', () => {
  const order = [
    '1.0.0-SNAPSHOT',
    '1.0.0.dev1',
    '1.0.0-alpha',
    '1.0.0-alpha.2',
    '1.0.0-beta-1',
    '1.0.0-beta-2',
    '1.0.0-beta-10',
    '1.0.0-M1',
    '1.0.0-preview1',
    '1.0.0-rc1',
    '1.0.0-rc2',
    '1.0.0-rc10',
    '1.0.0',
    '1.0.0.post1',
  ];
  it('orders pre-releases, the release, then post-releases', () => {
    const stages = order.map(text => splitVersionParts(text)!.stages);
    const shuffled = [...stages].reverse();
    shuffled.sort(compareStages);
    expect(shuffled).toEqual(stages);
  });

  it('knows which stages are pre-releases', () => {
    expect(isPrereleaseStages(splitVersionParts('1.0rc1')!.stages)).toBe(true);
    expect(isPrereleaseStages(splitVersionParts('1.0.post1')!.stages)).toBe(
      false,
    );
  });
});

describe('compareNumbers', () => {
  it('compares numerically, not lexically', () => {
    expect(compareNumbers([0, 99, 0], [0, 109, 0])).toBeLessThan(0);
    expect(compareNumbers([17], [17, 0])).toBe(0);
    expect(compareNumbers([3, 9, 1, 1], [3, 9, 1, 0])).toBeGreaterThan(0);
  });
});

describe('isCommitHash', () => {
  it('tells hashes from numbers', () => {
    expect(isCommitHash('9f3c2a1')).toBe(true);
    expect(isCommitHash('1234567')).toBe(false);
  });
});
