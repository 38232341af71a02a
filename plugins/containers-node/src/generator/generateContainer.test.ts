import fs from 'node:fs/promises';
import path from 'node:path';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import { snapshotTree } from '@dockyard/test-utils';
import { generateContainer } from './generateContainer';
import { ContainerPlatform, LocalContainerPlatform } from './platform';
import { NewContainerInputError } from './renderContainer';
import { createPlatformCheckout, validInput } from './__testUtils__/fixtures';

describe('generateContainer', () => {
  let root: string;
  let platform: ContainerPlatform;
  beforeEach(async () => {
    root = await createPlatformCheckout();
    platform = new LocalContainerPlatform(root);
  });
  afterEach(async () => {
    await fs.rm(path.dirname(root), { recursive: true, force: true });
  });

  /** The checkout's own containers folder, as dockyard new writes it. */
  const checkout = () => ({ containersDir: path.join(root, 'containers') });

  it('writes containers/<slug> with the template files, executables kept executable', async () => {
    const result = await generateContainer({
      platform,
      input: validInput(),
      write: checkout(),
    });

    expect(result.folder).toBe('containers/iceberg-rest');
    expect(result.path).toBe(path.join(root, 'containers', 'iceberg-rest'));
    const tree = await snapshotTree(result.path);
    expect(Object.keys(tree).sort()).toEqual([
      'Dockerfile',
      'README.md',
      'container.yaml',
      'entrypoint.sh',
      'tests/',
      'tests/smoke.sh',
    ]);
    expect(tree['entrypoint.sh']).toMatch(/ 7[57]5$/);
    expect(tree['tests/smoke.sh']).toMatch(/ 7[57]5$/);
    expect(tree.Dockerfile).not.toMatch(/ 7\d\d$/);

    const text = await fs.readFile(
      path.join(result.path, 'container.yaml'),
      'utf8',
    );
    expect(
      parseContainerYaml(text, {
        file: 'container.yaml',
        folderName: 'iceberg-rest',
      }).ok,
    ).toBe(true);
  });

  it('writes nothing on a dry run', async () => {
    const before = await snapshotTree(root);
    const result = await generateContainer({ platform, input: validInput() });
    expect(result.files.length).toBeGreaterThan(0);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses a slug that exists, leaving it untouched', async () => {
    await generateContainer({
      platform,
      input: validInput(),
      write: checkout(),
    });
    await fs.writeFile(
      path.join(root, 'containers', 'iceberg-rest', 'NOTES'),
      'mine',
    );
    const before = await snapshotTree(root);

    await expect(
      generateContainer({
        platform,
        input: validInput({ name: 'Other' }),
        write: checkout(),
      }),
    ).rejects.toThrow(
      `containers/iceberg-rest already exists in the platform repository (${root}): choose another slug (nothing was written)`,
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('treats a file or link named like the slug as existing', async () => {
    await fs.writeFile(path.join(root, 'containers', 'taken'), '');
    await fs.symlink('/tmp', path.join(root, 'containers', 'linked'));
    await expect(
      generateContainer({
        platform,
        input: validInput({ slug: 'taken' }),
        write: checkout(),
      }),
    ).rejects.toThrow('containers/taken already exists');
    await expect(
      generateContainer({
        platform,
        input: validInput({ slug: 'linked' }),
        write: checkout(),
      }),
    ).rejects.toThrow('containers/linked already exists');
  });

  it.each([
    ['../outside', {}],
    ['/tmp/absolute', {}],
    ['_template', {}],
    ['ok-slug', { baseImage: 'debian:12\nUSER root' }],
    ['ok-slug', { version: { strategy: 'bogus', current: '1' } }],
    ['ok-slug', { name: '!no.such.field' }],
  ])(
    'writes nothing anywhere for the slug %j with %j',
    async (slug, overrides) => {
      const parent = path.dirname(root);
      const siblingsBefore = await fs.readdir(parent);
      const before = await snapshotTree(root);

      await expect(
        generateContainer({
          platform,
          input: validInput({ slug, ...overrides }),
          write: checkout(),
        }),
      ).rejects.toThrow(NewContainerInputError);

      expect(await snapshotTree(root)).toEqual(before);
      expect((await fs.readdir(parent)).sort()).toEqual(siblingsBefore.sort());
    },
  );

  it('checks the inputs before the platform is asked anything', async () => {
    const remote: ContainerPlatform = {
      location: 'https://github.com/example/data-platform/tree/main',
      containerExists: jest.fn(async () => false),
      readTemplate: jest.fn(async () => []),
    };
    const error = await generateContainer({
      platform: remote,
      input: validInput({ slug: '../../x', owner: 'team | x' }),
    }).catch(e => e);
    expect(error).toBeInstanceOf(NewContainerInputError);
    expect(error.problems).toEqual([
      'slug "../../x" must be a single folder name, not a path',
      'owner must be an entity reference such as group:default/data-platform-team',
    ]);
    expect(remote.containerExists).not.toHaveBeenCalled();
    expect(remote.readTemplate).not.toHaveBeenCalled();
  });

  it('renders from one platform into another folder, refusing a slug either has', async () => {
    const workspace = await fs.mkdtemp(path.join(path.dirname(root), 'ws-'));
    const platformBefore = await snapshotTree(root);
    const write = {
      containersDir: path.join(workspace, 'containers'),
      holder: 'the workspace',
    };
    const result = await generateContainer({
      platform,
      input: validInput(),
      write,
    });
    expect(result.folder).toBe('containers/iceberg-rest');
    expect(result.path).toBe(path.join(workspace, 'containers/iceberg-rest'));
    expect(await snapshotTree(root)).toEqual(platformBefore);

    await expect(
      generateContainer({ platform, input: validInput(), write }),
    ).rejects.toThrow(
      'containers/iceberg-rest already exists in the workspace: choose another slug (nothing was written)',
    );
    await fs.mkdir(path.join(root, 'containers', 'kafka'));
    await expect(
      generateContainer({
        platform,
        input: validInput({ slug: 'kafka' }),
        write,
      }),
    ).rejects.toThrow(
      `containers/kafka already exists in the platform repository (${root})`,
    );
    expect(await fs.readdir(write.containersDir)).toEqual(['iceberg-rest']);
  });

  it('says clearly when the template folder is missing', async () => {
    await fs.rm(path.join(root, 'containers', '_template'), {
      recursive: true,
    });
    await expect(
      generateContainer({ platform, input: validInput(), write: checkout() }),
    ).rejects.toThrow(
      /the template folder .*containers\/_template does not exist/,
    );
  });
});
