import { parseRepoTarget, repoUrlOf, sameRepoTarget } from './repoTarget';

describe('parseRepoTarget', () => {
  const example = {
    host: 'github.com',
    owner: 'example',
    repo: 'data-platform',
  };

  it.each([
    'github.com?owner=example&repo=data-platform',
    'github.com?repo=data-platform&owner=example',
    'GitHub.com?owner=example&repo=data-platform',
    'https://github.com/example/data-platform',
    'https://github.com/example/data-platform.git',
    'https://github.com/example/data-platform/tree/main/',
  ])('reads %s', text => {
    expect(parseRepoTarget(text)).toEqual(example);
  });

  it('keeps the port of a GitHub Enterprise host', () => {
    expect(
      parseRepoTarget('https://ghe.example.com:8443/platform/images'),
    ).toEqual({
      host: 'ghe.example.com:8443',
      owner: 'platform',
      repo: 'images',
    });
  });

  it.each([
    '',
    'data-platform',
    '?owner=example&repo=data-platform',
    'github.com?owner=example',
    'github.com?owner=example&repo=data-platform&owner=evil',
    'github.com?owner=example&repo=..',
    'github.com?owner=ex/ample&repo=data-platform',
    'evil.example/x?owner=example&repo=data-platform',
    'https://github.com/example',
    'https://user:pw@github.com/example/data-platform',
    'https://github.com/example/data-platform?x=1',
    'file:///etc/passwd',
  ])('refuses %j', text => {
    expect(parseRepoTarget(text)).toBeUndefined();
  });

  it('refuses a value longer than any repository name', () => {
    expect(
      parseRepoTarget(`github.com?owner=example&repo=${'a'.repeat(600)}`),
    ).toBeUndefined();
  });
});

describe('repoUrlOf and sameRepoTarget', () => {
  it('writes the repoUrl publish:github:pull-request takes, and compares names as GitHub does', () => {
    const target = parseRepoTarget('https://github.com/example/data-platform')!;
    expect(repoUrlOf(target)).toBe(
      'github.com?owner=example&repo=data-platform',
    );
    expect(
      sameRepoTarget(
        target,
        parseRepoTarget('github.com?owner=Example&repo=Data-Platform')!,
      ),
    ).toBe(true);
    expect(
      sameRepoTarget(
        target,
        parseRepoTarget('github.com?owner=example&repo=data-platform-fork')!,
      ),
    ).toBe(false);
    expect(
      sameRepoTarget(
        target,
        parseRepoTarget('ghe.example.com?owner=example&repo=data-platform')!,
      ),
    ).toBe(false);
  });
});
