import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import {
  changedLines,
  REPO_ROOT,
  sendJson,
  snapshotTree,
  startTestServer,
  type TestServer,
} from '@dockyard/test-utils';
import { containerYaml, platform, read } from './__testUtils__/checkout';
import { bumpContainers } from './bumpContainers';
import { formatBumpDiff } from './diff';

const digestOf = (text: string) =>
  `sha256:${createHash('sha256').update(text).digest('hex')}`;
const NEW_POSTGRES_DIGEST = digestOf('postgres 17.7-bookworm');
const OLD_DIGEST = `sha256:${'0'.repeat(64)}`;

/** A registry on 127.0.0.1 with a token service, serving the manifests it is given. */
async function startRegistry(
  manifests: Record<string, string>,
  options: { bearer?: boolean } = {},
): Promise<TestServer> {
  const server: TestServer = await startTestServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    if (url.pathname === '/token') {
      sendJson(res, { token: 'pull-token', expires_in: 300 });
      return;
    }
    if (options.bearer && req.headers.authorization !== 'Bearer pull-token') {
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="${server.url}/token",service="registry.test",scope="repository:library/postgres:pull"`,
      });
      res.end();
      return;
    }
    const found = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    const digest = found && manifests[`${found[1]}:${found[2]}`];
    if (!digest) {
      sendJson(res, { errors: [{ code: 'MANIFEST_UNKNOWN' }] }, {}, 404);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.oci.image.index.v1+json',
      'docker-content-digest': digest,
    });
    res.end('{"schemaVersion":2,"manifests":[]}');
  });
  return server;
}

function registryConfig(registry: TestServer, host = 'docker.io') {
  return new ConfigReader({
    containers: {
      drift: {
        allowedHosts: [registry.host],
        retries: 0,
        registries: { [host]: { baseUrl: registry.url } },
      },
    },
  });
}

/** The bumps of the golden test: each platform container, a newer version, what moves. */
const PLATFORM: Record<string, { from: string; to: string }> = {
  airflow: { from: '3.1.3', to: '3.1.5' },
  'hive-metastore': { from: '4.1.0', to: '4.2.0' },
  kafka: { from: '4.1.0', to: '4.1.1' },
  minio: {
    from: 'RELEASE.2025-09-07T16-13-09Z',
    to: 'RELEASE.2025-10-15T17-29-55Z',
  },
  nessie: { from: '0.105.1', to: '0.106.0' },
  polaris: { from: '1.1.0-incubating', to: '1.2.0-incubating' },
  postgres: { from: '17.6-bookworm', to: '17.7-bookworm' },
  spark: { from: '4.0.1', to: '4.0.2' },
  superset: { from: '5.0.0', to: '6.0.0' },
  trino: { from: '476', to: '479' },
};

describe('bumpContainers on the platform containers (golden)', () => {
  let registry: TestServer;
  let checkout: string;
  let originals: Record<string, string>;
  let readme: string;

  beforeAll(async () => {
    registry = await startRegistry({
      'library/postgres:17.7-bookworm': NEW_POSTGRES_DIGEST,
    });
    originals = {};
    for (const slug of Object.keys(PLATFORM)) {
      originals[slug] = await fs.readFile(
        path.join(REPO_ROOT, 'containers', slug, 'container.yaml'),
        'utf8',
      );
    }
    readme = await fs.readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  });

  afterAll(() => registry.close());

  beforeEach(async () => {
    // The whole container folders (Dockerfile, tests, …) and the tests' shared library.
    checkout = await platform({}, { 'README.md': readme });
    for (const folder of [...Object.keys(PLATFORM), '_lib']) {
      await fs.cp(
        path.join(REPO_ROOT, 'containers', folder),
        path.join(checkout, 'containers', folder),
        { recursive: true },
      );
    }
  });

  it('covers all ten containers of the platform', async () => {
    const folders = (
      await fs.readdir(path.join(REPO_ROOT, 'containers'))
    ).filter(name => !name.startsWith('_') && !name.startsWith('.'));
    expect(folders.sort()).toEqual(Object.keys(PLATFORM).sort());
  });

  it.each(Object.entries(PLATFORM))(
    '%s: only version.current (and what follows it) changes',
    async (slug, { from, to }) => {
      const results = await bumpContainers({
        platformDir: checkout,
        requests: [{ slug, to }],
        config: registryConfig(registry),
      });
      expect(results).toEqual([
        expect.objectContaining({
          slug,
          from,
          to,
          status: 'bumped',
          files: [
            `containers/${slug}/container.yaml`,
            `containers/${slug}/Dockerfile`,
            'README.md',
          ],
        }),
      ]);
      const file = `containers/${slug}/container.yaml`;
      const after = await read(checkout, file);
      const expected = [`-  current: "${from}"`, `+  current: "${to}"`];
      if (slug === 'postgres') {
        // The base image's tag carries the version, and its digest is the new tag's.
        expected.push(
          `-  base_image: "docker.io/library/postgres:17.6-bookworm@sha256:25210225c6d19685fd6e36a8b5bca53b786e5085bea34e03091fc04a072e34a1"`,
          `+  base_image: "docker.io/library/postgres:17.7-bookworm@${NEW_POSTGRES_DIGEST}"`,
        );
      }
      expect(changedLines(originals[slug], after)).toEqual(expected);
      expect(
        parseContainerYaml(after, { file, folderName: slug }).problems,
      ).toEqual([]);

      // The Dockerfile: only ARG defaults that were a build arg's old value, now its new one.
      const dockerfile = `containers/${slug}/Dockerfile`;
      const oldDockerfile = await fs.readFile(
        path.join(REPO_ROOT, dockerfile),
        'utf8',
      );
      const dockerLines = changedLines(
        oldDockerfile,
        await read(checkout, dockerfile),
      );
      expect(dockerLines.length).toBeGreaterThan(0);
      for (let i = 0; i < dockerLines.length; i += 2) {
        expect(dockerLines[i]).toMatch(/^-ARG [A-Z_]+=/);
        expect(dockerLines[i + 1].split('=')[0]).toBe(
          `+${dockerLines[i].slice(1).split('=')[0]}`,
        );
      }
      expect(dockerLines.join('\n')).toContain(to);

      // The container's own static tests (make check) still pass.
      for (const test of parseContainerYaml(after, { file }).resolved!.tests ??
        []) {
        const run = spawnSync('bash', ['-c', test.command], {
          cwd: path.join(checkout, 'containers', slug),
          env: { ...process.env, DOCKYARD_TESTS_STATIC: '1' },
          encoding: 'utf8',
        });
        expect({
          test: test.name,
          status: run.status,
          stderr: run.stderr,
        }).toEqual({
          test: test.name,
          status: 0,
          stderr: '',
        });
      }

      // The README's table: that container's row, its version cell, nothing else.
      const readmeLines = changedLines(
        readme,
        await read(checkout, 'README.md'),
      );
      expect(readmeLines).toHaveLength(2);
      expect(readmeLines[0]).toContain(`](containers/${slug}/) |`);
      expect(readmeLines[1]).toBe(
        readmeLines[0].replace(`| ${from} |`, `| ${to} |`).replace(/^-/, '+'),
      );
    },
  );

  it('asks the registry for the manifest with the index and manifest media types', async () => {
    registry.requests.length = 0;
    await bumpContainers({
      platformDir: checkout,
      requests: [{ slug: 'postgres', to: '17.7-bookworm' }],
      config: registryConfig(registry),
    });
    expect(registry.requests).toEqual([
      expect.objectContaining({
        method: 'HEAD',
        url: '/v2/library/postgres/manifests/17.7-bookworm',
        headers: expect.objectContaining({
          accept: expect.stringContaining(
            'application/vnd.oci.image.index.v1+json',
          ),
        }),
      }),
    ]);
    expect(registry.requests[0].headers.accept).toContain(
      'application/vnd.docker.distribution.manifest.list.v2+json',
    );
  });

  it('bumps several containers in one run; the README gets each row', async () => {
    const results = await bumpContainers({
      platformDir: checkout,
      requests: [
        { slug: 'trino', to: '479' },
        { slug: 'kafka', to: '4.1.1' },
      ],
      config: new ConfigReader({}),
    });
    expect(results.map(r => r.status)).toEqual(['bumped', 'bumped']);
    const lines = changedLines(readme, await read(checkout, 'README.md'));
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toContain('| 479 |');
    expect(lines.join('\n')).toContain('| 4.1.1 |');
  });

  it('writes nothing in a dry run and gives the diff', async () => {
    const before = await snapshotTree(checkout);
    const results = await bumpContainers({
      platformDir: checkout,
      requests: [{ slug: 'trino', to: '479' }],
      config: new ConfigReader({}),
      dryRun: true,
    });
    expect(await snapshotTree(checkout)).toEqual(before);
    expect(results[0]).toMatchObject({
      status: 'bumped',
      files: [
        'containers/trino/container.yaml',
        'containers/trino/Dockerfile',
        'README.md',
      ],
    });
    const diff = formatBumpDiff(results);
    expect(diff).toContain(
      '--- a/containers/trino/container.yaml\n+++ b/containers/trino/container.yaml\n',
    );
    expect(diff).toContain('\n-  current: "476"\n+  current: "479"\n');
    expect(diff).toContain('--- a/README.md\n+++ b/README.md\n');
    expect(diff).toContain(
      '--- a/containers/trino/Dockerfile\n+++ b/containers/trino/Dockerfile\n',
    );
    // version.current, the two ARG TRINO_VERSION defaults, the README row.
    expect(diff.split('\n').filter(l => /^[-+][^-+]/.test(l))).toHaveLength(8);
  });
});

describe('bumpContainers refusals', () => {
  const none = new ConfigReader({});

  it('refuses an unknown slug, an invalid version and the same version, writing nothing', async () => {
    const dir = await platform({ app: containerYaml('app') });
    const before = await snapshotTree(dir);
    const results = await bumpContainers({
      platformDir: dir,
      requests: [
        { slug: 'nope', to: '1.0.1' },
        { slug: '../app', to: '1.0.1' },
        { slug: 'app', to: '1.0 beta' },
        { slug: 'app', to: '1.0.0' },
      ],
      config: none,
    });
    expect(results).toEqual([
      expect.objectContaining({
        slug: 'nope',
        status: 'error',
        error:
          'no container "nope": containers/nope/container.yaml does not exist',
      }),
      expect.objectContaining({ slug: '../app', status: 'error' }),
      expect.objectContaining({
        slug: 'app',
        status: 'error',
        from: '1.0.0',
        error: expect.stringContaining(
          '"1.0 beta" is not a version: letters, digits and . _ + ~ - only (no spaces, quotes or line breaks)',
        ),
      }),
      expect.objectContaining({
        slug: 'app',
        status: 'error',
        error: 'app is asked more than once',
      }),
    ]);
    expect(await snapshotTree(dir)).toEqual(before);

    const same = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '1.0.0' }],
      config: none,
    });
    expect(same).toEqual([
      {
        slug: 'app',
        name: 'app image',
        from: '1.0.0',
        to: '1.0.0',
        status: 'unchanged',
        files: [],
        changes: [],
      },
    ]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it.each([['a"b'], ['x\ny'], ["it's"], [''], ['-1']])(
    'refuses %j as a version',
    async to => {
      const dir = await platform({ app: containerYaml('app') });
      const [result] = await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to }],
        config: none,
      });
      expect(result.status).toBe('error');
      expect(result.error).toContain('is not a version');
    },
  );

  it('refuses a result the parser does not accept, naming file, line and field', async () => {
    const dir = await platform({
      app: containerYaml('app', {
        extra:
          'publish:\n  image: ghcr.io/example/app\n  tags:\n    - "!version.current"\n',
      }),
    });
    const before = await snapshotTree(dir);
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '1.0.1+build' }],
      config: none,
    });
    expect(result.status).toBe('error');
    expect(result.error).toMatch(
      /^the bumped containers\/app\/container.yaml would not be valid, so nothing was written: containers\/app\/container.yaml:\d+:\d+ publish.tags\[0\] must be an image tag/,
    );
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses to write through a link to a file outside the checkout', async () => {
    const outside = await platform({ app: containerYaml('app') });
    const dir = await platform({});
    await fs.mkdir(path.join(dir, 'containers'));
    await fs.symlink(
      path.join(outside, 'containers', 'app'),
      path.join(dir, 'containers', 'app'),
    );
    const before = await snapshotTree(outside);
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '2.0.0' }],
      config: none,
    });
    expect(result.error).toBe(
      'containers/app/container.yaml is a link to a file outside the checkout; bump it where it lives',
    );
    expect(await snapshotTree(outside)).toEqual(before);
  });

  it('refuses a container whose file has problems', async () => {
    const dir = await platform({ app: 'name: x\nslug: app\n' });
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '2.0.0' }],
      config: none,
    });
    expect(result.error).toMatch(
      /^containers\/app\/container.yaml has problems, fix them first: containers\/app\/container.yaml:\d+:\d+ /,
    );
  });

  it('refuses a version.current built from a token inside a longer string, and an alias', async () => {
    const dir = await platform({
      composed: containerYaml('composed', {
        version: 'strategy: manual\ncurrent: "v!build.args.V"',
        extra: 'build:\n  args:\n    V: "1.0.0"\n',
      }),
      aliased: containerYaml('aliased', {
        version: 'strategy: manual\ncurrent: *v',
      }).replace('version:', 'license: &v "1.0.0"\nversion:'),
    });
    const results = await bumpContainers({
      platformDir: dir,
      requests: [
        { slug: 'composed', to: '2.0.0' },
        { slug: 'aliased', to: '2.0.0' },
      ],
      config: none,
    });
    expect(results[0].error).toBe(
      'containers/composed/container.yaml: version.current is "v!build.args.V", a token inside a longer string, which a bump cannot set: write the version there by hand',
    );
    expect(results[1].error).toMatch(
      /^containers\/aliased\/container.yaml:\d+:\d+: version.current is a YAML alias \(\*v\)/,
    );
  });
});

describe('bumpContainers: what moves with the version', () => {
  const none = new ConfigReader({});

  it('edits the build arg that a version.current token names', async () => {
    const text = containerYaml('app', {
      version: 'strategy: manual\ncurrent: "!build.args.APP_VERSION"',
      extra: `build:\n  args:\n    APP_VERSION: '1.0.0' # pinned here\n    URL: "https://example.com/app-!version.current.tgz"\n`,
    });
    const dir = await platform({ app: text });
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '1.1.0' }],
      config: none,
    });
    expect(result).toMatchObject({
      status: 'bumped',
      from: '1.0.0',
      to: '1.1.0',
    });
    expect(
      changedLines(text, await read(dir, 'containers/app/container.yaml')),
    ).toEqual([
      "-    APP_VERSION: '1.0.0' # pinned here",
      "+    APP_VERSION: '1.1.0' # pinned here",
    ]);
  });

  it('moves an unpinned base image tag without asking any registry', async () => {
    const text = containerYaml('app', {
      version: 'strategy: manual\ncurrent: "3.1.5"',
      runtime: 'apache/airflow:3.1.5-python3.10',
    });
    const dir = await platform({ app: text });
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '3.1.6' }],
      config: new ConfigReader({ containers: { drift: { allowedHosts: [] } } }),
    });
    expect(result.baseImage).toEqual({
      from: 'apache/airflow:3.1.5-python3.10',
      to: 'apache/airflow:3.1.6-python3.10',
      reason: 'version',
    });
  });

  it('leaves a base image whose tag does not carry the version', async () => {
    const text = containerYaml('app', {
      version: 'strategy: manual\ncurrent: "3.1"',
      runtime: `python:3.10-slim@${OLD_DIGEST}`,
    });
    const dir = await platform({ app: text });
    const [result] = await bumpContainers({
      platformDir: dir,
      requests: [{ slug: 'app', to: '3.2' }],
      config: none,
    });
    expect(result.status).toBe('bumped');
    expect(result.baseImage).toBeUndefined();
  });
});

describe('bumpContainers: the base image digest from the registry', () => {
  const pinned = (registryHost = 'docker.io') =>
    containerYaml('app', {
      version: 'strategy: manual\ncurrent: "17.6-bookworm"',
      runtime: `${registryHost}/library/postgres:17.6-bookworm@${OLD_DIGEST}`,
    });

  it('answers a bearer challenge from the same server and pins the new digest', async () => {
    const registry = await startRegistry(
      { 'library/postgres:17.7-bookworm': NEW_POSTGRES_DIGEST },
      { bearer: true },
    );
    try {
      const dir = await platform({ app: pinned() });
      const [result] = await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to: '17.7-bookworm' }],
        config: registryConfig(registry),
      });
      expect(result).toMatchObject({
        status: 'bumped',
        baseImage: {
          to: `docker.io/library/postgres:17.7-bookworm@${NEW_POSTGRES_DIGEST}`,
        },
      });
      expect(
        registry.requests.map(
          r => `${r.method} ${new URL(r.url, registry.url).pathname}`,
        ),
      ).toEqual([
        'HEAD /v2/library/postgres/manifests/17.7-bookworm',
        'GET /token',
        'HEAD /v2/library/postgres/manifests/17.7-bookworm',
      ]);
      expect(registry.requests[2].headers.authorization).toBe(
        'Bearer pull-token',
      );
    } finally {
      await registry.close();
    }
  });

  it('re-pins a base image whose tag moves through a !version.current token', async () => {
    const registry = await startRegistry({
      'library/postgres:17.7-bookworm': NEW_POSTGRES_DIGEST,
    });
    try {
      const text = containerYaml('app', {
        version: 'strategy: manual\ncurrent: "17.6-bookworm"',
        runtime: `docker.io/library/postgres:!version.current@${OLD_DIGEST}`,
      });
      const dir = await platform({ app: text });
      await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to: '17.7-bookworm' }],
        config: registryConfig(registry),
      });
      expect(
        changedLines(text, await read(dir, 'containers/app/container.yaml')),
      ).toEqual([
        '-  current: "17.6-bookworm"',
        '+  current: "17.7-bookworm"',
        `-  base_image: "docker.io/library/postgres:!version.current@${OLD_DIGEST}"`,
        `+  base_image: "docker.io/library/postgres:!version.current@${NEW_POSTGRES_DIGEST}"`,
      ]);
    } finally {
      await registry.close();
    }
  });

  it('asks with GET when a registry refuses HEAD or leaves the digest header out', async () => {
    const manifest =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}';
    const registry = await startTestServer((req, res) => {
      if (req.method === 'HEAD' && req.url!.includes('/app/')) {
        res.writeHead(405);
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.index.v1+json',
      });
      res.end(manifest);
    });
    try {
      const dir = await platform({ app: pinned() });
      const [result] = await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to: '17.7-bookworm' }],
        config: registryConfig(registry),
      });
      expect(result.baseImage?.to).toBe(
        `docker.io/library/postgres:17.7-bookworm@${digestOf(manifest)}`,
      );
      expect(registry.requests.map(r => r.method)).toEqual(['HEAD', 'GET']);
    } finally {
      await registry.close();
    }
  });

  it('refuses when the registry has no such tag, writing nothing', async () => {
    const registry = await startRegistry({});
    try {
      const dir = await platform({ app: pinned() }, { 'README.md': '# x\n' });
      const before = await snapshotTree(dir);
      const [result] = await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to: '17.7-bookworm' }],
        config: registryConfig(registry),
      });
      expect(result).toMatchObject({ status: 'error', files: [] });
      expect(result.error).toBe(
        `the registry has no tag 17.7-bookworm of docker.io/library/postgres (${registry.url}/v2/library/postgres/manifests/17.7-bookworm answered 404)`,
      );
      expect(await snapshotTree(dir)).toEqual(before);
    } finally {
      await registry.close();
    }
  });

  it('refuses a registry that is not an allowed host, without connecting to it', async () => {
    const registry = await startRegistry({
      'library/postgres:17.7-bookworm': NEW_POSTGRES_DIGEST,
    });
    try {
      const dir = await platform({ app: pinned('registry.example.test') });
      const before = await snapshotTree(dir);
      const [result] = await bumpContainers({
        platformDir: dir,
        requests: [{ slug: 'app', to: '17.7-bookworm' }],
        // registry.example.test has no baseUrl: https://registry.example.test, not allowed.
        config: registryConfig(registry),
      });
      expect(result.status).toBe('error');
      expect(result.error).toContain(
        'host registry.example.test is not in containers.drift.allowedHosts',
      );
      expect(registry.requests).toEqual([]);
      expect(await snapshotTree(dir)).toEqual(before);
    } finally {
      await registry.close();
    }
  });
});

describe('bumpContainers behind', () => {
  it('bumps what the drift engine finds behind to its latest; skips and reports the rest', async () => {
    const github = await startTestServer((req, res) => {
      if (req.url!.startsWith('/api/repos/trinodb/trino/releases')) {
        sendJson(res, [
          {
            tag_name: '479',
            html_url: 'https://github.com/trinodb/trino/releases/tag/479',
          },
          { tag_name: '476' },
        ]);
      } else {
        sendJson(res, { message: 'boom' }, {}, 500);
      }
    });
    try {
      const dir = await platform({
        trino: containerYaml('trino', {
          version:
            'strategy: github-release\ncurrent: "476"\nsource:\n  repo: trinodb/trino',
        }),
        broken: containerYaml('broken', {
          version:
            'strategy: github-release\ncurrent: "1.0.0"\nsource:\n  repo: broken/feed',
        }),
        handmade: containerYaml('handmade'),
        invalid: 'name: x\n',
      });
      const warnings: string[] = [];
      const config = new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: `${github.url}/api` }],
        },
        containers: { drift: { allowedHosts: [github.host], retries: 0 } },
      });
      const results = await bumpContainers({
        platformDir: dir,
        behind: true,
        config,
        logger: { warn: message => warnings.push(message) },
      });
      expect(results).toEqual([
        expect.objectContaining({
          slug: 'trino',
          from: '476',
          to: '479',
          status: 'bumped',
          change: 'major',
          releaseNotesUrl: 'https://github.com/trinodb/trino/releases/tag/479',
        }),
      ]);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^skipped invalid: containers\/invalid\/container.yaml has problems, fix them first: containers\/invalid\/container.yaml:\d+:\d+ /,
        ),
        expect.stringMatching(
          /^skipped broken: drift check failed: github:broken\/feed: /,
        ),
      ]);

      // Named containers are answered for, behind or not.
      const named = await bumpContainers({
        platformDir: dir,
        behind: true,
        slugs: ['trino', 'broken', 'handmade', 'nope'],
        config,
      });
      expect(named.map(r => [r.slug, r.status])).toEqual([
        ['broken', 'error'],
        ['handmade', 'unchanged'],
        ['nope', 'error'],
        ['trino', 'unchanged'],
      ]);
    } finally {
      await github.close();
    }
  });
});
