import fs from 'node:fs/promises';
import path from 'node:path';
import { readTemplateFolder, writeNewContainer } from './files';
import { RenderedContainer } from './types';
import { snapshotTree } from '@dockyard/test-utils';
import { createPlatformCheckout } from './__testUtils__/fixtures';

function rendered(files: RenderedContainer['files']): RenderedContainer {
  return {
    slug: 'demo',
    entityRef: 'component:default/demo',
    files,
    warnings: [],
  };
}

describe('template files', () => {
  let root: string;
  beforeEach(async () => {
    root = await createPlatformCheckout();
  });
  afterEach(async () => {
    await fs.rm(path.dirname(root), { recursive: true, force: true });
  });

  it('reads a template folder with paths, contents and executable bits', async () => {
    const files = await readTemplateFolder(
      path.join(root, 'containers', '_template'),
    );
    expect(files.map(f => [f.path, f.executable])).toEqual([
      ['container.yaml', false],
      ['Dockerfile', false],
      ['entrypoint.sh', true],
      ['README.md', false],
      ['tests/smoke.sh', true],
    ]);
  });

  it('refuses a template with a symbolic link', async () => {
    await fs.symlink(
      '/etc/passwd',
      path.join(root, 'containers', '_template', 'passwd'),
    );
    await expect(
      readTemplateFolder(path.join(root, 'containers', '_template')),
    ).rejects.toThrow(
      'passwd: the template folder must not contain symbolic links',
    );
  });

  it('refuses file paths that leave the container folder before writing anything', async () => {
    const before = await snapshotTree(root);
    await expect(
      writeNewContainer(
        rendered([
          { path: 'ok.txt', content: 'fine', executable: false },
          { path: '../../escaped.txt', content: 'bad', executable: false },
        ]),
        path.join(root, 'containers'),
      ),
    ).rejects.toThrow(
      'Relative path is not allowed to refer to a directory outside its parent',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('removes the half-written folder when a write fails', async () => {
    const before = await snapshotTree(root);
    await expect(
      writeNewContainer(
        rendered([
          { path: 'a.txt', content: 'one', executable: false },
          { path: 'a.txt', content: 'twice', executable: false },
        ]),
        path.join(root, 'containers'),
      ),
    ).rejects.toThrow(/EEXIST/);
    expect(await snapshotTree(root)).toEqual(before);
  });
});
