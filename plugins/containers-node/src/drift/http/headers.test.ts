import { linkHeaderUrl, parseAuthChallenge, retryAfterMs } from './headers';

describe('linkHeaderUrl', () => {
  const github =
    '<https://api.github.com/repositories/1/releases?per_page=100&page=2>; rel="next", ' +
    '<https://api.github.com/repositories/1/releases?per_page=100&page=5>; rel="last"';

  it('reads GitHub links', () => {
    expect(linkHeaderUrl(github, 'next', 'https://api.github.com/x')).toBe(
      'https://api.github.com/repositories/1/releases?per_page=100&page=2',
    );
    expect(linkHeaderUrl(github, 'last', 'https://api.github.com/x')).toMatch(
      /page=5$/,
    );
    expect(
      linkHeaderUrl(github, 'prev', 'https://api.github.com/x'),
    ).toBeUndefined();
  });

  it('resolves the relative links of the OCI distribution API', () => {
    expect(
      linkHeaderUrl(
        '</v2/library/postgres/tags/list?last=17.6&n=100>; rel="next"',
        'next',
        'https://registry-1.docker.io/v2/library/postgres/tags/list?n=100',
      ),
    ).toBe(
      'https://registry-1.docker.io/v2/library/postgres/tags/list?last=17.6&n=100',
    );
  });

  it('ignores absent and garbled headers', () => {
    expect(linkHeaderUrl(undefined, 'next', 'http://x/')).toBeUndefined();
    expect(linkHeaderUrl('garbage', 'next', 'http://x/')).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('parseAuthChallenge', () => {
  it("reads Docker Hub's bearer challenge", () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/postgres:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/postgres:pull',
      },
    });
  });

  it('reads a basic challenge and nothing from an empty header', () => {
    expect(parseAuthChallenge('Basic realm="Registry"')?.scheme).toBe('basic');
    expect(parseAuthChallenge('')).toBeUndefined();
  });
});
