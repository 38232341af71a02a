import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** A commit identity. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** Used when neither the task, the config nor the checkout names anyone. */
export const FALLBACK_IDENTITY: GitIdentity = {
  name: 'Dockyard',
  email: 'dockyard@localhost',
};

class GitCommandError extends Error {
  name = 'GitCommandError';
}

function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      args,
      {
        cwd,
        // Never prompt, and read git's own messages in English for the log.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          fail(
            error.code === 'ENOENT'
              ? new GitCommandError('git is not installed on the backend host')
              : error,
          );
          return;
        }
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The git work tree of a local platform checkout, driven through the git command line so every
 * repository layout (worktrees, submodules, packed refs) behaves as it does for the developer.
 */
export class GitCheckout {
  private constructor(readonly dir: string) {}

  /** The checkout at `dir`, or undefined when `dir` is not inside a git work tree. */
  static async open(dir: string): Promise<GitCheckout | undefined> {
    const result = await git(dir, ['rev-parse', '--is-inside-work-tree']);
    if (result.code !== 0 || result.stdout.trim() !== 'true') {
      return undefined;
    }
    return new GitCheckout(dir);
  }

  private async run(
    args: string[],
    env?: Record<string, string>,
  ): Promise<string> {
    const result = await git(this.dir, args, env);
    if (result.code !== 0) {
      throw new GitCommandError(
        `git ${args.join(' ')} failed: ${(
          result.stderr || result.stdout
        ).trim()}`,
      );
    }
    return result.stdout.trim();
  }

  /** A merge, rebase, cherry-pick, revert or bisect that is under way, if any. */
  async operationInProgress(): Promise<string | undefined> {
    const markers: Array<[string, string]> = [
      ['MERGE_HEAD', 'a merge'],
      ['rebase-merge', 'a rebase'],
      ['rebase-apply', 'a rebase'],
      ['CHERRY_PICK_HEAD', 'a cherry-pick'],
      ['REVERT_HEAD', 'a revert'],
      ['BISECT_LOG', 'a bisect'],
    ];
    for (const [marker, operation] of markers) {
      const path = await this.run(['rev-parse', '--git-path', marker]);
      if (existsSync(isAbsolute(path) ? path : resolve(this.dir, path))) {
        return operation;
      }
    }
    return undefined;
  }

  /** Why `name` cannot be a new branch here, or undefined when it can. */
  async branchProblem(name: string): Promise<string | undefined> {
    const format = await git(this.dir, ['check-ref-format', '--branch', name]);
    if (format.code !== 0) {
      return `"${name}" is not a valid branch name`;
    }
    const exists = await git(this.dir, [
      'show-ref',
      '--verify',
      '--quiet',
      `refs/heads/${name}`,
    ]);
    return exists.code === 0 ? `the branch ${name} already exists` : undefined;
  }

  /** Why `name` is not a valid branch name, or undefined when it is (existing or not). */
  async branchNameProblem(name: string): Promise<string | undefined> {
    const format = await git(this.dir, ['check-ref-format', '--branch', name]);
    return format.code === 0
      ? undefined
      : `"${name}" is not a valid branch name`;
  }

  /** The commit a local branch points at, or undefined when there is no such branch. */
  async branchHead(name: string): Promise<string | undefined> {
    const result = await git(this.dir, [
      'rev-parse',
      '--verify',
      '-q',
      `refs/heads/${name}^{commit}`,
    ]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** How many commits `branch` has that HEAD has not. */
  async commitsAheadOfHead(branch: string): Promise<number> {
    return Number(
      await this.run(['rev-list', '--count', `HEAD..refs/heads/${branch}`]),
    );
  }

  /** The files `branch` changed since it left HEAD's history (`git diff HEAD...branch`). */
  async pathsChangedOnBranch(branch: string): Promise<string[]> {
    const out = await this.run([
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      `HEAD...refs/heads/${branch}`,
      '--',
    ]);
    return out.split('\0').filter(Boolean);
  }

  /**
   * Points `branch` (new or existing) at HEAD and checks it out. As with
   * {@link createAndSwitch}, the working tree and the index are not touched.
   */
  async resetAndSwitch(branch: string): Promise<void> {
    await this.run(['checkout', '-q', '-B', branch]);
  }

  /**
   * Switches back to `ref` and puts `branch` back where it was (undo of {@link resetAndSwitch});
   * deletes it when it did not exist (`previousHead` undefined).
   */
  async switchBackAndRestore(
    ref: string,
    branch: string,
    previousHead: string | undefined,
  ): Promise<void> {
    if (ref !== branch) await this.run(['checkout', '-q', ref]);
    if (previousHead === undefined) {
      await this.run(['branch', '-q', '-D', branch]);
    } else if (ref === branch) {
      await this.run(['reset', '-q', '--soft', previousHead]);
    } else {
      await this.run(['branch', '-q', '-f', branch, previousHead]);
    }
  }

  /** The branch checked out, or undefined on a detached HEAD. */
  async currentBranch(): Promise<string | undefined> {
    const result = await git(this.dir, [
      'symbolic-ref',
      '--short',
      '-q',
      'HEAD',
    ]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** The commit checked out, or undefined in a repository without commits. */
  async head(): Promise<string | undefined> {
    const result = await git(this.dir, ['rev-parse', '--verify', '-q', 'HEAD']);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** Whether `path` differs from HEAD (staged, unstaged or untracked). */
  async hasChanges(path: string): Promise<boolean> {
    return (await this.run(['status', '--porcelain', '--', path])) !== '';
  }

  /** Whether git ignores `path` (so it could not be committed). */
  async isIgnored(path: string): Promise<boolean> {
    const result = await git(this.dir, [
      'check-ignore',
      '-q',
      '--no-index',
      '--',
      path,
    ]);
    return result.code === 0;
  }

  /** Whether `path` is tracked. */
  async isTracked(path: string): Promise<boolean> {
    const result = await git(this.dir, [
      'ls-files',
      '--error-unmatch',
      '--',
      path,
    ]);
    return result.code === 0;
  }

  /** The checkout's configured identity, if it has one. */
  async configuredIdentity(): Promise<GitIdentity | undefined> {
    const name = await git(this.dir, ['config', 'user.name']);
    const email = await git(this.dir, ['config', 'user.email']);
    const identity = { name: name.stdout.trim(), email: email.stdout.trim() };
    return identity.name && identity.email ? identity : undefined;
  }

  /**
   * Creates `branch` at HEAD and checks it out. The working tree and the index are not touched,
   * so uncommitted work stays exactly as it was.
   */
  async createAndSwitch(branch: string): Promise<void> {
    await this.run(['checkout', '-q', '-b', branch]);
  }

  /** Switches back to `ref` and deletes `branch` (undo of {@link createAndSwitch}). */
  async switchBackAndDelete(ref: string, branch: string): Promise<void> {
    await this.run(['checkout', '-q', ref]);
    await this.run(['branch', '-q', '-D', branch]);
  }

  /**
   * Commits exactly `paths`: anything else the developer has staged stays staged and out of the
   * commit. Hooks are skipped and signing is off, as this runs unattended in the backend.
   *
   * @returns the new commit
   */
  async commitPaths(
    paths: string[],
    message: string,
    author: GitIdentity,
    committer: GitIdentity,
  ): Promise<string> {
    await this.run(['add', '--', ...paths]);
    await this.run(
      [
        '-c',
        'commit.gpgsign=false',
        'commit',
        '-q',
        '--no-verify',
        '-m',
        message,
        '--',
        ...paths,
      ],
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
      },
    );
    return this.run(['rev-parse', 'HEAD']);
  }

  /** Puts the index entries of `paths` back as they are in HEAD (after a failed commit). */
  async unstage(paths: string[]): Promise<void> {
    if (await this.head()) {
      await git(this.dir, ['reset', '-q', '--', ...paths]);
    } else {
      await git(this.dir, [
        'rm',
        '-r',
        '-q',
        '--cached',
        '--ignore-unmatch',
        '--',
        ...paths,
      ]);
    }
  }
}
