import { prefixFamily, splitTagPrefix, tagPrefixes } from './prefix';

describe('splitTagPrefix', () => {
  const prefixes = tagPrefixes({ stripPrefix: 'trino-', component: 'hive' });

  it.each([
    ['v3.5.1', 'v', '3.5.1'],
    ['rel/release-4.1.0', 'rel/release-', '4.1.0'],
    ['release-1.2.1', 'release-', '1.2.1'],
    ['apache-iceberg-1.10.0', 'apache-iceberg-', '1.10.0'],
    ['apache-polaris-1.1.0-incubating', 'apache-polaris-', '1.1.0-incubating'],
    ['nessie-0.105.1', 'nessie-', '0.105.1'],
    ['helm-chart/1.18.0', 'helm-chart/', '1.18.0'],
    ['trino-476', 'trino-', '476'],
    ['apache-hive-4.1.0', 'apache-hive-', '4.1.0'],
    ['476', '', '476'],
    ['RELEASE.2025-09-07T16-13-09Z', '', 'RELEASE.2025-09-07T16-13-09Z'],
  ])('%s → prefix %j, rest %j', (tag, prefix, rest) => {
    expect(splitTagPrefix(tag, prefixes)).toEqual({ prefix, rest });
  });

  it.each(['arm64v8-17.6', 'providers-amazon/9.0.0', 'latest', 'version-x'])(
    'keeps an unknown prefix on %s',
    tag => {
      expect(splitTagPrefix(tag, prefixes)).toEqual({ prefix: '', rest: tag });
    },
  );

  it('tries the longest prefix first', () => {
    const builtIn = tagPrefixes();
    expect(builtIn.indexOf('rel/release-')).toBeLessThan(
      builtIn.indexOf('release-'),
    );
    expect(splitTagPrefix('release-2.0.0', tagPrefixes()).prefix).toBe(
      'release-',
    );
  });
});

describe('prefixFamily', () => {
  it('puts v-prefixed and bare tags in one family, named prefixes in their own', () => {
    expect(prefixFamily('v')).toBe(prefixFamily(''));
    expect(prefixFamily('helm-chart/')).not.toBe(prefixFamily(''));
  });
});
