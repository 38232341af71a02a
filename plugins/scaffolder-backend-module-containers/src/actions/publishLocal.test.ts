import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { EventParams } from '@backstage/plugin-events-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { CONTAINERS_REFRESH_TOPIC } from '@dockyard/plugin-containers-common';
import { README_BLOCK_BEGIN } from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GuestPolicy, LocalPublishConfig } from '../config';
import { LocalPlatformRepository } from '../platform';
import {
  git,
  initGitRepository,
  isolateGitConfig,
  snapshotTree,
  tempDir,
} from '@dockyard/test-utils';
import {
  createCheckpointStore,
  createPlatform,
} from '../__testUtils__/platform';
import { createContainersCreateAction } from './create';
import { createContainersPublishLocalAction } from './publishLocal';

const SLUG = 'kafka-connect';

// The action's git runs as the backend's would; keep this machine's git configuration out of it.
isolateGitConfig();

describe('containers:publish-local', () => {
  let checkout: string;
  let workspace: string;
  let published: EventParams[];
  let config: LocalPublishConfig;
  let guests: GuestPolicy | undefined;

  beforeEach(async () => {
    checkout = await createPlatform();
    workspace = await tempDir('workspace');
    published = [];
    guests = undefined;
    config = { enabled: true, path: checkout, branchPrefix: 'dockyard/new-' };
    // Render the container into the workspace, as the template's first step does.
    const ctx = createMockActionContext({
      input: {
        slug: SLUG,
        name: 'Kafka Connect',
        summary: 'Kafka Connect workers with the Iceberg sink.',
        owner: 'group:default/data-platform-team',
        strategy: 'github-release',
        current: '4.1.0',
        source: { repo: 'apache/kafka' },
      } as any,
      workspacePath: workspace,
    });
    await createContainersCreateAction({
      platform: () => new LocalPlatformRepository(checkout),
    }).handler(ctx as any);
  });
  afterEach(async () => {
    await fs.rm(checkout, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  async function publish(
    input: Record<string, unknown> = { slug: SLUG },
    extra: Record<string, unknown> = {},
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
    return ctx;
  }

  describe('in a git checkout', () => {
    beforeEach(() => initGitRepository(checkout));

    it('commits exactly the new folder and the README on a new branch, leaving other work alone', async () => {
      // The developer's own work in progress: a staged file, an unstaged edit, an untracked file.
      await fs.writeFile(path.join(checkout, 'staged.txt'), 'staged\n');
      git(checkout, 'add', 'staged.txt');
      await fs.appendFile(
        path.join(checkout, 'containers/trino/README.md'),
        '\nlocal edit\n',
      );
      await fs.writeFile(path.join(checkout, 'scratch.txt'), 'untracked\n');
      const seed = git(checkout, 'rev-parse', 'HEAD');

      const ctx = await publish();

      expect(git(checkout, 'branch', '--show-current')).toBe(
        'dockyard/new-kafka-connect',
      );
      expect(git(checkout, 'rev-parse', 'HEAD~1')).toBe(seed);
      expect(
        git(
          checkout,
          'show',
          '--name-only',
          '--format=%an <%ae>%n%s',
          'HEAD',
        ).split('\n'),
      ).toEqual([
        'Platform Dev <dev@example.com>',
        'Add container kafka-connect',
        '',
        'README.md',
        'containers/kafka-connect/Dockerfile',
        'containers/kafka-connect/README.md',
        'containers/kafka-connect/container.yaml',
        'containers/kafka-connect/entrypoint.sh',
        'containers/kafka-connect/tests/smoke.sh',
      ]);
      expect(
        git(
          checkout,
          'ls-files',
          '-s',
          'containers/kafka-connect/entrypoint.sh',
        ),
      ).toMatch(/^100755 /);
      expect(git(checkout, 'status', '--porcelain').split('\n').sort()).toEqual(
        [' M containers/trino/README.md', '?? scratch.txt', 'A  staged.txt'],
      );
      const readme = await fs.readFile(
        path.join(checkout, 'README.md'),
        'utf8',
      );
      expect(readme).toContain(README_BLOCK_BEGIN);
      expect(readme).toContain(
        '| [Kafka Connect](containers/kafka-connect/) |',
      );

      expect(ctx.output).toHaveBeenCalledWith(
        'folder',
        'containers/kafka-connect',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'path',
        path.join(checkout, 'containers/kafka-connect'),
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'branch',
        'dockyard/new-kafka-connect',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'commit',
        git(checkout, 'rev-parse', 'HEAD'),
      );
      expect(ctx.output).toHaveBeenCalledWith('readmeUpdated', true);
      expect(published).toEqual([
        { topic: CONTAINERS_REFRESH_TOPIC, eventPayload: {} },
      ]);
    });

    it("uses the task user's e-mail as author, the checkout's identity as committer", async () => {
      await publish(
        { slug: SLUG },
        {
          user: {
            ref: 'user:default/jane',
            entity: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'jane' },
              spec: {
                profile: { displayName: 'Jane Doe', email: 'jane@example.com' },
              },
            },
          },
        },
      );
      expect(git(checkout, 'log', '-1', '--format=%an <%ae> / %cn <%ce>')).toBe(
        'Jane Doe <jane@example.com> / Platform Dev <dev@example.com>',
      );
    });

    it('uses the configured author when the user has no e-mail', async () => {
      git(checkout, 'config', '--unset', 'user.name');
      git(checkout, 'config', '--unset', 'user.email');
      config.author = { name: 'Portal Bot', email: 'portal@example.com' };
      await publish();
      expect(git(checkout, 'log', '-1', '--format=%an <%ae> / %cn <%ce>')).toBe(
        'Portal Bot <portal@example.com> / Portal Bot <portal@example.com>',
      );
    });

    it('falls back to Dockyard when nobody is known', async () => {
      git(checkout, 'config', '--unset', 'user.name');
      git(checkout, 'config', '--unset', 'user.email');
      await publish();
      expect(git(checkout, 'log', '-1', '--format=%an <%ae> / %cn <%ce>')).toBe(
        'Dockyard <dockyard@localhost> / Dockyard <dockyard@localhost>',
      );
    });

    it('leaves a README with uncommitted changes alone and commits only the folder', async () => {
      await fs.appendFile(path.join(checkout, 'README.md'), 'my draft\n');
      const ctx = await publish();
      expect(
        git(checkout, 'show', '--name-only', '--format=', 'HEAD').split('\n'),
      ).not.toContain('README.md');
      expect(await fs.readFile(path.join(checkout, 'README.md'), 'utf8')).toBe(
        '# Data platform\n\nOne folder per image.\nmy draft\n',
      );
      expect(ctx.output).toHaveBeenCalledWith('readmeUpdated', false);
    });

    it('refuses an existing branch before writing anything', async () => {
      git(checkout, 'branch', 'dockyard/new-kafka-connect');
      const before = await snapshotTree(checkout);
      await expect(publish()).rejects.toThrow(
        'Cannot create the branch: the branch dockyard/new-kafka-connect already exists',
      );
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(published).toEqual([]);
    });

    it('refuses while a merge is under way', async () => {
      await fs.writeFile(
        path.join(checkout, '.git', 'MERGE_HEAD'),
        `${git(checkout, 'rev-parse', 'HEAD')}\n`,
      );
      await expect(publish()).rejects.toThrow(
        'is in the middle of a merge: finish or abort it first',
      );
    });

    it('puts everything back when the commit fails', async () => {
      // A hook that --no-verify does not skip makes the commit fail after the branch, the folder
      // and the README were written and staged.
      const hook = path.join(checkout, '.git', 'hooks', 'prepare-commit-msg');
      await fs.mkdir(path.dirname(hook), { recursive: true });
      await fs.writeFile(
        hook,
        '#!/bin/sh\necho "commits are frozen" >&2\nexit 1\n',
        { mode: 0o755 },
      );
      const before = await snapshotTree(checkout);
      const head = git(checkout, 'rev-parse', 'HEAD');

      await expect(publish()).rejects.toThrow('commits are frozen');

      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(git(checkout, 'rev-parse', 'HEAD')).toBe(head);
      expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
      expect(git(checkout, 'status', '--porcelain')).toBe('');
      expect(published).toEqual([]);
    });

    it('refuses a folder that git ignores, before writing anything', async () => {
      await fs.writeFile(
        path.join(checkout, '.gitignore'),
        'containers/kafka-*/\n',
      );
      git(checkout, 'add', '.gitignore');
      git(checkout, 'commit', '-q', '-m', 'ignore');
      const before = await snapshotTree(checkout);
      await expect(publish()).rejects.toThrow(
        'containers/kafka-connect is ignored by git',
      );
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
    });

    it('does not commit twice when a retried task finds its checkpoint', async () => {
      const store = createCheckpointStore();
      await publish({ slug: SLUG }, { checkpoint: store.checkpoint });
      const head = git(checkout, 'rev-parse', 'HEAD');
      const ctx = await publish(
        { slug: SLUG },
        { checkpoint: store.checkpoint },
      );
      expect(git(checkout, 'rev-parse', 'HEAD')).toBe(head);
      expect(git(checkout, 'rev-list', '--count', 'HEAD')).toBe('2');
      expect(ctx.output).toHaveBeenCalledWith('commit', head);
    });

    it('changes nothing on a dry run', async () => {
      const before = await snapshotTree(checkout);
      const ctx = await publish({ slug: SLUG }, { isDryRun: true });
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(git(checkout, 'branch', '--show-current')).toBe('main');
      expect(git(checkout, 'branch', '--list', 'dockyard/*')).toBe('');
      expect(ctx.output).toHaveBeenCalledWith(
        'branch',
        'dockyard/new-kafka-connect',
      );
      expect(ctx.output).not.toHaveBeenCalledWith('commit', expect.anything());
      expect(published).toEqual([]);
    });
  });

  it('refuses to overwrite a folder that exists in the checkout', async () => {
    await fs.mkdir(path.join(checkout, 'containers', SLUG));
    await fs.writeFile(
      path.join(checkout, 'containers', SLUG, 'mine.txt'),
      'keep',
    );
    const before = await snapshotTree(checkout);
    await expect(publish()).rejects.toThrow(
      `containers/${SLUG} already exists in ${checkout}: refusing to overwrite it`,
    );
    expect(await snapshotTree(checkout)).toEqual(before);
  });

  it('writes the folder and README into a checkout that is not a git repository', async () => {
    const ctx = await publish();
    const tree = await snapshotTree(path.join(checkout, 'containers', SLUG));
    expect(Object.keys(tree)).toContain('container.yaml');
    expect(ctx.output).not.toHaveBeenCalledWith('branch', expect.anything());
    expect(ctx.output).toHaveBeenCalledWith('readmeUpdated', true);
    expect(published).toHaveLength(1);
  });

  it('refreshes only the configured catalog target', async () => {
    config.refreshTarget = 'platform';
    await publish();
    expect(published).toEqual([
      { topic: CONTAINERS_REFRESH_TOPIC, eventPayload: { target: 'platform' } },
    ]);
  });

  it('is disabled unless configured, with a message that says what to do', async () => {
    config = { enabled: false, branchPrefix: 'dockyard/new-' };
    const before = await snapshotTree(checkout);
    await expect(publish()).rejects.toThrow(
      'containers:publish-local is disabled: set containers.scaffolder.localPublish.enabled to true',
    );
    expect(await snapshotTree(checkout)).toEqual(before);
  });

  describe('guests', () => {
    const asUser = (ref: string) => ({
      getInitiatorCredentials: async () => mockCredentials.user(ref),
      user: { ref },
    });
    const guestRefs = ['user:development/guest', 'user:default/guest'];

    it('refuses the guest unless allowGuests, writing nothing and refreshing nothing', async () => {
      guests = { allowGuests: false, guestUserRefs: guestRefs };
      const before = await snapshotTree(checkout);
      await expect(
        publish({ slug: SLUG }, asUser('user:default/guest')),
      ).rejects.toThrow(
        'containers:publish-local: guests may not create containers on this portal (the task was started by user:default/guest); sign in, or set containers.scaffolder.allowGuests to true',
      );
      expect(await snapshotTree(checkout)).toEqual(before);
      expect(published).toEqual([]);
    });

    it('refuses guests by default, when no policy is given', async () => {
      const before = await snapshotTree(checkout);
      await expect(
        publish({ slug: SLUG }, asUser('user:development/guest')),
      ).rejects.toThrow('guests may not create containers');
      expect(await snapshotTree(checkout)).toEqual(before);
    });

    it('lets the guest publish when allowGuests is true', async () => {
      guests = { allowGuests: true, guestUserRefs: guestRefs };
      await publish({ slug: SLUG }, asUser('user:default/guest'));
      expect(
        Object.keys(
          await snapshotTree(path.join(checkout, 'containers', SLUG)),
        ),
      ).toContain('container.yaml');
    });

    it('lets a signed-in user publish when guests are refused', async () => {
      guests = { allowGuests: false, guestUserRefs: guestRefs };
      await publish({ slug: SLUG }, asUser('user:default/jane'));
      expect(published).toHaveLength(1);
    });
  });

  it.each([
    [{ slug: '../escape' }, 'not a path'],
    [
      { slug: 'other' },
      'containers/other/container.yaml is not in the workspace',
    ],
    [{ slug: SLUG, sourcePath: '../../' }, 'outside its parent'],
  ])('refuses %j', async (input, message) => {
    const before = await snapshotTree(checkout);
    await expect(publish(input)).rejects.toThrow(message);
    expect(await snapshotTree(checkout)).toEqual(before);
  });
});
