import type { ContainerVersionSpec } from '../container/schema';
import {
  DEFAULT_UPSTREAM_ENDPOINTS,
  describeUpstream,
  type UpstreamEndpoints,
} from './describeUpstream';

type Upstream = Omit<ContainerVersionSpec, 'current'>;

describe('describeUpstream', () => {
  it.each<[Upstream, ReturnType<typeof describeUpstream>]>([
    [
      { strategy: 'github-release', source: { repo: 'trinodb/trino' } },
      {
        key: 'github-release:github.com/trinodb/trino',
        label: 'github:trinodb/trino',
        sourceUrl: 'https://github.com/trinodb/trino/releases',
      },
    ],
    [
      {
        strategy: 'github-tag',
        source: { repo: 'Data/Spark', host: 'GHE.example.com' },
      },
      {
        key: 'github-tag:ghe.example.com/data/spark',
        label: 'github:ghe.example.com/Data/Spark',
        sourceUrl: 'https://ghe.example.com/Data/Spark/tags',
      },
    ],
    [
      {
        strategy: 'docker-tags',
        source: { image: 'docker.io/library/postgres' },
      },
      {
        key: 'docker-tags:docker.io/library/postgres',
        label: 'docker.io/library/postgres',
        sourceUrl: 'https://hub.docker.com/_/postgres',
      },
    ],
    [
      { strategy: 'pypi', component: 'Apache-Airflow' },
      {
        key: 'pypi:https://pypi.org/apache-airflow',
        label: 'pypi:Apache-Airflow',
        sourceUrl: 'https://pypi.org/project/Apache-Airflow/',
      },
    ],
    [
      {
        strategy: 'http-directory',
        source: {
          url: 'https://archive.apache.org/dist/spark/',
          regex: 'spark-([0-9.]+)/',
        },
      },
      {
        key: 'http-directory:["https://archive.apache.org/dist/spark/","spark-([0-9.]+)/"]',
        label: 'https://archive.apache.org/dist/spark/',
        sourceUrl: 'https://archive.apache.org/dist/spark/',
      },
    ],
    [
      {
        strategy: 'maven',
        source: { package: 'org.apache.kafka:kafka-clients' },
      },
      {
        key: 'maven:https://repo1.maven.org/maven2/org.apache.kafka:kafka-clients',
        label: 'maven:org.apache.kafka:kafka-clients',
        sourceUrl:
          'https://central.sonatype.com/artifact/org.apache.kafka/kafka-clients',
      },
    ],
    [
      {
        strategy: 'maven',
        source: {
          package: 'org.apache.kafka:kafka-clients',
          url: 'https://maven.example.com/m2/',
        },
      },
      {
        key: 'maven:https://maven.example.com/m2/org.apache.kafka:kafka-clients',
        label: 'maven:org.apache.kafka:kafka-clients',
        sourceUrl:
          'https://maven.example.com/m2/org/apache/kafka/kafka-clients/',
      },
    ],
    [
      { strategy: 'npm', source: { package: '@scope/name' } },
      {
        key: 'npm:https://registry.npmjs.org/@scope/name',
        label: 'npm:@scope/name',
        sourceUrl: 'https://www.npmjs.com/package/@scope/name',
      },
    ],
    [
      {
        strategy: 'helm',
        source: { url: 'https://charts.example.com', chart: 'pg' },
      },
      {
        key: 'helm:https://charts.example.com/index.yaml#pg',
        label: 'helm:pg',
        sourceUrl: 'https://charts.example.com/index.yaml',
      },
    ],
    [
      { strategy: 'endoflife', source: { product: 'postgresql' } },
      {
        key: 'endoflife:https://endoflife.date/postgresql',
        label: 'endoflife:postgresql',
        sourceUrl: 'https://endoflife.date/postgresql',
      },
    ],
    [{ strategy: 'manual' }, undefined],
  ])('%j', (version, expected) => {
    expect(describeUpstream(version)).toEqual(expected);
  });

  it('keys a feed by the configured registry; the label stays the same', () => {
    const mirror: UpstreamEndpoints = {
      ...DEFAULT_UPSTREAM_ENDPOINTS,
      pypi: 'https://pypi.example.com',
      helm: 'https://charts.example.com',
    };
    const airflow: Upstream = { strategy: 'pypi', component: 'apache-airflow' };
    expect(describeUpstream(airflow, mirror)).toEqual({
      key: 'pypi:https://pypi.example.com/apache-airflow',
      label: 'pypi:apache-airflow',
      sourceUrl: 'https://pypi.example.com/project/apache-airflow/',
    });
    expect(
      describeUpstream({ strategy: 'helm', source: { chart: 'pg' } }, mirror),
    ).toMatchObject({ label: 'helm:pg' });
  });

  it('has no feed for a strategy the schema does not know', () => {
    const odd = { strategy: 'ftp' } as unknown as Upstream;
    expect(describeUpstream(odd)).toBeUndefined();
  });

  it('names the field that is missing or malformed', () => {
    expect(() => describeUpstream({ strategy: 'github-release' })).toThrow(
      'version.source.repo is required for strategy github-release',
    );
    expect(() =>
      describeUpstream({
        strategy: 'docker-tags',
        source: { image: 'Not An Image' },
      }),
    ).toThrow(/is not an image name/);
    expect(() =>
      describeUpstream({
        strategy: 'http-directory',
        source: { url: 'https://example.com/', regex: '([' },
      }),
    ).toThrow(/version.source.regex "\(\[" is not a valid regular expression/);
  });
});
