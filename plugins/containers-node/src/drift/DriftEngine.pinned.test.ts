import { createHash } from 'crypto';
import { ConfigReader } from '@backstage/config';
import { DriftEngine, DriftTarget } from './DriftEngine';
import { FakeRegistry, startFakeRegistry } from './__testUtils__/fakeRegistry';
import { sendJson, startTestServer, TestServer } from '@dockyard/test-utils';

const MAVEN: Record<string, string[]> = {
  '/org/apache/iceberg/iceberg-spark-runtime-3.5_2.12/maven-metadata.xml': [
    '1.6.1',
    '1.7.0',
    '1.7.1',
  ],
  '/org/apache/hadoop/hadoop-aws/maven-metadata.xml': ['3.4.1', '3.4.2'],
};

function metadata(versions: string[]) {
  return `<?xml version="1.0"?><metadata><versioning><versions>${versions
    .map(v => `<version>${v}</version>`)
    .join('')}</versions></versioning></metadata>`;
}

/** Answers with an ETag, and 304 to a matching If-None-Match. */
function sendCached(
  req: { headers: Record<string, unknown> },
  res: Parameters<Parameters<typeof startTestServer>[0]>[1],
  body: string,
  type: string,
) {
  const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': type, etag });
  res.end(body);
}

describe('DriftEngine: companions and base images', () => {
  let github: TestServer;
  let maven: TestServer;
  let registry: FakeRegistry;
  let pinnedOld: string;
  let movingNow: string;
  let patch7: string;
  const now = () => new Date('2025-12-01T00:00:00Z');

  beforeEach(async () => {
    github = await startTestServer((req, res) => {
      if (req.url!.startsWith('/repos/trinodb/trino/releases')) {
        sendCached(
          req,
          res,
          JSON.stringify([{ tag_name: '478' }, { tag_name: '476' }]),
          'application/json',
        );
        return;
      }
      sendJson(res, { message: 'Not Found' }, {}, 404);
    });
    maven = await startTestServer((req, res) => {
      const versions = MAVEN[req.url!];
      if (!versions) {
        res.writeHead(404);
        res.end();
        return;
      }
      sendCached(req, res, metadata(versions), 'text/xml');
    });
    registry = await startFakeRegistry();
    pinnedOld = registry.index('2025-10-01T00:00:00Z');
    movingNow = registry.index('2025-11-28T06:00:00Z');
    patch7 = registry.index('2025-10-01T00:00:00Z');
    registry.tag('library/python', '3.12-slim-bookworm', movingNow);
    registry.tag('library/python', '3.12.7-slim-bookworm', patch7);
    registry.tag(
      'library/python',
      '3.12.8-slim-bookworm',
      registry.index('2025-11-28T06:00:00Z'),
    );
    registry.tag(
      'library/python',
      '3.13.1-slim-bookworm',
      registry.index('2025-11-28T06:00:00Z'),
    );
  });
  afterEach(async () => {
    await github.close();
    await maven.close();
    await registry.close();
  });

  function engine() {
    return DriftEngine.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: github.url }],
        },
        containers: {
          drift: {
            registries: { 'docker.io': { baseUrl: registry.url } },
            endpoints: { maven: maven.url },
            retries: 0,
          },
        },
      }),
      { now, backoffMs: 5 },
    );
  }

  const trino = {
    strategy: 'github-release' as const,
    source: { repo: 'trinodb/trino' },
  };
  const iceberg = (current: string) => ({
    name: 'iceberg-spark-runtime',
    strategy: 'maven' as const,
    current,
    source: { package: 'org.apache.iceberg:iceberg-spark-runtime-3.5_2.12' },
  });

  const targets = (): DriftTarget[] => [
    {
      slug: 'spark',
      version: {
        ...trino,
        current: '478',
        companions: [
          iceberg('1.6.1'),
          {
            name: 'hadoop-aws',
            strategy: 'maven',
            current: '3.4.1',
            source: { package: 'org.apache.hadoop:hadoop-aws' },
          },
          {
            name: 'aws-sdk-bundle',
            strategy: 'maven',
            current: '2.29.52',
            source: { package: 'software.amazon.awssdk:bundle' },
          },
        ],
      },
      baseImage: `docker.io/library/python:3.12-slim-bookworm@${pinnedOld}`,
      companionPins: {
        'iceberg-spark-runtime': 'build.args.ICEBERG_VERSION',
        'hadoop-aws': 'build.args.HADOOP_AWS_VERSION',
      },
    },
    {
      slug: 'airflow',
      version: { ...trino, current: '476', companions: [iceberg('1.7.1')] },
      baseImage: `python:3.12.7-slim-bookworm@${patch7}`,
    },
    {
      slug: 'superset',
      version: { ...trino, current: '478' },
      baseImage: `python:3.12-slim-bookworm@${movingNow}`,
    },
    {
      slug: 'kafka',
      version: { ...trino, current: '478' },
      baseImage: `python:3.99-slim@sha256:${'0'.repeat(64)}`,
    },
    {
      slug: 'by-digest',
      version: { strategy: 'manual', current: '1.0' },
      baseImage: `python@${movingNow}`,
    },
  ];

  it('answers every pinned version, fetching each feed and each base image tag once', async () => {
    const results = await engine().check(targets());
    const bySlug = Object.fromEntries(results.map(r => [r.slug, r]));

    expect(bySlug.spark).toMatchObject({
      status: 'up-to-date',
      current: '478',
      latest: '478',
      overallStatus: 'error',
      companions: [
        {
          name: 'iceberg-spark-runtime',
          strategy: 'maven',
          source: 'maven:org.apache.iceberg:iceberg-spark-runtime-3.5_2.12',
          pinnedBy: 'build.args.ICEBERG_VERSION',
          current: '1.6.1',
          latest: '1.7.1',
          status: 'behind',
          behind: { major: 0, minor: 1, patch: 0, releases: 2 },
        },
        {
          name: 'hadoop-aws',
          pinnedBy: 'build.args.HADOOP_AWS_VERSION',
          current: '3.4.1',
          latest: '3.4.2',
          status: 'behind',
        },
        {
          name: 'aws-sdk-bundle',
          current: '2.29.52',
          status: 'error',
          error: expect.stringContaining(
            'no maven-metadata.xml for software.amazon.awssdk:bundle',
          ),
        },
      ],
      baseImage: {
        image: 'docker.io/library/python',
        source: 'docker.io/library/python',
        tag: '3.12-slim-bookworm',
        digest: pinnedOld,
        latestDigest: movingNow,
        latestTag: '3.12-slim-bookworm',
        status: 'rebuilt',
        rebuiltAt: '2025-11-28T06:00:00.000Z',
      },
    });
    expect(bySlug.spark.companions![2].latest).toBeUndefined();

    expect(bySlug.airflow).toMatchObject({
      status: 'behind',
      latest: '478',
      overallStatus: 'behind',
      companions: [{ name: 'iceberg-spark-runtime', status: 'up-to-date' }],
      baseImage: {
        image: 'python',
        source: 'docker.io/library/python',
        tag: '3.12.7-slim-bookworm',
        digest: patch7,
        latestDigest: patch7,
        latestTag: '3.12.8-slim-bookworm',
        newestTag: '3.13.1-slim-bookworm',
        behind: { major: 0, minor: 0, patch: 1, releases: 1 },
        status: 'behind',
      },
    });
    expect(bySlug.airflow.baseImage!.rebuiltAt).toBeUndefined();

    expect(bySlug.superset).toMatchObject({
      overallStatus: 'up-to-date',
      baseImage: { status: 'up-to-date', latestDigest: movingNow },
    });
    expect(bySlug.superset.companions).toBeUndefined();

    // A missing tag fails the base image only: the main version still gets its answer.
    expect(bySlug.kafka).toMatchObject({
      status: 'up-to-date',
      latest: '478',
      overallStatus: 'error',
      baseImage: {
        tag: '3.99-slim',
        status: 'error',
        error: expect.stringContaining(
          'the registry has no tag 3.99-slim of docker.io/library/python',
        ),
      },
    });
    expect(bySlug['by-digest'].baseImage).toEqual({
      image: 'python',
      digest: movingNow,
      source: 'docker.io/library/python',
      status: 'unknown',
      error: 'pinned by digest only: there is no tag to compare with',
    });

    // One request per feed, one manifest request per distinct tag, and the created time only
    // for the tag that moved (index, amd64 manifest, config).
    expect(github.requests).toHaveLength(1);
    expect(maven.requests.map(r => r.url).sort()).toEqual([
      '/org/apache/hadoop/hadoop-aws/maven-metadata.xml',
      '/org/apache/iceberg/iceberg-spark-runtime-3.5_2.12/maven-metadata.xml',
      '/software/amazon/awssdk/bundle/maven-metadata.xml',
    ]);
    const seen = registry.requests.map(r => `${r.method} ${r.url}`);
    expect(seen.filter(r => r.includes('/tags/list'))).toHaveLength(1);
    expect(seen.filter(r => r.startsWith('HEAD')).sort()).toEqual([
      'HEAD /v2/library/python/manifests/3.12-slim-bookworm',
      'HEAD /v2/library/python/manifests/3.12.7-slim-bookworm',
      'HEAD /v2/library/python/manifests/3.99-slim',
    ]);
    expect(seen.filter(r => r.startsWith('GET')).length).toBe(1 + 3);
  });

  it('answers a second run from 304s', async () => {
    const drift = engine();
    const first = await drift.check(targets());
    const before = { ...drift.http.stats };
    const second = await drift.check(targets());
    const requests = drift.http.stats.requests - before.requests;
    const notModified = drift.http.stats.notModified - before.notModified;
    expect(second).toEqual(first);
    // Everything but the 404s (the missing bundle and the missing tag) comes back 304.
    expect(requests).toBe(before.requests);
    expect(notModified).toBe(requests - 2);
  });

  it('refuses a base image on an internal registry before connecting, and answers the rest', async () => {
    const resolveHost = jest.fn(async () => [
      { address: '169.254.169.254', family: 4 },
    ]);
    const drift = DriftEngine.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: github.url }],
        },
        containers: { drift: { retries: 0 } },
      }),
      { now, backoffMs: 5, resolveHost },
    );
    const results = await drift.check([
      {
        slug: 'internal',
        version: { ...trino, current: '478' },
        baseImage: `10.0.0.8:5000/team/base:1.0@sha256:${'c'.repeat(64)}`,
      },
      {
        slug: 'metadata',
        version: { strategy: 'manual', current: '1.0' },
        baseImage: `metadata.test/team/base:1.0@sha256:${'c'.repeat(64)}`,
      },
    ]);
    expect(results[0]).toMatchObject({
      status: 'up-to-date',
      overallStatus: 'error',
      baseImage: {
        status: 'error',
        error: expect.stringContaining('is not a public address (private)'),
      },
    });
    expect(results[1].baseImage).toMatchObject({
      status: 'error',
      error: expect.stringContaining(
        'metadata.test resolves to 169.254.169.254, which is not a public address (link-local)',
      ),
    });
  });

  it('reports progress over feeds and manifests', async () => {
    const progress: string[] = [];
    await engine().check(targets(), {
      onProgress: p => progress.push(`${p.upstreamsDone}/${p.upstreamsTotal}`),
    });
    // github, 3 maven artifacts, python tags; 3 distinct digest-pinned tags.
    expect(progress[0]).toBe('0/8');
    expect(progress[progress.length - 1]).toBe('8/8');
  });
});
