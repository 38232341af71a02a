import { UpstreamFeeds } from './upstream';

/**
 * Release lists shaped like the real ones of the platform's containers (prefixes, variant tags,
 * pre-releases, aliases), so that each container lands in a known state:
 *
 * | container      | feed                               | state                                |
 * | -------------- | ---------------------------------- | ------------------------------------ |
 * | trino          | GitHub releases                    | behind: 476 → 478, 2 releases        |
 * | nessie         | GitHub releases (`nessie-` prefix) | up to date at 0.105.1                |
 * | polaris        | GitHub releases (`-incubating`)    | behind: 1.1.0 → 1.2.0-incubating     |
 * | hive-metastore | GitHub tags (`rel/release-`)       | up to date at 4.1.0                  |
 * | postgres       | Docker Hub (token challenge)       | behind in its 17.* lane: 17.7-bookworm |
 * | minio          | Quay (token challenge)             | behind: a newer RELEASE timestamp    |
 * | airflow        | PyPI, 3.1.* lane                   | up to date at 3.1.3                  |
 * | superset       | PyPI (pre-release ignored)         | up to date at 5.0.0                  |
 * | kafka          | Maven Central                      | behind: 4.1.0 → 4.1.1                |
 * | spark          | the Apache archive (not allowed)   | error: the host is not allowed       |
 */
export function platformFeeds(): UpstreamFeeds {
  return {
    githubReleases: {
      'trinodb/trino': [
        { tag: '478', daysAgo: 12 },
        { tag: '477', daysAgo: 36 },
        { tag: '476', daysAgo: 60 },
        { tag: '475', daysAgo: 84 },
      ],
      'projectnessie/nessie': [
        { tag: 'nessie-0.105.1', daysAgo: 20 },
        { tag: 'nessie-0.105.0', daysAgo: 41 },
        { tag: 'nessie-0.104.3', daysAgo: 70 },
      ],
      'apache/polaris': [
        {
          tag: 'apache-polaris-1.2.0-rc1-incubating',
          daysAgo: 16,
          prerelease: true,
        },
        { tag: 'apache-polaris-1.2.0-incubating', daysAgo: 9 },
        { tag: 'apache-polaris-1.1.0-incubating', daysAgo: 79 },
        { tag: 'apache-polaris-1.0.1-incubating', daysAgo: 150 },
      ],
    },
    githubTags: {
      'apache/hive': [
        'rel/release-4.1.0',
        'rel/release-4.0.1',
        'rel/release-4.0.0',
        'rel/release-4.0.0-beta-1',
        'rel/release-3.1.3',
      ],
    },
    registryTags: {
      'docker.io/library/postgres': [
        '16.10-bookworm',
        '17.5-bookworm',
        '17.6-bookworm',
        '17.7-bookworm',
        '18.1-bookworm',
        '18.1-alpine',
        '18rc1-bookworm',
        'latest',
      ],
      'quay.io/minio/minio': [
        'RELEASE.2025-07-23T15-54-02Z',
        'RELEASE.2025-09-07T16-13-09Z',
        'RELEASE.2025-10-15T17-29-55Z',
        'RELEASE.2025-10-15T17-29-55Z-cpuv1',
        'latest',
      ],
    },
    pypi: {
      'apache-airflow': [
        { version: '3.0.6', daysAgo: 90 },
        { version: '3.1.2', daysAgo: 30 },
        { version: '3.1.3', daysAgo: 14 },
        { version: '3.2.0b1', daysAgo: 3 },
      ],
      'apache-superset': [
        { version: '4.1.2', daysAgo: 200 },
        { version: '5.0.0', daysAgo: 60 },
        { version: '6.0.0rc1', daysAgo: 5 },
      ],
    },
    maven: {
      'org.apache.kafka:kafka-clients': ['3.9.1', '4.0.0', '4.1.0', '4.1.1'],
    },
    directories: {},
  };
}
