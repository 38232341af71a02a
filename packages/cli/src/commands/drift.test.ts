import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

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
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const json = (body: unknown, status = 200, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/api/repos/trinodb/trino/releases':
        return json([
          { tag_name: '479', published_at: '2025-10-01T00:00:00Z' },
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
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, close: () => new Promise(resolve => server.close(resolve)) };
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

  it('prints the JSON array DESIGN.md fixes, one failing upstream never stopping the others', async () => {
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
