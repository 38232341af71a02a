import { execFileSync } from 'node:child_process';

/**
 * Runs git in `dir` without this machine's global or system configuration, in the C locale (so
 * messages are git's English ones), and returns its output without the final newline.
 */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      LC_ALL: 'C',
    },
  }).trimEnd();
}

/**
 * Makes `root` a git repository with everything committed on `main`. With `identity` (the
 * default) the repository has a committer of its own, as a developer's checkout does; without,
 * a test can show what happens when git knows no one.
 */
export function initGitRepository(root: string, identity = true) {
  git(root, 'init', '-q', '-b', 'main');
  if (identity) {
    git(root, 'config', 'user.name', 'Platform Dev');
    git(root, 'config', 'user.email', 'dev@example.com');
  }
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'add', '-A');
  git(
    root,
    '-c',
    'user.name=Seed',
    '-c',
    'user.email=seed@example.com',
    'commit',
    '-q',
    '-m',
    'seed',
  );
}

/**
 * Keeps this machine's git configuration out of the git that the code under test runs: while
 * the calling file's (or describe block's) tests run, `GIT_CONFIG_GLOBAL` is `/dev/null` and
 * `GIT_CONFIG_NOSYSTEM` is set; the environment is put back afterwards. Call it where `beforeAll`
 * may be called, not inside a test.
 */
export function isolateGitConfig(): void {
  const savedEnv = { ...process.env };
  beforeAll(() => {
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  afterAll(() => {
    process.env = savedEnv;
  });
}
