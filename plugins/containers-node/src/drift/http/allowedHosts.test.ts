import { hostWithPort, isHostAllowed, isHostListed } from './allowedHosts';

describe('isHostAllowed', () => {
  const allowed = [
    'api.github.com',
    '127.0.0.1:8080',
    '*.docker.io',
    'localhost',
  ];

  it.each([
    ['https://api.github.com/repos/a/b', true],
    ['https://api.github.com:8443/repos/a/b', true],
    ['https://API.GitHub.com./repos/a/b', true],
    ['http://127.0.0.1:8080/v2/', true],
    ['http://127.0.0.1:9090/v2/', false],
    ['http://2130706433:8080/v2/', true],
    ['https://registry-1.docker.io/v2/', true],
    ['https://auth.docker.io/token', true],
    ['https://docker.io/v2/', false],
    ['https://docker.io.evil.example/v2/', false],
    ['http://localhost:1234/', true],
    ['https://pypi.org/pypi/x/json', false],
  ])('%s → %s', (url, expected) => {
    expect(isHostAllowed(new URL(url), allowed)).toBe(expected);
  });

  it('allows every host name without a list', () => {
    expect(isHostAllowed(new URL('https://anything.example/'), undefined)).toBe(
      true,
    );
  });

  it('compares default ports as written or not', () => {
    expect(
      isHostAllowed(new URL('https://reg.example/v2/'), ['reg.example:443']),
    ).toBe(true);
    expect(
      isHostAllowed(new URL('http://reg.example/v2/'), ['reg.example:443']),
    ).toBe(false);
  });
});

describe('isHostListed', () => {
  const listed = [
    'registry.internal:5000',
    '0x7f.1:8080',
    '[::1]:9000',
    'fd00::1',
    '*.corp.example',
  ];

  it.each([
    ['http://registry.internal:5000/v2/', true],
    ['http://registry.internal:5001/v2/', false],
    ['http://registry.internal/v2/', false],
    ['http://127.0.0.1:8080/', true],
    ['http://127.1:8080/', true],
    ['http://127.0.0.1:8081/', false],
    ['http://[::1]:9000/', true],
    ['http://[::1]:9001/', false],
    ['http://[fd00::1]:1234/', true],
    // A wildcard allows names but never lists them: DNS under it could point anywhere.
    ['https://registry.corp.example/', false],
  ])('%s → %s', (url, expected) => {
    expect(isHostListed(new URL(url), listed)).toBe(expected);
  });
});

describe('hostWithPort', () => {
  it('writes the port of an endpoint URL, default ports included', () => {
    expect(hostWithPort('https://api.github.com')).toBe('api.github.com:443');
    expect(hostWithPort('http://127.0.0.1:9001/registry')).toBe(
      '127.0.0.1:9001',
    );
    expect(hostWithPort('http://[::1]/x')).toBe('[::1]:80');
    expect(hostWithPort('not a url')).toBeUndefined();
  });
});
