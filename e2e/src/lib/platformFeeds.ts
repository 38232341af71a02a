import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './processes';
import { ImageManifest, UpstreamFeeds } from './upstream';

/** A container's `runtime.base_image`, taken apart: `docker.io/library/python`, its tag and digest. */
export interface PinnedBaseImage {
  container: string;
  /** `<registry host>/<repository>` */
  image: string;
  tag: string;
  digest: string;
}

/**
 * The base images the platform's containers pin (`repo:tag@sha256:…`), read from their
 * container.yaml so that the stand-in serves the digests the files hold today. Read from the
 * working tree: the journeys' portal reads a clone of the committed tree, which holds the same
 * pins unless a container.yaml has uncommitted changes.
 */
export function pinnedBaseImages(): PinnedBaseImage[] {
  const root = join(REPO_ROOT, 'containers');
  return readdirSync(root, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('_'))
    .map(entry => entry.name)
    .sort()
    .map(container => {
      const file = join(root, container, 'container.yaml');
      const reference = parseYaml(readFileSync(file, 'utf8'))?.runtime
        ?.base_image;
      const match =
        typeof reference === 'string'
          ? /^([^@]+):([^:/@]+)@(sha256:[0-9a-f]{64})$/.exec(reference)
          : null;
      if (!match || !match[1].includes('.')) {
        throw new Error(
          `${file}: runtime.base_image ${JSON.stringify(
            reference,
          )} is not <registry host>/<repository>:<tag>@sha256:<digest>, which the e2e stand-in serves`,
        );
      }
      return { container, image: match[1], tag: match[2], digest: match[3] };
    });
}

/** The container whose base image tag was rebuilt upstream: its tag now names another digest. */
export const REBUILT_BASE = { container: 'trino', createdDaysAgo: 3 };

/** The digest the rebuilt tag points at now (stable across runs). */
export function rebuiltDigest(pinned: PinnedBaseImage): string {
  return `sha256:${createHash('sha256')
    .update(`${pinned.image}:${pinned.tag} rebuilt`)
    .digest('hex')}`;
}

/**
 * What each pinned base image tag points at: the pinned digest (up to date), except the tag of
 * {@link REBUILT_BASE}, rebuilt a few days ago. When two containers pin one tag at different
 * digests, the first (by folder name) names what the tag points at and the other shows rebuilt.
 */
function baseImageManifests(): Record<string, ImageManifest> {
  const manifests: Record<string, ImageManifest> = {};
  for (const pinned of pinnedBaseImages()) {
    const key = `${pinned.image}:${pinned.tag}`;
    if (pinned.container === REBUILT_BASE.container) {
      manifests[key] = {
        digest: rebuiltDigest(pinned),
        createdDaysAgo: REBUILT_BASE.createdDaysAgo,
      };
    } else {
      manifests[key] ??= { digest: pinned.digest, createdDaysAgo: 40 };
    }
  }
  return manifests;
}

/**
 * Release lists shaped like the real ones of the platform's containers (prefixes, variant tags,
 * pre-releases, aliases), so that each container lands in a known state. The overall status (the
 * card's chip, the overview's row) is the worst of the main version, the companions and the base
 * image:
 *
 * | container      | main version (feed): state                       | companions (feed): state                          | base image: state                        | overall      |
 * | -------------- | ------------------------------------------------ | ------------------------------------------------- | ---------------------------------------- | ------------ |
 * | trino          | GitHub releases: behind, 476 → 478, 2 releases   | —                                                 | 24-jre-noble: rebuilt upstream 3 days ago | behind       |
 * | nessie         | GitHub releases (`nessie-`): up to date, 0.105.1 | —                                                 | 21-jre-noble: up to date (a moving tag)  | up to date   |
 * | polaris        | GitHub releases (`-incubating`): behind, → 1.2.0 | —                                                 | 21-jre-noble: up to date                 | behind       |
 * | hive-metastore | GitHub tags (`rel/release-`): up to date, 4.1.0  | hadoop (Apache archive): error, host not allowed; postgresql-jdbc (Maven): up to date | 17-jre-noble: up to date | check failed |
 * | postgres       | Docker Hub (token challenge): behind, 17.7 lane  | —                                                 | 17.6-bookworm: newer tag 17.7-bookworm   | behind       |
 * | minio          | Quay (token challenge): behind, newer RELEASE    | mc (Quay): up to date                             | debian bookworm-slim: up to date (digest) | behind      |
 * | airflow        | PyPI, 3.1.* lane: up to date, 3.1.3              | pyiceberg (PyPI): up to date                      | python 3.12-slim-bookworm: up to date    | up to date   |
 * | superset       | PyPI (pre-release ignored): up to date, 5.0.0    | trino-client (PyPI): up to date                   | python 3.11-slim-bookworm: up to date    | up to date   |
 * | kafka          | Maven Central: behind, 4.1.0 → 4.1.1             | —                                                 | 21-jre-noble: up to date                 | behind       |
 * | spark          | Apache archive: error, the host is not allowed   | iceberg ×2 (Maven), pyarrow, pandas (PyPI): up to date | python 3.12-slim-bookworm: up to date | check failed |
 *
 * Every base image tag points at the digest its container.yaml pins (read at start-up), except
 * trino's ({@link REBUILT_BASE}): a journey shows it on trino's card, whose main version is
 * behind either way.
 */
// Long on purpose: a data table, the stand-in's feeds for every upstream of the platform (as tabled above).
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
      // Companions.
      'quay.io/minio/mc': [
        'RELEASE.2025-07-21T05-28-08Z',
        'RELEASE.2025-08-13T08-35-41Z',
        'RELEASE.2025-08-13T08-35-41Z-cpuv1',
        'latest',
      ],
      // Base images. The short tags move (rebuilt in place, only the digest shows it): each
      // has a longer tag of the same variant beside it, as on Docker Hub.
      'docker.io/library/eclipse-temurin': [
        '17-jre-noble',
        '17.0.17_10-jre-noble',
        '21-jdk-noble',
        '21-jre-noble',
        '21.0.9_10-jre-noble',
        '24-jre-noble',
        '24.0.2_12-jre-noble',
        '25-jre-noble',
        '25.0.1_8-jre-noble',
        'latest',
      ],
      'docker.io/library/python': [
        '3.11-slim-bookworm',
        '3.11.14-slim-bookworm',
        '3.12-slim-bookworm',
        '3.12.12-slim-bookworm',
        '3.13-slim-bookworm',
        '3.13.9-slim-bookworm',
        '3.14-slim-trixie',
        'latest',
      ],
      'docker.io/library/debian': [
        'bookworm',
        'bookworm-slim',
        'trixie',
        'trixie-slim',
        'latest',
      ],
    },
    registryManifests: baseImageManifests(),
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
      // Companions, at the versions their build args pin.
      pyiceberg: [
        { version: '0.9.1', daysAgo: 150 },
        { version: '0.10.0', daysAgo: 70 },
      ],
      trino: [
        { version: '0.335.0', daysAgo: 110 },
        { version: '0.336.0', daysAgo: 45 },
      ],
      pyarrow: [
        { version: '20.0.0', daysAgo: 160 },
        { version: '21.0.0', daysAgo: 95 },
      ],
      pandas: [
        { version: '2.3.2', daysAgo: 100 },
        { version: '2.3.3', daysAgo: 50 },
        { version: '3.0.0rc0', daysAgo: 20 },
      ],
    },
    maven: {
      'org.apache.kafka:kafka-clients': ['3.9.1', '4.0.0', '4.1.0', '4.1.1'],
      // Companions.
      'org.postgresql:postgresql': ['42.7.6', '42.7.7', '42.7.8'],
      'org.apache.iceberg:iceberg-spark-runtime-4.0_2.13': ['1.10.0'],
      'org.apache.iceberg:iceberg-aws-bundle': ['1.9.2', '1.10.0'],
    },
    directories: {},
  };
}
