import { companionPin, quoted } from './companionPin';

describe('companionPin', () => {
  const container = {
    version: {
      current: '4.0.1',
      companions: [
        { name: 'iceberg', current: '!build.args.ICEBERG_VERSION' },
        { name: 'sdk', current: '2.31.0' },
        { name: 'follows', current: '!build.args.SPARK_VERSION' },
        { name: 'composed', current: '!build.args.URL' },
        { name: 'other', current: '!links.source' },
      ],
    },
    build: {
      args: {
        ICEBERG_VERSION: '1.9.2',
        SPARK_VERSION: '!version.current',
        URL: 'https://example.com/x-!version.current.jar',
      },
    },
  };
  const label = 'containers/spark/container.yaml';

  it('is the build arg the companion token names', () => {
    expect(companionPin(container, 'iceberg', label)).toEqual({
      index: 0,
      buildArg: 'ICEBERG_VERSION',
      path: ['build', 'args', 'ICEBERG_VERSION'],
    });
  });

  it('refuses an unknown name, listing the companions there are', () => {
    expect(() => companionPin(container, 'nope', label)).toThrow(
      `${label} has no companion "nope" in version.companions (it has "iceberg", "sdk", "follows", "composed", "other")`,
    );
    expect(() => companionPin({ version: {} }, 'nope', label)).toThrow(
      'it has none',
    );
  });

  it('refuses a companion pinned by no build arg', () => {
    expect(() => companionPin(container, 'sdk', label)).toThrow(
      'companion "sdk" is not pinned by a build arg: version.companions[1].current is "2.31.0"',
    );
    expect(() => companionPin(container, 'other', label)).toThrow(
      'is not pinned by a build arg',
    );
  });

  it('refuses a build arg that is a token for another field or inside a longer string', () => {
    expect(() => companionPin(container, 'follows', label)).toThrow(
      'is pinned by build.args.SPARK_VERSION, which is "!version.current", a token for version.current: it moves with that field, not on its own',
    );
    expect(() => companionPin(container, 'composed', label)).toThrow(
      'a token inside a longer string that a bump cannot set',
    );
  });
});

describe('quoted', () => {
  it('quotes and shortens a value for a message', () => {
    expect(quoted('a"b')).toBe('"a\\"b"');
    expect(quoted('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});
