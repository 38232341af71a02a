import { githubWebUrl, parseGithubRepo } from './githubRepo';

describe('parseGithubRepo', () => {
  it('reads owner/name, repository URLs and hosts', () => {
    expect(
      parseGithubRepo({
        strategy: 'github-tag',
        source: { repo: 'apache/hive' },
      }),
    ).toEqual({ host: 'github.com', owner: 'apache', name: 'hive' });
    expect(
      parseGithubRepo({
        strategy: 'github-tag',
        source: { repo: 'https://ghe.example.com/data/spark.git' },
      }),
    ).toEqual({ host: 'ghe.example.com', owner: 'data', name: 'spark' });
    expect(() =>
      parseGithubRepo({
        strategy: 'github-tag',
        source: { repo: 'hive' },
      }),
    ).toThrow(/is not owner\/name/);
    for (const repo of [
      '../..',
      'apache/..',
      './hive',
      'https://github.com/../x',
    ]) {
      expect(() =>
        parseGithubRepo({
          strategy: 'github-tag',
          source: { repo },
        }),
      ).toThrow(/is not owner\/name/);
    }
    expect(() => parseGithubRepo({ strategy: 'github-tag' })).toThrow(
      'version.source.repo is required for strategy github-tag',
    );
  });
});

describe('githubWebUrl', () => {
  it('is the repository page on its host', () => {
    expect(
      githubWebUrl({ host: 'ghe.example.com', owner: 'data', name: 'spark' }),
    ).toBe('https://ghe.example.com/data/spark');
  });
});
