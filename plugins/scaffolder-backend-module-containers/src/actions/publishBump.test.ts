import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EventParams } from '@backstage/plugin-events-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GuestPolicy, LocalPublishConfig } from '../config';
import { LocalPlatformRepository } from '../platform';
import {
  git,
  initGitRepository,
  isolateGitConfig,
  REPO_ROOT,
  snapshotTree,
  tempDir,
} from '@dockyard/test-utils';
import { createPlatform } from '../__testUtils__/platform';
import { createContainersBumpAction } from './bump';
import { createContainersPublishLocalAction } from './publishLocal';

const YAML_FILE = 'containers/trino/container.yaml';
const FILES = [YAML_FILE, 'containers/trino/Dockerfile', 'README.md'];

// The action's git runs as the backend's would; keep this machine's git configuration out of it.
isolateGitConfig();

describe('containers:publish-local with bumpTo (a bump made by containers:bump)', () => {
  let checkout: string;
  let workspace: string;
  let published: EventParams[];
  let config: LocalPublishConfig;

  async function bump(version = '478') {
    await fs.rm(workspace, { recursive: true, force: true });
    await fs.mkdir(workspace);
    const ctx = createMockActionContext({
      input: { slug: 'trino', version },
      workspacePath: workspace,
    });
    await createContainersBumpAction({
      platform: () => new LocalPlatformRepository(checkout),
      config: new ConfigReader({}),
    }).handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  async function publish(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    guests?: GuestPolicy,
  ) {
    const events = mockServices.events.mock({
      publish: async params => {
        published.push(params);
      },
    });
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
      }),
      ...extra,
    };
    await createContainersPublishLocalAction({
      config,
      events,
      guests,
    }).handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  const publishBump = async (version = '478') => {
    const out = await bump(version);
    return publish({
      slug: 'trino',
      bumpTo: out.to,
      files: out.files,
      commitMessage: out.commitMessage,
      branchName: out.branchName,
    });
  };

  beforeEach(async () => {
    checkout = await createPlatform({
      readme: await fs.readFile(path.join(REPO_ROOT, 'README.md'), 'utf8'),
    });
    workspace = await tempDir('workspace');
    published = [];
    config = { enabled: true, path: checkout, branchPrefix: 'dockyard/new-' };
  });
  afterEach(async () => {
    await fs.rm(checkout, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  describe('in a git checkout', () => {
    beforeEach(() => initGitRepository(checkout));

    it('commits exactly the changed files on dockyard/bump-<slug>-<version>, leaving other work alone', async () => {
      await fs.writeFile(path.join(checkout, 'staged.txt'), 'staged\n');
      git(checkout, 'add', 'staged.txt');
      await fs.appendFile(
        path.join(checkout, 'containers/trino/README.md'),
        '\nlocal edit\n',
      );
      const seed = git(checkout, 'rev-parse', 'HEAD');

      const out = await publishBump();

      expect(out).toMatchObject({
        folder: 'containers/trino',
        path: path.join(checkout, 'containers/trino'),
        branch: 'dockyard/bump-trino-478',
        readmeUpdated: true,
      });
      expect(git(checkout, 'branch', '--show-current')).toBe(
        'dockyard/bump-trino-478',
      );
      expect(git(checkout, 'rev-parse', 'HEAD~1')).toBe(seed);
      expect(out.commit).toBe(git(checkout, 'rev-parse', 'HEAD'));
      expect(
        git(checkout, 'show', '--name-only', '--format=%an%n%s', 'HEAD').split(
          '\n',
        ),
      ).toEqual([
        'Platform Dev',
        'Bump Trino from 476 to 478',
        '',
        'README.md',
        'containers/trino/Dockerfile',
        YAML_FILE,
      ]);
      // The diff of container.yaml is the version line.
      expect(
        git(checkout, 'diff', '-U0', 'HEAD~1', 'HEAD', '--', YAML_FILE)
          .split('\n')
          .filter(l => /^[-+][^-+]/.test(l)),
      ).toEqual(['-  current: "476"', '+  current: "478"']);
      // The developer's work is where it was: staged, unstaged.
      expect(git(checkout, 'status', '--porcelain')).toBe(
        ' M containers/trino/README.md\nA  staged.txt',
      );
      expect(published).toEqual([
        { topic: CONTAINERS_REFRESH_TOPIC, eventPayload: {} },
      ]);
    });

    it('running the same bump again moves its branch onto what is checked out: still one commit, no second branch', async () => {
      await publishBump();
      git(checkout, 'checkout', '-q', 'main');
      // main moves on meanwhile.
      await fs.writeFile(path.join(checkout, 'NOTES.md'), 'notes\n');
      git(checkout, 'add', 'NOTES.md');
      git(checkout, 'commit', '-q', '-m', 'notes');
      const main = git(checkout, 'rev-parse', 'main');

      const out = await publishBump();

      expect(out.branch).toBe('dockyard/bump-trino-478');
      expect(git(checkout, 'branch', '--show-current')).toBe(
        'dockyard/bump-trino-478',
      );
      expect(git(checkout, 'rev-parse', 'HEAD~1')).toBe(main);
      expect(git(checkout, 'rev-list', '--count', 'main..HEAD')).toBe('1');
      expect(git(checkout, 'branch', '--list', 'dockyard/bump-*')).toBe(
        '* dockyard/bump-trino-478',
      );
      expect(git(checkout, 'status', '--porcelain')).toBe('');
    });

    it('refuses to move a bump branch that holds more than the bump, writing nothing', async () => {
      await publishBump();
      await fs.writeFile(path.join(checkout, 'fix.txt'), 'a fix\n');
      git(checkout, 'add', 'fix.txt');
      git(checkout, 'commit', '-q', '-m', 'a fix on the bump branch');
      const branchHead = git(checkout, 'rev-parse', 'HEAD');
      git(checkout, 'checkout', '-q', 'main');
      const before = await snapshotTree(checkout);

      await expect(publishBump()).rejects.toThrow(
        'The branch dockyard/bump-trino-478 already exists',
      );
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(git(checkout, 'rev-parse', 'dockyard/bump-trino-478')).toBe(
        branchHead,
      );
      expect(await snapshotTree(checkout)).toEqual(before);
    });

    it('refuses when container.yaml has uncommitted changes (they would be swept into the commit)', async () => {
      const file = path.join(checkout, YAML_FILE);
      await fs.appendFile(file, '# my edit\n');
      const out = await bump();
      const before = await snapshotTree(checkout);
      await expect(
        publish({ slug: 'trino', bumpTo: '478', files: out.files }),
      ).rejects.toThrow(
        `${YAML_FILE} has uncommitted changes in ${checkout}: commit or stash them, then run the bump again`,
      );
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
    });

    it('leaves a README with uncommitted changes alone, and says so', async () => {
      await fs.appendFile(path.join(checkout, 'README.md'), '\nmy notes\n');
      const out = await bump();
      const readmeBefore = await fs.readFile(
        path.join(checkout, 'README.md'),
        'utf8',
      );
      const result = await publish({
        slug: 'trino',
        bumpTo: '478',
        files: out.files,
      });
      expect(result.readmeUpdated).toBe(false);
      expect(
        git(checkout, 'show', '--name-only', '--format=%s', 'HEAD').split('\n'),
      ).toEqual([
        'Bump trino to 478',
        '',
        'containers/trino/Dockerfile',
        YAML_FILE,
      ]);
      expect(await fs.readFile(path.join(checkout, 'README.md'), 'utf8')).toBe(
        readmeBefore,
      );
    });

    it('puts everything back when git fails half-way', async () => {
      const out = await bump();
      const before = await snapshotTree(checkout);
      // Another git process holds the index.
      await fs.writeFile(path.join(checkout, '.git/index.lock'), '');
      await expect(
        publish({ slug: 'trino', bumpTo: '478', files: out.files }),
      ).rejects.toThrow(/index\.lock/);
      await fs.rm(path.join(checkout, '.git/index.lock'));
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(git(checkout, 'status', '--porcelain')).toBe('');
    });

    it('changes nothing in a dry run', async () => {
      const out = await bump();
      const before = await snapshotTree(checkout);
      const result = await publish(
        { slug: 'trino', bumpTo: '478', files: out.files },
        { isDryRun: true },
      );
      expect(result.branch).toBe('dockyard/bump-trino-478');
      expect(result.commit).toBeUndefined();
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
      expect(published).toEqual([]);
    });
  });

  it('writes the files into a checkout that is not a git repository', async () => {
    const out = await publishBump();
    expect(out.branch).toBeUndefined();
    expect(await fs.readFile(path.join(checkout, YAML_FILE), 'utf8')).toContain(
      'current: "478"',
    );
  });

  it.each([
    [{ files: ['../../etc/passwd'] }, 'is not a file a bump of trino changes'],
    [
      { files: [YAML_FILE, 'containers/nessie/container.yaml'] },
      'is not a file a bump of trino changes',
    ],
    [
      { files: [YAML_FILE, 'containers/trino/../../x'] },
      'is not a file a bump of trino changes',
    ],
    [{ files: ['/etc/passwd'] }, 'is not a file a bump of trino changes'],
    [{ files: [] }, 'files must list the 1 to 20 files'],
    [{ files: undefined }, 'files must list the 1 to 20 files'],
    [{ files: ['README.md'] }, `files must include ${YAML_FILE}`],
    [
      { files: [...FILES, 'containers/trino/tests/smoke.sh'] },
      'containers/trino/tests/smoke.sh is not in the workspace',
    ],
    [
      { bumpTo: '479' },
      `${YAML_FILE} in the workspace has version 478, not 479`,
    ],
    [{ branchName: 'main' }, '"main" is not a bump branch of trino'],
    [
      { branchName: 'dockyard/bump-nessie-478' },
      'is not a bump branch of trino (dockyard/bump-trino-…)',
    ],
    [{ branchName: 'dockyard/bump-trino-' }, 'is not a bump branch of trino'],
  ])('refuses %j before touching the checkout', async (input, message) => {
    initGitRepository(checkout);
    await bump();
    const before = await snapshotTree(checkout);
    await expect(
      publish({ slug: 'trino', bumpTo: '478', files: FILES, ...input }),
    ).rejects.toThrow(message);
    expect(await snapshotTree(checkout)).toEqual(before);
    expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
  });

  it('refuses a guest unless guests are allowed, naming what they may not do', async () => {
    await bump();
    await expect(
      publish(
        { slug: 'trino', bumpTo: '478', files: FILES },
        {
          getInitiatorCredentials: async () =>
            mockCredentials.user('user:development/guest'),
        },
      ),
    ).rejects.toThrow(
      'containers:publish-local: guests may not bump containers on this portal',
    );
  });
});
