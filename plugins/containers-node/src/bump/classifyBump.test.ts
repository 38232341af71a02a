import type { ContainerVersionSpec } from '@dockyard/plugin-containers-common';
import { BumpChange, changeOfDistance, classifyBump } from './classifyBump';

type Case = [
  string,
  Omit<ContainerVersionSpec, 'current'>,
  string,
  string,
  BumpChange,
];

describe('classifyBump', () => {
  it.each<Case>([
    ['semver', { strategy: 'github-release' }, '4.0.1', '4.0.2', 'patch'],
    ['semver', { strategy: 'github-release' }, '4.0.1', '4.1.0', 'minor'],
    ['semver', { strategy: 'github-release' }, '4.0.1', '5.0.0', 'major'],
    ['one number', { strategy: 'github-release' }, '476', '479', 'major'],
    [
      'a variant',
      { strategy: 'docker-tags' },
      '17.6-bookworm',
      '17.7-bookworm',
      'minor',
    ],
    ['pep440', { strategy: 'pypi' }, '3.1.3', '3.1.5', 'patch'],
    ['older', { strategy: 'github-release' }, '4.1.0', '4.0.9', 'downgrade'],
    [
      'a lane that does not hold the new version',
      { strategy: 'github-release', filter: { track: '4.0.*' } },
      '4.0.1',
      '5.0.0',
      'major',
    ],
  ])('%s: %s → %s', (_, version, from, to, change) => {
    expect(classifyBump({ current: from, ...version }, from, to)).toBe(change);
  });

  it('is undefined when the versions do not compare', () => {
    expect(
      classifyBump(
        { strategy: 'docker-tags', current: '17.6-bookworm' },
        '17.6-bookworm',
        '17.7-alpine',
      ),
    ).toBeUndefined();
  });
});

describe('changeOfDistance', () => {
  it('names the largest part that moved', () => {
    expect(changeOfDistance(undefined)).toBeUndefined();
    expect(
      changeOfDistance({ major: 0, minor: 2, patch: 0, releases: 3 }),
    ).toBe('minor');
    expect(
      changeOfDistance({ major: 0, minor: 0, patch: 0, releases: 1 }),
    ).toBeUndefined();
  });
});
