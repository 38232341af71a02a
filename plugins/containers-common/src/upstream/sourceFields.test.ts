import {
  helmIndexUrl,
  httpDirectoryPattern,
  mavenCoordinates,
  mavenRepositoryBase,
  pypiPackageName,
  requireSourceField,
} from './sourceFields';

describe('requireSourceField', () => {
  it('trims the field, falls back, or names what is missing', () => {
    expect(
      requireSourceField(
        { strategy: 'npm', source: { package: ' typescript ' } },
        'package',
      ),
    ).toBe('typescript');
    expect(requireSourceField({ strategy: 'pypi' }, 'package', 'airflow')).toBe(
      'airflow',
    );
    expect(() =>
      requireSourceField(
        { strategy: 'npm', source: { package: ' ' } },
        'package',
      ),
    ).toThrow('version.source.package is required for strategy npm');
  });
});

describe('pypiPackageName', () => {
  it('reads source.package, else component', () => {
    expect(
      pypiPackageName({
        strategy: 'pypi',
        component: 'x',
        source: { package: 'apache-superset' },
      }),
    ).toBe('apache-superset');
    expect(
      pypiPackageName({ strategy: 'pypi', component: 'apache-airflow' }),
    ).toBe('apache-airflow');
  });
});

describe('maven', () => {
  it('takes group:artifact apart and refuses anything else', () => {
    expect(
      mavenCoordinates({
        strategy: 'maven',
        source: { package: 'org.apache.kafka:kafka-clients' },
      }),
    ).toEqual({ group: 'org.apache.kafka', artifact: 'kafka-clients' });
    expect(() =>
      mavenCoordinates({ strategy: 'maven', source: { package: 'a:b:c' } }),
    ).toThrow('version.source.package "a:b:c" is not group:artifact');
  });

  it('reads from source.url when given, without a trailing slash', () => {
    expect(
      mavenRepositoryBase(
        {
          strategy: 'maven',
          source: { url: 'https://maven.example.com/m2//' },
        },
        'https://repo1.maven.org/maven2',
      ),
    ).toBe('https://maven.example.com/m2');
    expect(
      mavenRepositoryBase(
        { strategy: 'maven' },
        'https://repo1.maven.org/maven2',
      ),
    ).toBe('https://repo1.maven.org/maven2');
  });
});

describe('helmIndexUrl', () => {
  it('is the repository index, from source.url or the configured repository', () => {
    expect(
      helmIndexUrl(
        { strategy: 'helm', source: { url: 'https://charts.example.com/' } },
        undefined,
      ),
    ).toBe('https://charts.example.com/index.yaml');
    expect(
      helmIndexUrl(
        { strategy: 'helm' },
        'https://charts.example.com/index.yml',
      ),
    ).toBe('https://charts.example.com/index.yml');
  });

  it('needs a repository, and one that is not an OCI registry', () => {
    expect(() => helmIndexUrl({ strategy: 'helm' }, undefined)).toThrow(
      'version.source.url (the chart repository) is required for strategy helm',
    );
    expect(() =>
      helmIndexUrl(
        { strategy: 'helm', source: { url: 'oci://registry.example.com/c' } },
        undefined,
      ),
    ).toThrow('is an OCI registry: use strategy docker-tags');
  });
});

describe('httpDirectoryPattern', () => {
  it('compiles source.regex and needs its group 1', () => {
    expect(
      httpDirectoryPattern({
        strategy: 'http-directory',
        source: { regex: 'spark-([0-9.]+)/' },
      }).groupCount,
    ).toBe(1);
    expect(() =>
      httpDirectoryPattern({
        strategy: 'http-directory',
        source: { regex: 'spark-[0-9.]+/' },
      }),
    ).toThrow('has no group 1: wrap the version in (…)');
  });
});
