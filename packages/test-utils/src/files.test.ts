import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { snapshotTree, tempDir } from './files';

describe('tempDir', () => {
  it('makes a new empty folder in the system temporary folder each time', async () => {
    const first = await tempDir('files-test');
    const second = await tempDir('files-test');
    try {
      expect(first).not.toBe(second);
      expect(path.dirname(first)).toBe(os.tmpdir());
      expect(path.basename(first)).toMatch(/^dockyard-files-test-/);
      expect(await fs.readdir(first)).toEqual([]);
    } finally {
      await fs.rm(first, { recursive: true, force: true });
      await fs.rm(second, { recursive: true, force: true });
    }
  });
});

describe('snapshotTree', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('snapshot-test');
    await fs.mkdir(path.join(dir, 'containers', 'app'), { recursive: true });
    await fs.writeFile(path.join(dir, 'containers', 'app', 'run.sh'), 'run\n');
    await fs.chmod(path.join(dir, 'containers', 'app', 'run.sh'), 0o755);
    await fs.writeFile(path.join(dir, 'README.md'), '# Platform\n');
    await fs.mkdir(path.join(dir, '.git'));
    await fs.writeFile(
      path.join(dir, '.git', 'HEAD'),
      'ref: refs/heads/main\n',
    );
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('lists folders, and files with a hash of their bytes and their mode, without .git', async () => {
    const tree = await snapshotTree(dir);
    expect(Object.keys(tree).sort()).toEqual([
      'README.md',
      'containers/',
      'containers/app/',
      'containers/app/run.sh',
    ]);
    expect(tree['containers/']).toBe('dir');
    expect(tree['containers/app/run.sh']).toMatch(/^[0-9a-f]{16} 755$/);
    expect(tree['README.md']).toMatch(/^[0-9a-f]{16} [0-7]{3}$/);
  });

  it('changes when a file changes, appears, goes or changes mode', async () => {
    const before = await snapshotTree(dir);
    expect(await snapshotTree(dir)).toEqual(before);

    await fs.writeFile(path.join(dir, 'README.md'), '# Platform!\n');
    expect(await snapshotTree(dir)).not.toEqual(before);
    await fs.writeFile(path.join(dir, 'README.md'), '# Platform\n');
    expect(await snapshotTree(dir)).toEqual(before);

    await fs.chmod(path.join(dir, 'containers', 'app', 'run.sh'), 0o644);
    expect(await snapshotTree(dir)).not.toEqual(before);
    await fs.chmod(path.join(dir, 'containers', 'app', 'run.sh'), 0o755);

    await fs.mkdir(path.join(dir, 'containers', 'other'));
    expect(await snapshotTree(dir)).not.toEqual(before);
    await fs.rmdir(path.join(dir, 'containers', 'other'));
    expect(await snapshotTree(dir)).toEqual(before);

    await fs.writeFile(path.join(dir, '.git', 'index'), 'changed by git');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('records a symbolic link by its target without following it', async () => {
    await fs.symlink('/nonexistent/target', path.join(dir, 'dangling'));
    await fs.symlink(os.tmpdir(), path.join(dir, 'to-a-folder'));
    const tree = await snapshotTree(dir);
    expect(tree.dangling).toBe('link /nonexistent/target');
    expect(tree['to-a-folder']).toBe(`link ${os.tmpdir()}`);
    expect(tree['to-a-folder/']).toBeUndefined();
  });
});
