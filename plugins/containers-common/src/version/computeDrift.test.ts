import { computeVersionDrift, VersionDrift } from './computeDrift';
import type { ContainerVersionSpec } from '../container/schema';
import { UpstreamVersion, VersionStrategy } from './types';

interface OrderingCase {
  name: string;
  version: Omit<ContainerVersionSpec, 'strategy'> & {
    strategy?: VersionStrategy;
  };
  tags: Array<string | UpstreamVersion>;
  expected: Partial<VersionDrift>;
}

const SPARK_IMAGE_TAGS = [
  'latest',
  'python3',
  'scala',
  '3.4.4-scala2.12-java11-ubuntu',
  '3.5.1-scala2.12-java17-ubuntu',
  '3.5.1-scala2.12-java17-python3-ubuntu',
  '3.5.1-scala2.12-java11-ubuntu',
  '3.5.2-scala2.12-java17-ubuntu',
  '3.5.3-scala2.12-java17-ubuntu',
  '3.5.3-scala2.12-java17-python3-ubuntu',
  '3.5.3-scala2.12-java17-r-ubuntu',
  '3.5.3-java17',
  '3.5.3-java17-python3',
  '3.5.3',
  '4.0.0-preview2-scala2.13-java17-ubuntu',
  '4.0.0-scala2.13-java17-ubuntu',
  '4.0.0-scala2.13-java21-python3-ubuntu',
  '4.0.1-scala2.13-java17-ubuntu',
  '4.0.1-java21',
  '4.0.1',
];

const HIVE_TAGS = [
  'release-1.2.1',
  'rel/release-2.3.9',
  'rel/release-3.1.3',
  'rel/release-4.0.0-alpha-2',
  'rel/release-4.0.0-beta-1',
  'rel/release-4.0.0',
  'rel/release-4.0.1',
  'rel/release-4.1.0',
  'rel/storage-release-2.8.1',
  'rel/standalone-metastore-release-3.0.0',
];

const MINIO_TAGS = [
  'latest',
  'edge',
  'RELEASE.2024-12-18T13-15-44Z',
  'RELEASE.2025-04-22T22-12-26Z',
  'RELEASE.2025-04-22T22-12-26Z-cpuv1',
  'RELEASE.2025-09-07T16-13-09Z',
  'RELEASE.2025-09-07T16-13-09Z-cpuv1',
  'RELEASE.2025-09-07T16-13-09Z.fips',
  'RELEASE.2025-10-15T17-29-55Z',
  'RELEASE.2025-10-15T17-29-55Z-cpuv1',
  'RELEASE.2025-10-15T17-29-55Z.fips',
];

const POSTGRES_TAGS = [
  'latest',
  'bookworm',
  'alpine',
  '16',
  '16.10-bookworm',
  '17',
  '17-bookworm',
  '17.5-bookworm',
  '17.6',
  '17.6-bookworm',
  '17.6-alpine3.22',
  '17.7',
  '17.7-bookworm',
  '17.7-alpine3.22',
  '17.7-trixie',
  '18beta3-bookworm',
  '18rc1',
  '18rc1-bookworm',
  '18',
  '18-bookworm',
  '18.0',
  '18.1',
  '18.1-bookworm',
  '18.1-trixie',
];

const POLARIS_TAGS = [
  'apache-polaris-0.9.0-incubating',
  'apache-polaris-1.0.0-incubating-rc0',
  'apache-polaris-1.0.0-incubating',
  'apache-polaris-1.0.1-incubating',
  'apache-polaris-1.1.0-incubating-rc2',
  'apache-polaris-1.1.0-incubating',
  'apache-polaris-1.2.0-incubating-rc0',
  'apache-polaris-1.2.0-incubating-rc1',
];

const AIRFLOW_REPO_TAGS = [
  '2.10.5',
  '2.11.0',
  '3.1.2',
  '3.1.3rc1',
  '3.1.3',
  'constraints-3.1.3',
  'providers-amazon/9.0.0',
  'task-sdk/1.1.3',
  'helm-chart/1.16.0',
  'helm-chart/1.17.0',
  'helm-chart/1.18.0rc1',
  'helm-chart/1.18.0',
];

const cases: OrderingCase[] = [
  // Trino: one integer per release; old Presto-era 0.x tags must not win.
  {
    name: 'trino integers with the repo filter',
    version: {
      current: '476',
      filter: { include_regex: '^[0-9]+$', scheme: 'loose' },
    },
    tags: ['0.215', '474', '475', '476', '477', '478', 'latest'],
    expected: { latest: '478', status: 'behind' },
  },
  {
    name: 'trino inferred loose, 0.x ignored by value',
    version: { current: '476' },
    tags: ['0.99', '0.215', '476', '477'],
    expected: { latest: '477', status: 'behind' },
  },
  {
    name: 'trino up to date',
    version: { current: '478' },
    tags: ['476', '477', '478'],
    expected: { latest: '478', status: 'up-to-date' },
  },
  // Spark images: the variant suffix is a lane.
  {
    name: 'spark scala2.12-java17-ubuntu lane',
    version: { current: '3.5.1-scala2.12-java17-ubuntu' },
    tags: SPARK_IMAGE_TAGS,
    expected: { latest: '3.5.3-scala2.12-java17-ubuntu', status: 'behind' },
  },
  {
    name: 'spark python3 lane',
    version: { current: '3.5.1-scala2.12-java17-python3-ubuntu' },
    tags: SPARK_IMAGE_TAGS,
    expected: { latest: '3.5.3-scala2.12-java17-python3-ubuntu' },
  },
  {
    name: 'spark bare versions with a track',
    version: { current: '3.5.1', filter: { track: '3.5.*' } },
    tags: SPARK_IMAGE_TAGS,
    expected: { latest: '3.5.3', newest: '4.0.1', status: 'behind' },
  },
  {
    name: 'spark preview moves to the release in its lane',
    version: { current: '4.0.0-preview1-scala2.13-java17-ubuntu' },
    tags: SPARK_IMAGE_TAGS,
    expected: { latest: '4.0.1-scala2.13-java17-ubuntu', status: 'behind' },
  },
  {
    name: 'spark v-prefixed git tags',
    version: { current: '3.5.1', filter: { track: '3.5.*' } },
    tags: ['v3.5.1', 'v3.5.2', 'v3.5.3-rc2', 'v3.5.3', 'v4.0.0-rc1', 'v4.0.0'],
    expected: { latest: '3.5.3', newest: '4.0.0' },
  },
  {
    name: 'spark apache archive listing',
    version: { current: '4.0.1', filter: { track: '4.0.*', scheme: 'semver' } },
    tags: ['3.5.6', '3.5.7', '4.0.0', '4.0.1', '4.1.0'],
    expected: { latest: '4.0.1', newest: '4.1.0', status: 'up-to-date' },
  },
  // Hive: rel/release- tags among storage-api and metastore tags.
  {
    name: 'hive rel/release- tags',
    version: { current: '4.0.1', component: 'hive' },
    tags: HIVE_TAGS,
    expected: { latest: '4.1.0', status: 'behind' },
  },
  {
    name: 'hive with the repo filter',
    version: {
      current: '4.1.0',
      filter: {
        strip_prefix: 'rel/release-',
        include_regex: '^(rel/release-)?[0-9]+\\.[0-9]+\\.[0-9]+$',
        scheme: 'semver',
      },
    },
    tags: HIVE_TAGS,
    expected: { latest: '4.1.0', status: 'up-to-date' },
  },
  {
    name: 'hive current written with its prefix',
    version: { current: 'rel/release-4.0.1' },
    tags: HIVE_TAGS,
    expected: { latest: 'rel/release-4.1.0' },
  },
  {
    name: 'hive alphas and betas are not proposed',
    version: { current: '3.1.3' },
    tags: HIVE_TAGS.filter(
      t => !t.endsWith('4.0.0') && !/4\.[01]\.[01]$/.test(t),
    ),
    expected: { latest: '3.1.3', status: 'up-to-date' },
  },
  // MinIO: RELEASE timestamps, with -cpuv1 and .fips lanes.
  {
    name: 'minio RELEASE timestamps',
    version: { current: 'RELEASE.2025-09-07T16-13-09Z' },
    tags: MINIO_TAGS,
    expected: {
      latest: 'RELEASE.2025-10-15T17-29-55Z',
      status: 'behind',
      scheme: 'calver',
    },
  },
  {
    name: 'minio cpuv1 lane',
    version: { current: 'RELEASE.2025-04-22T22-12-26Z-cpuv1' },
    tags: MINIO_TAGS,
    expected: { latest: 'RELEASE.2025-10-15T17-29-55Z-cpuv1' },
  },
  {
    name: 'minio with the repo filter',
    version: {
      current: 'RELEASE.2025-10-15T17-29-55Z',
      filter: {
        include_regex:
          '^RELEASE\\.[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z$',
        scheme: 'calver',
      },
    },
    tags: MINIO_TAGS,
    expected: { latest: 'RELEASE.2025-10-15T17-29-55Z', status: 'up-to-date' },
  },
  // PostgreSQL: -bookworm lane, moving aliases (17, 18), rc and beta glued on.
  {
    name: 'postgres bookworm in track 17',
    version: { current: '17.6-bookworm', filter: { track: '17.*' } },
    tags: POSTGRES_TAGS,
    expected: {
      latest: '17.7-bookworm',
      newest: '18.1-bookworm',
      status: 'behind',
    },
  },
  {
    name: 'postgres with the repo filter',
    version: {
      current: '17.6-bookworm',
      filter: {
        include_regex: '^[0-9]+\\.[0-9]+-bookworm$',
        exclude_regex: ['beta', 'rc[0-9]*'],
        track: '17.*',
      },
    },
    tags: POSTGRES_TAGS,
    expected: { latest: '17.7-bookworm', newest: '18.1-bookworm' },
  },
  {
    name: 'postgres bare: rc1 glued on is not proposed',
    version: { current: '17.6' },
    tags: ['17.5', '17.6', '18beta3', '18rc1', '17.7'],
    expected: { latest: '17.7', status: 'behind' },
  },
  {
    name: 'postgres bare: the moving 18 tag is an alias of 18.1',
    version: { current: '17.6' },
    tags: POSTGRES_TAGS,
    expected: { latest: '18.1', status: 'behind' },
  },
  {
    name: 'postgres current rc moves to the release',
    version: { current: '18rc1' },
    tags: POSTGRES_TAGS,
    expected: { latest: '18.1', status: 'behind' },
  },
  {
    name: 'postgres current rc, only pre-releases upstream',
    version: { current: '18rc1' },
    tags: ['17.6', '18beta3', '18rc1'],
    expected: { latest: '18rc1', status: 'up-to-date' },
  },
  // Kafka: four-part versions and Maven Central.
  {
    name: 'kafka four-part in track',
    version: { current: '3.9.1.0', filter: { track: '3.9.*' } },
    tags: ['3.8.1.0', '3.9.0.0', '3.9.1', '3.9.1.0', '3.9.1.1', '4.0.0.0'],
    expected: { latest: '3.9.1.1', newest: '4.0.0.0', status: 'behind' },
  },
  {
    name: 'kafka-clients on Maven Central',
    version: {
      current: '3.9.1',
      strategy: 'maven',
      filter: { scheme: 'semver' },
    },
    tags: ['3.8.1', '3.9.0', '3.9.1', '4.0.0', '4.1.0'],
    expected: { latest: '4.1.0', status: 'behind' },
  },
  // Nessie and Iceberg: name prefixes, and the 0.99 < 0.109 trap.
  {
    name: 'nessie- prefix and numeric minors',
    version: { current: '0.105.1' },
    tags: [
      'nessie-0.90.4',
      'nessie-0.99.0',
      'nessie-0.105.1',
      'nessie-0.105.3',
      'nessie-0.106.0',
      'nessie-0.109.0',
    ],
    expected: { latest: '0.109.0', status: 'behind' },
  },
  {
    name: 'apache-iceberg- prefix with release candidates',
    version: { current: '1.9.2' },
    tags: [
      'apache-iceberg-0.14.0',
      'apache-iceberg-1.9.0-rc3',
      'apache-iceberg-1.9.2',
      'apache-iceberg-1.10.0-rc1',
      'apache-iceberg-1.10.0',
      'apache-iceberg-1.10.1',
    ],
    expected: { latest: '1.10.1', status: 'behind' },
  },
  {
    name: 'lexical trap 0.99.0 < 0.109.0',
    version: { current: '0.99.0' },
    tags: ['0.99.0', '0.100.0', '0.109.0', '0.98.3'],
    expected: { latest: '0.109.0' },
  },
  // Polaris: -incubating is part of every version; rc tags are not releases.
  {
    name: 'polaris with the repo regex scheme',
    version: {
      current: '1.0.1-incubating',
      filter: {
        strip_prefix: 'apache-polaris-',
        include_regex:
          '^(apache-polaris-)?[0-9]+\\.[0-9]+\\.[0-9]+-incubating$',
        scheme: 'regex',
        pattern:
          '^(?<major>[0-9]+)\\.(?<minor>[0-9]+)\\.(?<patch>[0-9]+)-incubating$',
      },
    },
    tags: POLARIS_TAGS,
    expected: { latest: '1.1.0-incubating', status: 'behind' },
  },
  {
    name: 'polaris inferred: -incubating is a lane, -rcN is a pre-release',
    version: { current: '1.1.0-incubating' },
    tags: POLARIS_TAGS,
    expected: { latest: '1.1.0-incubating', status: 'up-to-date' },
  },
  // Airflow: app tags and helm-chart/ tags share one repository.
  {
    name: 'airflow helm chart follows helm-chart/ tags only',
    version: { current: '1.17.0', filter: { strip_prefix: 'helm-chart/' } },
    tags: AIRFLOW_REPO_TAGS,
    expected: { latest: '1.18.0', status: 'behind' },
  },
  {
    name: 'airflow helm chart without a filter',
    version: { current: '1.16.0' },
    tags: AIRFLOW_REPO_TAGS,
    expected: { latest: '1.18.0' },
  },
  {
    name: 'airflow app ignores chart, provider and constraints tags',
    version: { current: '3.1.2' },
    tags: AIRFLOW_REPO_TAGS,
    expected: { latest: '3.1.3', status: 'behind' },
  },
  {
    name: 'airflow on PyPI in track 3.1',
    version: { current: '3.1.3', strategy: 'pypi', filter: { track: '3.1.*' } },
    tags: ['2.11.0', '3.0.6', '3.1.3', '3.1.4rc1', '3.1.4', '3.1.5', '3.2.0b1'],
    expected: { latest: '3.1.5', status: 'behind', scheme: 'pep440' },
  },
  {
    name: 'airflow on PyPI, a new minor',
    version: { current: '3.1.3', strategy: 'pypi' },
    tags: ['3.1.3', '3.2.0'],
    expected: {
      latest: '3.2.0',
      behind: { major: 0, minor: 1, patch: 0, releases: 1 },
    },
  },
  {
    name: 'superset: PEP 440 release candidates are not proposed',
    version: { current: '5.0.0', strategy: 'pypi' },
    tags: ['4.1.3', '5.0.0rc3', '5.0.0', '6.0.0rc2'],
    expected: { latest: '5.0.0', status: 'up-to-date' },
  },
  {
    name: 'superset on a release candidate moves to the next one',
    version: { current: '6.0.0rc1', strategy: 'pypi' },
    tags: ['5.0.0', '6.0.0rc1', '6.0.0rc2'],
    expected: { latest: '6.0.0rc2', status: 'behind' },
  },
  {
    name: 'great_expectations post-release',
    version: { current: '1.10.0', strategy: 'pypi' },
    tags: ['1.9.3', '1.10.0', '1.10.0.post1'],
    expected: { latest: '1.10.0.post1', status: 'behind' },
  },
  {
    name: 'PEP 440 a1 and b2 are pre-releases',
    version: { current: '2.10.0', strategy: 'pypi' },
    tags: ['2.10.0', '2.11.0a1', '2.11.0b2'],
    expected: { latest: '2.10.0', status: 'up-to-date' },
  },
  // Aliases, hashes, architecture tags.
  {
    name: 'aliases, hashes and architecture tags are ignored',
    version: { current: '2.4.0' },
    tags: [
      'latest',
      'stable',
      'edge',
      'main',
      'nightly',
      'a1b2c3d',
      '3f9e2b1c4d5a6789',
      'amd64',
      'arm64v8-2.5.0',
      'sha256-8f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a6978.sig',
      '2.5.0-amd64',
      '2.4.0',
      '2.4.1',
    ],
    expected: { latest: '2.4.1', status: 'behind' },
  },
  {
    name: 'current written with v',
    version: { current: 'v1.2.3' },
    tags: ['1.2.3', '1.2.4', '1.3.0'],
    expected: { latest: 'v1.3.0' },
  },
  // Pre-releases: -beta-1, -SNAPSHOT, -preview1, GitHub's prerelease flag.
  {
    name: '-beta-1 is not proposed for a stable current',
    version: { current: '3.0.0' },
    tags: ['3.0.0', '3.1.0-beta-1', '3.1.0-beta-2'],
    expected: { latest: '3.0.0', status: 'up-to-date' },
  },
  {
    name: 'filter.prerelease proposes -beta-2',
    version: { current: '3.0.0', filter: { prerelease: true } },
    tags: ['3.0.0', '3.1.0-beta-1', '3.1.0-beta-2'],
    expected: { latest: '3.1.0-beta-2', status: 'behind' },
  },
  {
    name: '-SNAPSHOT on a Maven repository',
    version: { current: '2.1.0', strategy: 'maven' },
    tags: ['2.1.0', '2.1.1', '2.2.0-SNAPSHOT'],
    expected: { latest: '2.1.1' },
  },
  {
    name: '-preview1 is not proposed',
    version: { current: '4.0.0' },
    tags: ['4.0.0', '4.1.0-preview1', '4.1.0-preview2'],
    expected: { latest: '4.0.0', status: 'up-to-date' },
  },
  {
    name: "GitHub's prerelease flag is respected",
    version: { current: '5.0.0' },
    tags: [{ tag: '5.0.0' }, { tag: '6.0.0', prerelease: true }],
    expected: { latest: '5.0.0', status: 'up-to-date' },
  },
  // Tracks and part counts.
  {
    name: 'track 4.1.* with a newer minor outside it',
    version: { current: '4.1.0', filter: { track: '4.1.*' } },
    tags: ['4.0.3', '4.1.0', '4.1.1', '4.2.0'],
    expected: { latest: '4.1.1', newest: '4.2.0', status: 'behind' },
  },
  {
    name: 'semver ignores two-part tags',
    version: { current: '4.0.1' },
    tags: ['4.0', '4.0.1', '4.0.2', '4.1'],
    expected: { latest: '4.0.2' },
  },
  {
    name: 'nginx mainline track with two-part aliases',
    version: { current: '1.27.2', filter: { track: '1.27.*' } },
    tags: [
      'mainline',
      'stable-alpine',
      '1.27',
      '1.27.2',
      '1.27.3',
      '1.28',
      '1.28.0',
    ],
    expected: { latest: '1.27.3', newest: '1.28.0' },
  },
  {
    name: 'python slim-bookworm lane',
    version: { current: '3.12.7-slim-bookworm', filter: { track: '3.12.*' } },
    tags: [
      '3.12-slim-bookworm',
      '3.12.7-slim-bookworm',
      '3.12.8-slim-bookworm',
      '3.12.8-bookworm',
      '3.13.1-slim-bookworm',
      '3.14.0rc1-slim-bookworm',
    ],
    expected: {
      latest: '3.12.8-slim-bookworm',
      newest: '3.13.1-slim-bookworm',
    },
  },
  {
    name: 'eclipse-temurin with a regex scheme',
    version: {
      current: '21.0.7_6-jre-noble',
      filter: {
        scheme: 'regex',
        pattern:
          '^(?<major>[0-9]+)\\.(?<minor>[0-9]+)\\.(?<patch>[0-9]+)_(?<build>[0-9]+)-jre-noble$',
      },
    },
    tags: [
      '21.0.7_6-jre-noble',
      '21.0.8_9-jdk-noble',
      '21.0.8_9-jre-noble',
      '21.0.8_9-jre-jammy',
      '25_36-jre-noble',
    ],
    expected: { latest: '21.0.8_9-jre-noble', status: 'behind' },
  },
  {
    name: 'endoflife cycles in track 17',
    version: {
      current: '17.5',
      strategy: 'endoflife',
      filter: { track: '17.*' },
    },
    tags: ['15.14', '16.10', '17.6', '18.0'],
    expected: { latest: '17.6', newest: '18.0' },
  },
  // Calendar versions: year-first with zero-padded months, and dates written with dashes.
  {
    name: 'calver YYYY.MM.MICRO: the next January is newer',
    version: { current: '2024.10.1' },
    tags: [
      '2024.9.0',
      '2024.10.1',
      'nightly-20250101',
      '2024.10.2',
      '2025.01.0',
      '2024.12.0',
    ],
    expected: { latest: '2025.01.0', status: 'behind' },
  },
  {
    name: 'calver YYYY.MM.MICRO from a current without zero padding',
    version: { current: '2024.12.0' },
    tags: ['2024.12.0', '2025.01.0'],
    expected: { latest: '2025.01.0', status: 'behind' },
  },
  {
    name: 'dates with dashes are versions, not a year with a variant',
    version: { current: '2024-01-15', strategy: 'docker-tags' },
    tags: ['2023-12-25', '2024-01-15', '2024-03-01', '2024-02-29', 'latest'],
    expected: { latest: '2024-03-01', status: 'behind' },
  },
  {
    name: 'dated tags keep their variant lane',
    version: { current: '2024-01-15-alpine', strategy: 'docker-tags' },
    tags: ['2024-01-15-alpine', '2024-03-01', '2024-02-29-alpine'],
    expected: { latest: '2024-02-29-alpine', status: 'behind' },
  },
  // Eclipse Temurin: `_<build>` is a build number, and the variant is what follows it.
  {
    name: 'temurin build numbers order within the jre-noble lane',
    version: {
      current: '21.0.5_11-jre-noble',
      strategy: 'docker-tags',
      filter: { track: '21.*' },
    },
    tags: [
      '21-jre-noble',
      '21.0.5_11-jre-noble',
      '21.0.6_7-jre-noble',
      '21.0.6_7-jdk-noble',
      '21.0.6_7-jre-jammy',
      '23.0.1_11-jre-noble',
    ],
    expected: {
      latest: '21.0.6_7-jre-noble',
      newest: '23.0.1_11-jre-noble',
      status: 'behind',
    },
  },
  {
    name: 'temurin: a lower build number of a newer release is still newer',
    version: { current: '21.0.5_11', strategy: 'docker-tags' },
    tags: ['21.0.5_11', '21.0.5_9', '21.0.6_7'],
    expected: { latest: '21.0.6_7', status: 'behind' },
  },
  // SemVer build metadata is neither a lane nor part of the order.
  {
    name: 'semver build metadata does not make a lane',
    version: { current: '1.2.3+build.5' },
    tags: ['1.2.3+build.5', '1.2.4+build.1', '1.2.2'],
    expected: { latest: '1.2.4+build.1', status: 'behind' },
  },
  // Nothing to compare.
  {
    name: 'only aliases upstream',
    version: { current: '1.0.0' },
    tags: ['latest', 'edge'],
    expected: { status: 'unknown' },
  },
  {
    name: 'empty feed',
    version: { current: '1.0.0' },
    tags: [],
    expected: {
      status: 'unknown',
      error: 'the upstream feed lists no versions',
    },
  },
  {
    name: 'current newer than the feed',
    version: { current: '0.106.0' },
    tags: ['nessie-0.105.1'],
    expected: { status: 'up-to-date', latest: '0.105.1' },
  },
];

describe('computeVersionDrift: real-world tag sets', () => {
  it('has at least 40 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const tags = c.tags.map(t => (typeof t === 'string' ? { tag: t } : t));
    // The order of the feed never matters.
    for (const order of [tags, [...tags].reverse()]) {
      const drift = computeVersionDrift(
        { strategy: 'github-tag', ...c.version },
        order,
      );
      expect(drift).toMatchObject(c.expected);
      expect(drift.newest).toBe(c.expected.newest);
    }
  });
});

describe('computeVersionDrift: distance', () => {
  it('counts releases and days from the feed dates', () => {
    const drift = computeVersionDrift(
      { strategy: 'github-release', current: '476' },
      [
        { tag: '476', releasedAt: '2025-06-01T10:00:00Z' },
        { tag: '477', releasedAt: '2025-07-01T10:00:00Z' },
        {
          tag: '478',
          releasedAt: '2025-08-01T10:00:00Z',
          releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
        },
      ],
    );
    expect(drift).toEqual({
      status: 'behind',
      scheme: 'loose',
      latest: '478',
      newest: undefined,
      behind: { major: 2, minor: 0, patch: 0, releases: 2, days: 61 },
      releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/478',
      latestReleasedAt: '2025-08-01T10:00:00Z',
      between: [
        {
          version: '478',
          upstream: {
            tag: '478',
            releasedAt: '2025-08-01T10:00:00Z',
            releaseNotesUrl:
              'https://github.com/trinodb/trino/releases/tag/478',
          },
        },
        {
          version: '477',
          upstream: { tag: '477', releasedAt: '2025-07-01T10:00:00Z' },
        },
      ],
    });
  });

  it('takes days from MinIO timestamps when the feed has no dates', () => {
    const drift = computeVersionDrift(
      { strategy: 'docker-tags', current: 'RELEASE.2025-09-07T16-13-09Z' },
      MINIO_TAGS.map(tag => ({ tag })),
    );
    expect(drift.behind).toEqual({
      major: 0,
      minor: 1,
      patch: 0,
      releases: 1,
      days: 38,
    });
  });

  it('reports patch distance within a minor', () => {
    const drift = computeVersionDrift(
      { strategy: 'github-tag', current: '0.105.1' },
      ['nessie-0.105.1', 'nessie-0.105.2', 'nessie-0.105.4'].map(tag => ({
        tag,
      })),
    );
    expect(drift.behind).toEqual({ major: 0, minor: 0, patch: 3, releases: 2 });
  });
});

describe('computeVersionDrift: the releases in between', () => {
  it('lists the versions after current up to latest, newest first, written like current', () => {
    const drift = computeVersionDrift(
      {
        strategy: 'github-release',
        current: 'v1.2.0',
        filter: { track: '1.*' },
      },
      [
        { tag: 'v2.0.0', body: 'another lane' },
        { tag: 'v1.4.0-rc1', body: 'a pre-release' },
        { tag: 'v1.3.0' },
        { tag: '1.3.0', body: 'the same version, with notes' },
        { tag: 'v1.2.1', name: 'Patch' },
        { tag: 'v1.2.0' },
        { tag: 'v1.1.0' },
        { tag: 'v1.3.1' },
      ],
    );
    expect(drift.latest).toBe('v1.3.1');
    expect(drift.behind?.releases).toBe(3);
    expect(drift.between).toEqual([
      { version: 'v1.3.1', upstream: { tag: 'v1.3.1' } },
      {
        version: 'v1.3.0',
        upstream: { tag: '1.3.0', body: 'the same version, with notes' },
      },
      { version: 'v1.2.1', upstream: { tag: 'v1.2.1', name: 'Patch' } },
    ]);
  });

  it('is absent when up to date', () => {
    const drift = computeVersionDrift(
      { strategy: 'github-release', current: '478' },
      [{ tag: '478' }, { tag: '477' }],
    );
    expect(drift.status).toBe('up-to-date');
    expect(drift.between).toBeUndefined();
  });
});

describe('computeVersionDrift: hostile patterns and tags', () => {
  it('answers a catastrophic filter.pattern, include_regex and exclude_regex at once', () => {
    const catastrophic = '^(?<major>a+)+$';
    const tags = [`${'a'.repeat(30)}!`, 'a'.repeat(40), `${'a'.repeat(5000)}!`];
    const started = performance.now();
    const drift = computeVersionDrift(
      {
        strategy: 'github-tag',
        current: 'a'.repeat(20),
        filter: {
          scheme: 'regex',
          pattern: catastrophic,
          include_regex: '^(a+)+.$|^(a|aa)+$',
          exclude_regex: ['^(a|a?)+!$'],
        },
      },
      tags.map(tag => ({ tag })),
    );
    // Backtracking engines run for ever on these; the bound is generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(drift).toMatchObject({ status: 'behind', latest: 'a'.repeat(40) });
  });

  it('says a current the pattern cannot read is not a version, without hanging', () => {
    const drift = computeVersionDrift(
      {
        strategy: 'github-tag',
        current: `${'a'.repeat(30)}!`,
        filter: { scheme: 'regex', pattern: '^(?<major>a+)+$' },
      },
      [{ tag: 'aaa' }],
    );
    expect(drift).toMatchObject({ status: 'error' });
    expect(drift.error).toMatch(/is not a regex version/);
  });

  it('ignores upstream tags longer than any version', () => {
    const version: ContainerVersionSpec = {
      strategy: 'github-tag',
      current: '1',
      filter: { scheme: 'regex', pattern: '^(?<major>[0-9]+)' },
    };
    const long = `9-${'x'.repeat(300)}`;
    expect(
      computeVersionDrift(version, [{ tag: '2' }, { tag: long.slice(0, 256) }]),
    ).toMatchObject({ status: 'behind', latest: long.slice(0, 256) });
    expect(
      computeVersionDrift(version, [{ tag: '2' }, { tag: long }]),
    ).toMatchObject({ status: 'behind', latest: '2' });
  });
});

describe('computeVersionDrift: configuration problems', () => {
  it.each([
    [
      { include_regex: '([' },
      /filter.include_regex "\(\[" is not a valid regular expression/,
    ],
    [{ exclude_regex: ['*'] }, /filter.exclude_regex\[0\] "\*" is not a valid/],
    [
      { include_regex: '^(?!.*-rc)' },
      /filter.include_regex "\^\(\?!\.\*-rc\)" uses a look-ahead .* use exclude_regex for negation/,
    ],
    [
      { exclude_regex: ['^1', '(.)\\1'] },
      /filter.exclude_regex\[1\] .* uses a back-reference/,
    ],
    [
      { scheme: 'regex' as const, pattern: '(?<major>[0-9]+)(?<=1)' },
      /filter.pattern .* uses a look-behind/,
    ],
    [{ scheme: 'regex' as const }, /needs filter.pattern/],
    [{ scheme: 'regex' as const, pattern: '[0-9]+' }, /no named groups/],
    [{ track: 'four' }, /filter.track "four"/],
  ])('%j', (filter, message) => {
    const drift = computeVersionDrift(
      { strategy: 'github-tag', current: '1.0.0', filter },
      [{ tag: '1.0.0' }],
    );
    expect(drift.status).toBe('error');
    expect(drift.error).toMatch(message);
  });

  it('says when current is not a version of the scheme', () => {
    const drift = computeVersionDrift(
      { strategy: 'github-tag', current: 'latest' },
      [{ tag: '1.0.0' }],
    );
    expect(drift).toMatchObject({
      status: 'error',
      error:
        'version.current "latest" is not a loose version (scheme inferred; set filter.scheme)',
    });
  });
});

describe('computeVersionDrift: shared parse memo', () => {
  it('gives the same answers as reading every tag again', () => {
    const sparkCases = cases.filter(c => c.tags === SPARK_IMAGE_TAGS);
    const postgresCases = cases.filter(c => c.tags === POSTGRES_TAGS);
    for (const group of [sparkCases, postgresCases]) {
      const memo = new Map();
      for (const c of group) {
        const tags = c.tags.map(t => (typeof t === 'string' ? { tag: t } : t));
        const spec = { strategy: 'docker-tags' as const, ...c.version };
        expect(computeVersionDrift(spec, tags, { memo })).toEqual(
          computeVersionDrift(spec, tags),
        );
      }
      expect(memo.size).toBeGreaterThan(0);
    }
  });
});
