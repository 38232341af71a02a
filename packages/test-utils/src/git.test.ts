import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './files';
import { git, initGitRepository, isolateGitConfig } from './git';

describe('git and initGitRepository', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir('git-test');
    await fs.writeFile(path.join(root, 'README.md'), '# Platform\n');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('commits everything on main as the seed, with a committer for what comes next', () => {
    initGitRepository(root);
    expect(git(root, 'branch', '--show-current')).toBe('main');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(git(root, 'log', '--format=%an <%ae> %s')).toBe(
      'Seed <seed@example.com> seed',
    );
    expect(git(root, 'config', 'user.name')).toBe('Platform Dev');
    expect(git(root, 'config', 'commit.gpgsign')).toBe('false');
  });

  it('leaves the committer unset without identity', () => {
    initGitRepository(root, false);
    expect(() => git(root, 'config', 'user.name')).toThrow();
    expect(git(root, 'log', '--format=%an')).toBe('Seed');
  });

  it('runs git without the global configuration', () => {
    initGitRepository(root);
    expect(git(root, 'config', '--show-origin', '--get', 'user.name')).toBe(
      'file:.git/config\tPlatform Dev',
    );
  });
});

describe('isolateGitConfig', () => {
  const outside = {
    global: process.env.GIT_CONFIG_GLOBAL,
    nosystem: process.env.GIT_CONFIG_NOSYSTEM,
  };

  describe('inside', () => {
    isolateGitConfig();
    it('points git at no global and no system configuration', () => {
      expect(process.env.GIT_CONFIG_GLOBAL).toBe('/dev/null');
      expect(process.env.GIT_CONFIG_NOSYSTEM).toBe('1');
    });
  });

  it('puts the environment back afterwards', () => {
    expect(process.env.GIT_CONFIG_GLOBAL).toBe(outside.global);
    expect(process.env.GIT_CONFIG_NOSYSTEM).toBe(outside.nosystem);
  });
});
