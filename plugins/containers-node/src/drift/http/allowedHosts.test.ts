import { isHostAllowed } from './allowedHosts';

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
    ['http://127.0.0.1:8080/v2/', true],
    ['http://127.0.0.1:9090/v2/', false],
    ['https://registry-1.docker.io/v2/', true],
    ['https://auth.docker.io/token', true],
    ['https://docker.io.evil.example/v2/', false],
    ['http://localhost:1234/', true],
    ['https://pypi.org/pypi/x/json', false],
  ])('%s → %s', (url, expected) => {
    expect(isHostAllowed(new URL(url), allowed)).toBe(expected);
  });

  it('allows every host without a list', () => {
    expect(isHostAllowed(new URL('https://anything.example/'), undefined)).toBe(
      true,
    );
  });
});
