import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFieldPosition, buildPathProblems } from './buildPaths';

describe('buildFieldPosition', () => {
  const text = [
    'name: X',
    'build:',
    '  # comment',
    '  args:',
    '    context: not-this-one',
    '  "context": ../..',
    '  dockerfile:',
    '    /etc/passwd',
    'publish:',
    '  context: nor-this-one',
  ].join('\n');

  it("places the value of build's own key, not an arg or another block's key of that name", () => {
    expect(buildFieldPosition(text, 'context')).toEqual({
      line: 6,
      column: 14,
    });
  });

  it('places the key when the value is on the next line', () => {
    expect(buildFieldPosition(text, 'dockerfile')).toEqual({
      line: 7,
      column: 3,
    });
  });

  it('falls back to build:, then to 0:0', () => {
    expect(buildFieldPosition('build: {context: ../..}\n', 'context')).toEqual({
      line: 1,
      column: 1,
    });
    expect(buildFieldPosition('name: X\n', 'context')).toEqual({
      line: 0,
      column: 0,
    });
  });
});

describe('buildPathProblems', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-build-paths-'));
    dir = path.join(root, 'containers', 'alpha');
    await fs.mkdir(path.join(dir, 'sub'), { recursive: true });
    await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const problems = (build: Record<string, string>) =>
    buildPathProblems({
      resolved: { build } as any,
      dir,
      label: 'containers/alpha/container.yaml',
      text: `build:\n${Object.entries(build)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}\n`,
    }).then(found => found.map(p => `${p.line} ${p.path} ${p.message}`));

  it('accepts the folder, a subfolder, and paths that do not exist yet', async () => {
    expect(await problems({})).toEqual([]);
    expect(await problems({ context: '.', dockerfile: 'Dockerfile' })).toEqual(
      [],
    );
    expect(
      await problems({ context: 'sub', dockerfile: 'sub/../new/Dockerfile' }),
    ).toEqual([]);
  });

  it('refuses an absolute path and a climb out of the folder', async () => {
    expect(
      await problems({ context: '../..', dockerfile: '/etc/passwd' }),
    ).toEqual([
      `2 build.context "../.." climbs out of the folder with '..': it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
      '3 build.dockerfile "/etc/passwd" is an absolute path: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)',
    ]);
  });

  it('follows symbolic links: a subfolder or Dockerfile that leads outside is refused', async () => {
    await fs.symlink(root, path.join(dir, 'up'));
    await fs.rm(path.join(dir, 'Dockerfile'));
    await fs.writeFile(path.join(root, 'Dockerfile.outside'), 'FROM x\n');
    await fs.symlink(
      path.join(root, 'Dockerfile.outside'),
      path.join(dir, 'Dockerfile'),
    );
    const realRoot = await fs.realpath(root);
    expect(await problems({ context: 'up' })).toEqual([
      `2 build.context "up" leads to ${realRoot} through a symbolic link: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
      // The default Dockerfile, not written in the file: placed at build:.
      `1 build.dockerfile "Dockerfile" leads to ${path.join(
        realRoot,
        'Dockerfile.outside',
      )} through a symbolic link: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
    ]);
    // Below a link that leads out, a path that does not exist yet is outside too.
    expect(await problems({ dockerfile: 'up/missing/Dockerfile' })).toEqual([
      `2 build.dockerfile "up/missing/Dockerfile" leads to ${path.join(
        realRoot,
        'missing/Dockerfile',
      )} through a symbolic link: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)`,
    ]);
  });

  it('refuses a link that cannot be followed', async () => {
    await fs.symlink(path.join(root, 'nowhere'), path.join(dir, 'dangling'));
    expect(await problems({ context: 'dangling' })).toEqual([
      '2 build.context "dangling" goes through a symbolic link that cannot be followed: it must stay inside the container folder (a path relative to it, e.g. . or Dockerfile)',
    ]);
  });

  it('accepts a link that stays inside the folder, and a container folder that is itself a link', async () => {
    await fs.symlink(path.join(dir, 'sub'), path.join(dir, 'alias'));
    expect(await problems({ context: 'alias' })).toEqual([]);
    const linked = path.join(root, 'linked');
    await fs.symlink(dir, linked);
    const found = await buildPathProblems({
      resolved: { build: { context: 'sub' } } as any,
      dir: linked,
      label: 'x',
      text: '',
    });
    expect(found).toEqual([]);
  });
});
