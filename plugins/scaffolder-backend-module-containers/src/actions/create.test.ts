import { NotFoundError } from '@backstage/errors';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
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
import { REPO_TEMPLATE_DIR, snapshotTree, tempDir } from '@dockyard/test-utils';
import {
  createCheckpointStore,
  createPlatform,
} from '../__testUtils__/platform';
import { createContainersCreateAction } from './create';

const baseInput = {
  slug: 'iceberg-rest',
  name: 'Iceberg REST Catalog',
  summary: 'The Iceberg REST catalog server.',
  owner: 'group:default/data-platform-team',
  strategy: 'github-release',
  current: '1.10.0',
  source: { repo: 'apache/iceberg' },
};

describe('containers:create', () => {
  let platformRoot: string;
  let workspace: string;
  let platform: PlatformRepository;
  beforeEach(async () => {
    platformRoot = await createPlatform();
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
    const action = createContainersCreateAction({
      platform: () => platform,
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

  it('renders containers/<slug> into the workspace and outputs where and what', async () => {
    const platformBefore = await snapshotTree(platformRoot);
    const { ctx, done } = run(baseInput);
    await done;

    expect(ctx.output).toHaveBeenCalledWith('path', 'containers/iceberg-rest');
    expect(ctx.output).toHaveBeenCalledWith('slug', 'iceberg-rest');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/iceberg-rest',
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'container.yaml',
      'Dockerfile',
      'entrypoint.sh',
      'README.md',
      'tests/smoke.sh',
    ]);
    const text = await fs.readFile(
      path.join(workspace, 'containers/iceberg-rest/container.yaml'),
      'utf8',
    );
    const parsed = parseContainerYaml(text, {
      file: 'container.yaml',
      folderName: 'iceberg-rest',
    });
    expect(parsed.ok).toBe(true);
    expect(parsed.container?.version.source).toEqual({
      repo: 'apache/iceberg',
    });
    // The platform is only read.
    expect(await snapshotTree(platformRoot)).toEqual(platformBefore);
  });

  it('turns form values left empty into "not given"', async () => {
    const { done } = run({
      ...baseInput,
      source: { repo: 'apache/iceberg', host: '' },
      notes: '',
      baseImage: '',
      publish: { registry: '', tags: [], provenance: 'false' },
    });
    await done;
    const text = await fs.readFile(
      path.join(workspace, 'containers/iceberg-rest/container.yaml'),
      'utf8',
    );
    const parsed = parseContainerYaml(text, {
      file: 'container.yaml',
      folderName: 'iceberg-rest',
    });
    expect(parsed.container?.version.source).toEqual({
      repo: 'apache/iceberg',
    });
    expect(parsed.container?.publish?.provenance).toBe(false);
    expect(parsed.container?.publish?.image).toBe(
      'ghcr.io/example/data-platform/iceberg-rest',
    );
  });

  describe('refuses, writing nothing', () => {
    it.each([
      [{ slug: '../../etc' }, 'not a path'],
      [{ slug: '/abs' }, 'not a path'],
      [{ slug: 'Upper' }, 'lower case'],
      [{ slug: '_template' }, 'reserved'],
      [{ slug: '' }, 'slug is empty'],
      [{ slug: 'x'.repeat(70) }, 'longer than 63'],
      [{ strategy: 'svn-log' }, 'unknown strategy "svn-log"'],
      [{ current: '1.0\nRUN rm -rf /' }, 'version.current must be a version'],
      [
        { baseImage: 'debian:12"; echo pwned' },
        'baseImage must be an image reference',
      ],
      [{ owner: 'group:x\n| injected |' }, 'owner must be an entity reference'],
      [
        { source: {} },
        'version.source.repo is required by the github-release strategy',
      ],
      [
        { source: { repo: 'a/b', image: 'docker.io/library/x' } },
        'version.source.image is not used',
      ],
      [
        { catalog: { role: 'consumer', type: 'glue' } },
        'catalog.decision is required',
      ],
      [{ name: '!missing.field' }, 'does not validate'],
      [
        { slug: 'trino' },
        'containers/trino already exists in the platform repository',
      ],
    ])('%j', async (overrides, message) => {
      const before = await snapshotTree(workspace);
      const { ctx, done } = run({ ...baseInput, ...overrides });
      await expect(done).rejects.toThrow(message);
      expect(await snapshotTree(workspace)).toEqual(before);
      expect(ctx.output).not.toHaveBeenCalled();
    });

    it('a target path outside the workspace', async () => {
      const { done } = run({ ...baseInput, targetPath: '../elsewhere' });
      await expect(done).rejects.toThrow('outside its parent');
      await expect(
        fs.access(path.join(path.dirname(workspace), 'elsewhere')),
      ).rejects.toThrow('ENOENT');
    });
  });

  describe('guests', () => {
    const asUser = (ref: string) => ({
      getInitiatorCredentials: async () => mockCredentials.user(ref),
      user: { ref },
    });
    const guests = (allowGuests: boolean): GuestPolicy => ({
      allowGuests,
      guestUserRefs: ['user:development/guest', 'user:default/guest'],
    });

    it.each(['user:development/guest', 'user:default/guest'])(
      'refuses the guest %s unless allowGuests, writing nothing and reading no platform',
      async ref => {
        const readTemplate = jest.spyOn(platform, 'readTemplate');
        const { ctx, done } = run(baseInput, asUser(ref), guests(false));
        await expect(done).rejects.toThrow(
          `containers:create: guests may not create containers on this portal (the task was started by ${ref})`,
        );
        expect(await snapshotTree(workspace)).toEqual({});
        expect(readTemplate).not.toHaveBeenCalled();
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );

    it('refuses a task started by a service, not a user', async () => {
      const { done } = run(
        baseInput,
        {
          getInitiatorCredentials: async () =>
            mockCredentials.service('external:ci'),
          user: undefined,
        },
        guests(false),
      );
      await expect(done).rejects.toThrow(
        '(the task was started by the service external:ci)',
      );
    });

    it('refuses guests by default, when no policy is given', async () => {
      const { done } = run(baseInput, asUser('user:development/guest'));
      await expect(done).rejects.toThrow('guests may not create containers');
    });

    it('lets the guest create a container when allowGuests is true', async () => {
      const { ctx, done } = run(
        baseInput,
        asUser('user:default/guest'),
        guests(true),
      );
      await done;
      expect(ctx.output).toHaveBeenCalledWith('slug', 'iceberg-rest');
    });

    it('lets a signed-in user create a container when guests are refused', async () => {
      const { ctx, done } = run(
        baseInput,
        asUser('user:default/jane'),
        guests(false),
      );
      await done;
      expect(ctx.output).toHaveBeenCalledWith('slug', 'iceberg-rest');
    });
  });

  it('renders the same files on a dry run, into the dry-run workspace only', async () => {
    const platformBefore = await snapshotTree(platformRoot);
    const { ctx, done } = run(baseInput, { isDryRun: true });
    await done;
    expect(Object.keys(await snapshotTree(workspace))).toContain(
      'containers/iceberg-rest/container.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/iceberg-rest',
    );
    expect(await snapshotTree(platformRoot)).toEqual(platformBefore);
  });

  it('does not render twice when a task is retried with its checkpoint and workspace', async () => {
    const store = createCheckpointStore();
    const readTemplate = jest.spyOn(platform, 'readTemplate');

    await run(baseInput, { checkpoint: store.checkpoint }).done;
    const afterFirst = await snapshotTree(workspace);
    const second = run(baseInput, { checkpoint: store.checkpoint });
    await second.done;

    expect(readTemplate).toHaveBeenCalledTimes(1);
    expect(store.calls).toEqual([
      'containers.create.iceberg-rest',
      'containers.create.iceberg-rest',
    ]);
    expect(await snapshotTree(workspace)).toEqual(afterFirst);
    expect(second.ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/iceberg-rest',
    );
  });

  it('renders again when a retried task got a fresh workspace', async () => {
    const store = createCheckpointStore();
    await run(baseInput, { checkpoint: store.checkpoint }).done;
    const firstFiles = await snapshotTree(workspace);
    await fs.rm(workspace, { recursive: true });
    await fs.mkdir(workspace);

    await run(baseInput, { checkpoint: store.checkpoint }).done;
    expect(await snapshotTree(workspace)).toEqual(firstFiles);
  });

  it('refuses a workspace that already holds the folder, without a checkpoint', async () => {
    await run(baseInput).done;
    await expect(run(baseInput).done).rejects.toThrow(
      'containers/iceberg-rest already exists in the workspace',
    );
  });

  it('reads the template and existing slugs through the urlReader for a remote platform', async () => {
    const root = 'https://github.com/example/data-platform/tree/main';
    const templateFiles = await fs.readdir(REPO_TEMPLATE_DIR, {
      recursive: true,
      withFileTypes: true,
    });
    const urlReader = mockServices.urlReader.mock({
      readTree: async url => {
        expect(url).toBe(`${root}/containers/_template`);
        const files = templateFiles
          .filter(entry => entry.isFile())
          .map(entry => {
            const full = path.join(entry.parentPath, entry.name);
            return {
              path: path.relative(REPO_TEMPLATE_DIR, full),
              content: () => fs.readFile(full),
            };
          });
        return {
          files: async () => files,
          archive: async () => Readable.from([]),
          dir: async () => REPO_TEMPLATE_DIR,
          etag: 'abc',
        };
      },
      readUrl: async url => {
        if (url === `${root}/containers/taken/container.yaml`) {
          return { buffer: async () => Buffer.from('slug: taken\n') } as any;
        }
        throw new NotFoundError(`${url} not found`);
      },
    });
    platform = new UrlPlatformRepository(root, urlReader);

    await run(baseInput).done;
    const tree = await snapshotTree(
      path.join(workspace, 'containers/iceberg-rest'),
    );
    expect(tree['entrypoint.sh']).toMatch(/ 7[57]5$/);
    expect(tree['tests/smoke.sh']).toMatch(/ 7[57]5$/);

    await expect(run({ ...baseInput, slug: 'taken' }).done).rejects.toThrow(
      `containers/taken already exists in the platform repository (${root})`,
    );
  });
});
