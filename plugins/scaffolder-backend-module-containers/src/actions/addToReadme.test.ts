import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  README_BLOCK_BEGIN,
  README_BLOCK_END,
} from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LocalPlatformRepository, PlatformRepository } from '../platform';
import { snapshotTree, tempDir } from '@dockyard/test-utils';
import { createPlatform } from '../__testUtils__/platform';
import { createContainersAddToReadmeAction } from './addToReadme';
import { createContainersCreateAction } from './create';

describe('containers:add-to-readme', () => {
  let platformRoot: string;
  let workspace: string;
  let platform: PlatformRepository;

  async function render(slug: string, name: string) {
    const ctx = createMockActionContext({
      input: {
        slug,
        name,
        summary: `${name}: what it runs | with a pipe`,
        owner: 'group:default/data-platform-team',
        strategy: 'manual',
        current: '1.0.0',
      } as any,
      workspacePath: workspace,
    });
    await createContainersCreateAction({ platform: () => platform }).handler(
      ctx as any,
    );
  }

  async function addToReadme(
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
      }),
      ...extra,
    };
    await createContainersAddToReadmeAction({
      platform: () => platform,
    }).handler(ctx as any);
    return ctx;
  }

  const readme = () => fs.readFile(path.join(workspace, 'README.md'), 'utf8');

  beforeEach(async () => {
    platformRoot = await createPlatform();
    workspace = await tempDir('workspace');
    platform = new LocalPlatformRepository(platformRoot);
  });
  afterEach(async () => {
    await fs.rm(platformRoot, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it("takes the platform's README into the workspace and lists the container", async () => {
    await render('kafka-connect', 'Kafka Connect');
    const ctx = await addToReadme({ slug: 'kafka-connect' });

    const text = await readme();
    expect(
      text.startsWith(
        '# Data platform\n\nOne folder per image.\n\n## Containers\n',
      ),
    ).toBe(true);
    expect(text).toContain(README_BLOCK_BEGIN);
    expect(text).toContain(
      '| [Kafka Connect](containers/kafka-connect/) | Kafka Connect: what it runs \\| with a pipe | 1.0.0 | manual |',
    );
    expect(text).toContain(README_BLOCK_END);
    expect(ctx.output).toHaveBeenCalledWith('readmePath', 'README.md');
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    // The platform's own README is not touched.
    expect(
      await fs.readFile(path.join(platformRoot, 'README.md'), 'utf8'),
    ).toBe('# Data platform\n\nOne folder per image.\n');
  });

  it('is idempotent: a second run changes nothing', async () => {
    await render('kafka-connect', 'Kafka Connect');
    await addToReadme({ slug: 'kafka-connect' });
    const once = await readme();
    const ctx = await addToReadme({ slug: 'kafka-connect' });
    expect(await readme()).toBe(once);
    expect(ctx.output).toHaveBeenCalledWith('changed', false);
  });

  it('keeps the other rows of the block, sorted by slug', async () => {
    await render('zookeeper', 'ZooKeeper');
    await render('atlas', 'Apache Atlas');
    await addToReadme({ slug: 'zookeeper' });
    await addToReadme({ slug: 'atlas' });
    const rows = (await readme())
      .split('\n')
      .filter(line => line.startsWith('| ['));
    expect(rows.map(row => row.slice(0, row.indexOf(')') + 1))).toEqual([
      '| [Apache Atlas](containers/atlas/)',
      '| [ZooKeeper](containers/zookeeper/)',
    ]);
  });

  it('starts a README when the platform has none', async () => {
    await fs.rm(path.join(platformRoot, 'README.md'));
    await render('kafka-connect', 'Kafka Connect');
    await addToReadme({ slug: 'kafka-connect' });
    expect(
      (await readme()).startsWith(`## Containers\n\n${README_BLOCK_BEGIN}\n`),
    ).toBe(true);
  });

  it('writes to another README path when asked', async () => {
    await render('kafka-connect', 'Kafka Connect');
    await addToReadme({ slug: 'kafka-connect', readmePath: 'docs/images.md' });
    const text = await fs.readFile(
      path.join(workspace, 'docs/images.md'),
      'utf8',
    );
    expect(text).toContain('(containers/kafka-connect/)');
  });

  it.each([
    [{ slug: '../x' }, 'not a path'],
    [
      { slug: 'absent' },
      'containers/absent/container.yaml is not in the workspace: run containers:create first',
    ],
    [
      { slug: 'kafka-connect', readmePath: '../../README.md' },
      'outside its parent',
    ],
    [{ slug: 'kafka-connect', sourcePath: '../..' }, 'outside its parent'],
  ])('refuses %j and writes nothing', async (input, message) => {
    await render('kafka-connect', 'Kafka Connect');
    const before = await snapshotTree(workspace);
    await expect(addToReadme(input)).rejects.toThrow(message);
    expect(await snapshotTree(workspace)).toEqual(before);
  });

  it('refuses a container.yaml that was broken after rendering', async () => {
    await render('kafka-connect', 'Kafka Connect');
    await fs.appendFile(
      path.join(workspace, 'containers/kafka-connect/container.yaml'),
      'bogus: 1\n',
    );
    await expect(addToReadme({ slug: 'kafka-connect' })).rejects.toThrow(
      /containers\/kafka-connect\/container.yaml does not validate:\n {2}- .*bogus/,
    );
  });
});
