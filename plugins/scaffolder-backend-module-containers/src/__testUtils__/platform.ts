import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CheckpointContext } from '@backstage/plugin-scaffolder-node/alpha';
import { JsonValue } from '@backstage/types';

/** This repository's root and its real container template. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const REPO_TEMPLATE_DIR = path.join(
  REPO_ROOT,
  'containers',
  '_template',
);

/** A fresh temporary folder. */
export function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `dockyard-${prefix}-`));
}

/** A platform checkout with the repository's template, a README and one existing container. */
export async function createPlatform(
  options: { readme?: string | false } = {},
) {
  const root = await tempDir('platform');
  await fs.cp(REPO_TEMPLATE_DIR, path.join(root, 'containers', '_template'), {
    recursive: true,
  });
  await fs.cp(
    path.join(REPO_ROOT, 'containers', 'trino'),
    path.join(root, 'containers', 'trino'),
    {
      recursive: true,
    },
  );
  if (options.readme !== false) {
    await fs.writeFile(
      path.join(root, 'README.md'),
      options.readme ?? '# Data platform\n\nOne folder per image.\n',
    );
  }
  return root;
}

/** Runs git in `dir` with a fixed identity and no global or system configuration. */
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

/** Makes `root` a git repository with everything committed on `main`. */
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

/** Every file under `dir` (without .git) with a hash of its content and its mode. */
export async function snapshotTree(
  dir: string,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        result[`${rel}/`] = 'dir';
        await walk(full);
      } else {
        const stat = await fs.lstat(full);
        const hash = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex')
          .slice(0, 16);
        result[rel] = `${hash} ${(stat.mode & 0o777).toString(8)}`;
      }
    }
  };
  await walk(dir);
  return result;
}

/**
 * The scaffolder's checkpoint semantics (NunjucksWorkflowRunner): a key that succeeded before
 * returns its stored value without running `fn` again; a failure is not remembered as success.
 */
export function createCheckpointStore() {
  const state = new Map<string, JsonValue>();
  const calls: string[] = [];
  return {
    state,
    calls,
    async checkpoint<T extends JsonValue | void>(
      opts: CheckpointContext<T>,
    ): Promise<T> {
      calls.push(opts.key);
      if (state.has(opts.key)) return state.get(opts.key) as T;
      const value = await opts.fn();
      state.set(opts.key, JSON.parse(JSON.stringify(value ?? {})));
      return value;
    },
  };
}
