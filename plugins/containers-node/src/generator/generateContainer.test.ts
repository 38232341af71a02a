import fs from 'node:fs/promises';
import path from 'node:path';
import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import { generateContainer } from './generateContainer';
import { NewContainerInputError } from './renderContainer';
import {
  createPlatformCheckout,
  snapshotTree,
  validInput,
} from './__testUtils__/fixtures';

describe('generateContainer', () => {
  let root: string;
  beforeEach(async () => {
    root = await createPlatformCheckout();
  });
  afterEach(async () => {
    await fs.rm(path.dirname(root), { recursive: true, force: true });
  });

  it('writes containers/<slug> with the template files, executables kept executable', async () => {
    const result = await generateContainer({
      rootDir: root,
      input: validInput(),
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
    const result = await generateContainer({
      rootDir: root,
      input: validInput(),
      dryRun: true,
    });
    expect(result.files.length).toBeGreaterThan(0);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses a slug that exists, leaving it untouched', async () => {
    await generateContainer({ rootDir: root, input: validInput() });
    await fs.writeFile(
      path.join(root, 'containers', 'iceberg-rest', 'NOTES'),
      'mine',
    );
    const before = await snapshotTree(root);

    await expect(
      generateContainer({
        rootDir: root,
        input: validInput({ name: 'Other' }),
      }),
    ).rejects.toThrow(
      'containers/iceberg-rest already exists: choose another slug (nothing was written)',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('treats a file or link named like the slug as existing', async () => {
    await fs.writeFile(path.join(root, 'containers', 'taken'), '');
    await fs.symlink('/tmp', path.join(root, 'containers', 'linked'));
    await expect(
      generateContainer({
        rootDir: root,
        input: validInput({ slug: 'taken' }),
      }),
    ).rejects.toThrow('containers/taken already exists');
    await expect(
      generateContainer({
        rootDir: root,
        input: validInput({ slug: 'linked' }),
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
          rootDir: root,
          input: validInput({ slug, ...overrides }),
        }),
      ).rejects.toThrow(NewContainerInputError);

      expect(await snapshotTree(root)).toEqual(before);
      expect((await fs.readdir(parent)).sort()).toEqual(siblingsBefore.sort());
    },
  );

  it('says clearly when the template folder is missing', async () => {
    await fs.rm(path.join(root, 'containers', '_template'), {
      recursive: true,
    });
    await expect(
      generateContainer({ rootDir: root, input: validInput() }),
    ).rejects.toThrow(
      /the template folder .*containers\/_template does not exist/,
    );
  });
});
