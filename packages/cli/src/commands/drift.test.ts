import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { startTestServer, type TestServer } from '@dockyard/test-utils';

const BIN = path.resolve(__dirname, '../../bin/dockyard');

function containerYaml(slug: string, version: string): string {
  return `name: ${slug}
slug: ${slug}
summary: The ${slug} image of the test platform.
maintainers:
  - name: Test Maintainer
    email: test@example.com
version:
${version
  .trim()
  .split('\n')
  .map(line => `  ${line}`)
  .join('\n')}
`;
}

/** Upstreams on 127.0.0.1: a GitHub API and an OCI registry, with a few broken feeds. */
async function startUpstreams() {
  return startTestServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const json = (body: unknown, status = 200, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/api/repos/trinodb/trino/releases':
        return json([
          {
            tag_name: '479',
            name: 'Trino 479',
            body: '## Security\n- Upgrade Jetty to fix CVE-2025-0001.',
            published_at: '2025-10-01T00:00:00Z',
          },
          { tag_name: '478', published_at: '2025-08-01T00:00:00Z' },
          { tag_name: '476', published_at: '2025-06-01T00:00:00Z' },
        ]);
      case '/api/repos/projectnessie/nessie/tags':
        return json([
          { name: 'nessie-0.99.0' },
          { name: 'nessie-0.105.1' },
          { name: 'nessie-0.109.2' },
        ]);
      case '/api/repos/apache/hive/tags':
        return json({ message: 'boom' }, 500);
      case '/api/repos/busy/repo/tags':
        return json({ message: 'slow down' }, 429, { 'retry-after': '3600' });
      case '/api/repos/garbage/repo/tags':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('<!doctype html><title>oops</title>');
      case '/v2/library/postgres/tags/list':
        return json({
          name: 'library/postgres',
          tags: [
            '17',
            '17.6-bookworm',
            '17.7-bookworm',
            '18.1-bookworm',
            '18rc1-bookworm',
            'latest',
          ],
        });
      default:
        return json({ message: 'Not Found' }, 404);
    }
  });
}

function run(args: string[], cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    resolve => {
      execFile(
        process.execPath,
        [BIN, 'drift', ...args],
        {
          cwd,
          env: { ...process.env, INIT_CWD: cwd, FORCE_COLOR: '0' },
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          resolve({
            code: error ? (error.code as number) ?? 1 : 0,
            stdout,
            stderr,
          }),
      );
    },
  );
}

describe('dockyard drift', () => {
  let dir: string;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  let configFile: string;

  beforeAll(async () => {
    upstreams = await startUpstreams();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-drift-'));
    const containers: Record<string, string> = {
      trino: `strategy: github-release\ncurrent: "476"\nsource:\n  repo: trinodb/trino`,
      nessie: `strategy: github-tag\ncurrent: "0.105.1"\nsource:\n  repo: projectnessie/nessie`,
      postgres: `strategy: docker-tags\ncurrent: "17.6-bookworm"\nsource:\n  image: docker.io/library/postgres\nfilter:\n  track: "17.*"`,
      hive: `strategy: github-tag\ncurrent: "4.0.1"\nsource:\n  repo: apache/hive`,
      busy: `strategy: github-tag\ncurrent: "1.0.0"\nsource:\n  repo: busy/repo`,
      garbage: `strategy: github-tag\ncurrent: "1.0.0"\nsource:\n  repo: garbage/repo`,
      handmade: `strategy: manual\ncurrent: "2.0.0"`,
    };
    for (const [slug, version] of Object.entries(containers)) {
      await fs.mkdir(path.join(dir, 'containers', slug), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'containers', slug, 'container.yaml'),
        containerYaml(slug, version),
      );
    }
    configFile = path.join(dir, 'drift-config.yaml');
    await fs.writeFile(
      configFile,
      `integrations:
  github:
    - host: github.com
      apiBaseUrl: http://\${UPSTREAM_HOST}/api
containers:
  drift:
    allowedHosts: ['\${UPSTREAM_HOST}']
    retries: 0
    registries:
      docker.io:
        baseUrl: http://\${UPSTREAM_HOST}
`,
    );
    process.env.UPSTREAM_HOST = upstreams.host;
  });

  afterAll(async () => {
    await upstreams.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints the JSON array the README documents, one failing upstream never stopping the others', async () => {
    const { code, stdout, stderr } = await run(
      ['--json', '--dir', dir, '--config', configFile],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    const bySlug = Object.fromEntries(results.map((r: any) => [r.slug, r]));
    expect(results.map((r: any) => r.slug)).toEqual([
      'busy',
      'garbage',
      'handmade',
      'hive',
      'nessie',
      'postgres',
      'trino',
    ]);
    expect(bySlug.trino).toMatchObject({
      current: '476',
      latest: '479',
      status: 'behind',
      error: null,
      behind: { major: 3, releases: 2, days: 122 },
      // The releases in between, newest first, with their notes from the same feed.
      releases: [
        {
          version: '479',
          name: 'Trino 479',
          publishedAt: '2025-10-01T00:00:00Z',
          url: 'https://github.com/trinodb/trino/releases/tag/479',
          body: '## Security\n- Upgrade Jetty to fix CVE-2025-0001.',
          highlights: ['security'],
        },
        {
          version: '478',
          publishedAt: '2025-08-01T00:00:00Z',
          url: 'https://github.com/trinodb/trino/releases/tag/478',
        },
      ],
    });
    expect(bySlug.nessie).toMatchObject({
      current: '0.105.1',
      latest: '0.109.2',
      status: 'behind',
      error: null,
    });
    expect(bySlug.postgres).toMatchObject({
      current: '17.6-bookworm',
      latest: '17.7-bookworm',
      newest: '18.1-bookworm',
      status: 'behind',
    });
    expect(bySlug.handmade).toMatchObject({
      latest: null,
      status: 'unknown',
      error: expect.stringContaining('manual'),
    });
    expect(bySlug.hive).toMatchObject({
      latest: null,
      status: 'error',
      error: expect.stringContaining('HTTP 500'),
    });
    expect(bySlug.busy.error).toMatch(/rate limited \(HTTP 429\)/);
    expect(bySlug.garbage.error).toMatch(
      /malformed response .* expected tags as JSON/,
    );
    for (const result of results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining([
          'slug',
          'current',
          'latest',
          'status',
          'error',
        ]),
      );
    }
  }, 60_000);

  it('restricts the run to the slugs given and prints a table', async () => {
    const { code, stdout } = await run(
      ['trino', 'postgres', '--dir', dir, '--config', configFile],
      dir,
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^SLUG\s+CURRENT\s+LATEST\s+STATUS\s+BEHIND\s+NOTE$/,
    );
    expect(lines[1]).toMatch(
      /^postgres\s+17\.6-bookworm\s+17\.7-bookworm\s+behind\s+1 minor \(1 release\)\s+newest outside the lane: 18\.1-bookworm$/,
    );
    expect(lines[2]).toMatch(
      /^trino\s+476\s+479\s+behind\s+3 major \(2 releases, 122 days\)$/,
    );
    expect(stdout).toContain(
      '2 containers: 2 behind, 0 up to date, 0 unknown, 0 errors',
    );
  }, 60_000);

  it('exits 1 with --fail-on behind or major, 0 when nothing matches', async () => {
    expect(
      (
        await run(
          [
            'trino',
            '--dir',
            dir,
            '--config',
            configFile,
            '--fail-on',
            'behind',
          ],
          dir,
        )
      ).code,
    ).toBe(1);
    expect(
      (
        await run(
          ['trino', '--dir', dir, '--config', configFile, '--fail-on', 'major'],
          dir,
        )
      ).code,
    ).toBe(1);
    expect(
      (
        await run(
          [
            'postgres',
            '--dir',
            dir,
            '--config',
            configFile,
            '--fail-on',
            'major',
          ],
          dir,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          [
            'handmade',
            '--dir',
            dir,
            '--config',
            configFile,
            '--fail-on',
            'behind',
          ],
          dir,
        )
      ).code,
    ).toBe(0);
  }, 60_000);

  it('exits 2 with a clear message on a run-level error', async () => {
    const missing = await run(
      ['--dir', dir, '--config', path.join(dir, 'nope.yaml')],
      dir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dockyard drift: cannot read config: /);

    const unknown = await run(
      ['spark', '--dir', dir, '--config', configFile],
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'dockyard drift: no container "spark" under',
    );

    const badConfig = path.join(dir, 'bad.yaml');
    await fs.writeFile(
      badConfig,
      'containers:\n  drift:\n    endpoints:\n      pypi: not-a-url\n',
    );
    const bad = await run(['--dir', dir, '--config', badConfig], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('containers.drift.endpoints.pypi');
  }, 60_000);

  it('refuses hosts outside allowedHosts with an error per container', async () => {
    const strict = path.join(dir, 'strict.yaml');
    await fs.writeFile(
      strict,
      (
        await fs.readFile(configFile, 'utf8')
      ).replace(
        "allowedHosts: ['${UPSTREAM_HOST}']",
        'allowedHosts: [api.github.com]',
      ),
    );
    const { code, stdout } = await run(
      ['trino', '--json', '--dir', dir, '--config', strict],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0]).toMatchObject({
      status: 'error',
      error: expect.stringContaining(
        `host ${upstreams.host} is not in containers.drift.allowedHosts`,
      ),
    });
  }, 60_000);

  it('finds containers/ in the nearest folder above without --dir, and --dir wins over it', async () => {
    const inside = path.join(dir, 'containers', 'handmade');
    const found = await run(
      ['handmade', '--json', '--config', configFile],
      inside,
    );
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual([
      expect.objectContaining({ slug: 'handmade', status: 'unknown' }),
    ]);

    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-empty-'));
    try {
      const elsewhere = await run(
        ['handmade', '--dir', empty, '--config', configFile],
        inside,
      );
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain(
        'dockyard drift: no container "handmade" under',
      );

      const nowhere = await run(['--config', configFile], empty);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toMatch(
        /^dockyard drift: no containers\/ folder in .* or above it/,
      );
    } finally {
      await fs.rm(empty, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs in a platform folder that has no app-config.yaml (an empty config, not an error)', async () => {
    const { code, stdout, stderr } = await run(
      ['handmade', '--json', '--dir', dir],
      os.tmpdir(),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ slug: 'handmade', status: 'unknown' }),
    ]);
  });
});

describe('dockyard drift: companions and base images', () => {
  const pinned = `sha256:${'a'.repeat(64)}`;
  const rebuilt = `sha256:${'b'.repeat(64)}`;
  let dir: string;
  let configFile: string;
  let server: TestServer;
  let host: string;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      const send = (status: number, body: string, headers = {}) => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      const metadata = (versions: string[]) =>
        send(
          200,
          `<metadata><versioning><versions>${versions
            .map(v => `<version>${v}</version>`)
            .join('')}</versions></versioning></metadata>`,
        );
      switch (url.pathname) {
        case '/api/repos/apache/spark/releases':
          return send(
            200,
            JSON.stringify([{ tag_name: 'v3.5.7' }, { tag_name: 'v3.5.6' }]),
          );
        case '/maven/org/apache/iceberg/iceberg-spark-runtime-3.5_2.12/maven-metadata.xml':
          return metadata(['1.6.1', '1.7.0', '1.7.1']);
        case '/v2/library/python/tags/list':
          return send(
            200,
            JSON.stringify({
              name: 'library/python',
              tags: ['3.12-slim-bookworm', '3.12.8-slim-bookworm'],
            }),
          );
        case '/v2/library/python/manifests/3.12-slim-bookworm':
          return send(200, '{}', {
            'docker-content-digest': rebuilt,
            'content-type': 'application/vnd.oci.image.index.v1+json',
          });
        case `/v2/library/python/manifests/${rebuilt}`:
          return send(
            200,
            JSON.stringify({
              mediaType: 'application/vnd.oci.image.index.v1+json',
              manifests: [],
              annotations: {
                'org.opencontainers.image.created': '2025-11-28T06:00:00Z',
              },
            }),
          );
        default:
          return send(404, '{"message":"Not Found"}');
      }
    });
    host = server.host;

    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-drift-pinned-'));
    const write = async (slug: string, text: string) => {
      await fs.mkdir(path.join(dir, 'containers', slug), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'containers', slug, 'container.yaml'),
        text,
      );
    };
    await write(
      'spark',
      `${containerYaml(
        'spark',
        `strategy: github-release
current: "!build.args.SPARK_VERSION"
source:
  repo: apache/spark
companions:
  - name: iceberg-spark-runtime
    current: "!build.args.ICEBERG_VERSION"
    strategy: maven
    source:
      package: org.apache.iceberg:iceberg-spark-runtime-3.5_2.12
  - name: hadoop-aws
    current: "!build.args.HADOOP_AWS_VERSION"
    strategy: maven
    source:
      package: org.apache.hadoop:hadoop-aws`,
      )}runtime:
  base_image: "docker.io/library/python:3.12-slim-bookworm@${pinned}"
build:
  args:
    SPARK_VERSION: "3.5.6"
    ICEBERG_VERSION: "1.6.1"
    HADOOP_AWS_VERSION: "3.4.1"
`,
    );
    await write(
      'fresh',
      `${containerYaml('fresh', 'strategy: manual\ncurrent: "1.0.0"')}runtime:
  base_image: "python:3.12-slim-bookworm@${rebuilt}"
`,
    );
    configFile = path.join(dir, 'drift-config.yaml');
    await fs.writeFile(
      configFile,
      `integrations:
  github:
    - host: github.com
      apiBaseUrl: http://${host}/api
containers:
  drift:
    allowedHosts: ['${host}']
    retries: 0
    endpoints:
      maven: http://${host}/maven
    registries:
      docker.io:
        baseUrl: http://${host}
`,
    );
  });

  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the main version at the top level and adds companions[] and baseImage', async () => {
    const { code, stdout, stderr } = await run(
      ['--json', '--dir', dir, '--config', configFile],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [fresh, spark] = JSON.parse(stdout);
    expect(spark).toEqual({
      slug: 'spark',
      current: '3.5.6',
      latest: '3.5.7',
      status: 'behind',
      error: null,
      strategy: 'github-release',
      source: 'github:apache/spark',
      sourceUrl: 'https://github.com/apache/spark/releases',
      checkedAt: expect.any(String),
      behind: { major: 0, minor: 0, patch: 1, releases: 1 },
      releaseNotesUrl: 'https://github.com/apache/spark/releases/tag/v3.5.7',
      releases: [
        {
          version: '3.5.7',
          url: 'https://github.com/apache/spark/releases/tag/v3.5.7',
        },
      ],
      overallStatus: 'error',
      companions: [
        {
          name: 'iceberg-spark-runtime',
          current: '1.6.1',
          latest: '1.7.1',
          status: 'behind',
          error: null,
          strategy: 'maven',
          source: 'maven:org.apache.iceberg:iceberg-spark-runtime-3.5_2.12',
          sourceUrl: expect.any(String),
          pinnedBy: 'build.args.ICEBERG_VERSION',
          behind: { major: 0, minor: 1, patch: 0, releases: 2 },
        },
        {
          name: 'hadoop-aws',
          current: '3.4.1',
          latest: null,
          status: 'error',
          error: expect.stringContaining(
            'no maven-metadata.xml for org.apache.hadoop:hadoop-aws',
          ),
          strategy: 'maven',
          source: 'maven:org.apache.hadoop:hadoop-aws',
          sourceUrl: expect.any(String),
          pinnedBy: 'build.args.HADOOP_AWS_VERSION',
        },
      ],
      baseImage: {
        image: 'docker.io/library/python',
        tag: '3.12-slim-bookworm',
        digest: pinned,
        latestDigest: rebuilt,
        latestTag: '3.12-slim-bookworm',
        status: 'rebuilt',
        error: null,
        source: 'docker.io/library/python',
        sourceUrl: 'https://hub.docker.com/_/python',
        rebuiltAt: '2025-11-28T06:00:00.000Z',
      },
    });
    expect(fresh).toMatchObject({
      slug: 'fresh',
      status: 'unknown',
      overallStatus: 'unknown',
      baseImage: {
        image: 'python',
        digest: rebuilt,
        latestDigest: rebuilt,
        status: 'up-to-date',
        error: null,
      },
    });
    expect(fresh.companions).toBeUndefined();
  }, 60_000);

  it('shows the worst status per container and a row per pinned version', async () => {
    const { code, stdout } = await run(
      ['spark', '--dir', dir, '--config', configFile],
      dir,
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toMatch(
      /^spark\s+3\.5\.6\s+3\.5\.7\s+error\s+1 patch \(1 release\)\s+version behind$/,
    );
    expect(lines[2]).toMatch(
      /^ {2}iceberg-spark-runtime\s+1\.6\.1\s+1\.7\.1\s+behind\s+1 minor \(2 releases\)$/,
    );
    expect(lines[3]).toMatch(
      /^ {2}hadoop-aws\s+3\.4\.1\s+-\s+error\s+maven:org\.apache\.hadoop:hadoop-aws: no maven-metadata\.xml for/,
    );
    expect(lines[4]).toMatch(
      /^ {2}base docker\.io\/library\/python\s+3\.12-slim-bookworm\s+3\.12-slim-bookworm\s+rebuilt\s+3\.12-slim-bookworm now points at sha256:bbbbbbbbbbbb, built 2025-11-28$/,
    );
    expect(stdout).toContain(
      '1 containers: 0 behind, 0 up to date, 0 unknown, 1 errors',
    );
  }, 60_000);

  it('fails on rebuilt only when a pinned base digest moved', async () => {
    const failOn = async (slug: string, what: string) =>
      (
        await run(
          [slug, '--dir', dir, '--config', configFile, '--fail-on', what],
          dir,
        )
      ).code;
    expect(await failOn('spark', 'rebuilt')).toBe(1);
    expect(await failOn('fresh', 'rebuilt')).toBe(0);
    // A companion behind or in error counts for behind and error.
    expect(await failOn('spark', 'error')).toBe(1);
    expect(await failOn('fresh', 'behind')).toBe(0);
  }, 60_000);
});

describe('dockyard drift: end of life', () => {
  /** Today (UTC) moved by `days`: the stand-in endoflife.date follows the real date. */
  const day = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  let dir: string;
  let configFile: string;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const answers: Record<string, unknown> = {
        '/api/postgresql.json': [
          { cycle: '18', eol: day(1500), latest: '18.1' },
          { cycle: '17', eol: day(1400), latest: '17.7' },
          { cycle: '14', eol: day(30), latest: '14.20' },
          { cycle: '13', eol: day(-1), latest: '13.23' },
        ],
        '/api/python.json': [
          { cycle: '3.14', eol: day(1800), support: day(700) },
          { cycle: '3.12', eol: day(1000), support: day(-200) },
        ],
      };
      const answer = answers[req.url!];
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ?? { message: 'Product not found' }));
    });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-drift-eol-'));
    const containers: Record<string, string> = {
      pg17: 'current: "17.6"\neol:\n  product: postgresql',
      pg14: 'current: "14.19"\neol:\n  product: postgresql',
      pg13: 'current: "13.22"\neol:\n  product: postgresql',
      python: 'current: "3.12.7"\neol:\n  product: python',
      unknown: 'current: "3.99.0"\neol:\n  product: python',
      nosuch: 'current: "1.0"\neol:\n  product: nosuch',
      plain: 'current: "1.0"',
    };
    for (const [slug, version] of Object.entries(containers)) {
      await fs.mkdir(path.join(dir, 'containers', slug), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'containers', slug, 'container.yaml'),
        containerYaml(slug, `strategy: manual\n${version}`),
      );
    }
    configFile = path.join(dir, 'drift-config.yaml');
    await fs.writeFile(
      configFile,
      `containers:
  drift:
    retries: 0
    endpoints:
      endoflife: ${server.url}
`,
    );
  });

  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const drift = (args: string[]) =>
    run([...args, '--dir', dir, '--config', configFile], dir);

  it('adds eol to --json: cycle, date, status, days, end of support, newest cycle', async () => {
    const { code, stdout, stderr } = await drift(['--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const bySlug = Object.fromEntries(
      JSON.parse(stdout).map((r: any) => [r.slug, r]),
    );
    expect(bySlug.pg17.eol).toEqual({
      product: 'postgresql',
      cycle: '17',
      date: day(1400),
      status: 'supported',
      daysToEol: 1400,
      supportedUntil: null,
      latestCycle: '18',
      error: null,
    });
    expect(bySlug.pg14.eol).toMatchObject({
      status: 'warning',
      daysToEol: 30,
    });
    expect(bySlug.pg13.eol).toMatchObject({
      cycle: '13',
      date: day(-1),
      status: 'ended',
      daysToEol: -1,
    });
    expect(bySlug.python.eol).toMatchObject({
      cycle: '3.12',
      status: 'supported',
      supportedUntil: day(-200),
      latestCycle: '3.14',
    });
    expect(bySlug.unknown.eol).toMatchObject({
      cycle: '3.99',
      date: null,
      status: 'unknown',
      error: expect.stringMatching(/^endoflife.date lists no cycle "3.99"/),
    });
    // An unknown product says so; the container's other fields are as they were.
    expect(bySlug.nosuch).toMatchObject({
      status: 'unknown',
      eol: {
        status: 'unknown',
        error: expect.stringMatching(/^endoflife.date has no product "nosuch"/),
      },
    });
    expect(bySlug.plain).not.toHaveProperty('eol');
  }, 60_000);

  it('shows a row per end of life in the table', async () => {
    const { code, stdout } = await drift(['pg13', 'pg14', 'unknown']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[2]).toMatch(
      new RegExp(
        `^ {2}eol postgresql\\s+13\\s+18\\s+eol\\s+EOL since ${day(-1)}$`,
      ),
    );
    expect(lines[4]).toMatch(
      new RegExp(
        `^ {2}eol postgresql\\s+14\\s+18\\s+warning\\s+EOL in 30 days \\(${day(
          30,
        )}\\)$`,
      ),
    );
    expect(lines[6]).toMatch(
      /^ {2}eol python\s+3\.99\s+3\.14\s+unknown\s+endoflife\.date lists no cycle "3\.99"/,
    );
  }, 60_000);

  it('fails on eol only past the end of life, not inside the warning window', async () => {
    expect((await drift(['pg13', '--fail-on', 'eol'])).code).toBe(1);
    expect((await drift(['pg14', '--fail-on', 'eol'])).code).toBe(0);
    expect((await drift(['pg17', 'unknown', '--fail-on', 'eol'])).code).toBe(0);
    const { code, stdout } = await drift(['--json', '--fail-on', 'eol']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toHaveLength(7);
    const help = (await run(['--help'], dir)).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      'or (eol) a version in use is past its end of life (version.eol; the warning window before it does not fail)',
    );
  }, 60_000);
});
