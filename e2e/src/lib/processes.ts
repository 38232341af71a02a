import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { targetPaths } from '@backstage/cli-common';
import { isError } from '@backstage/errors';

/** The repository root (the suites run from it or from e2e/). */
export const REPO_ROOT = targetPaths.rootDir;

/** Where every suite writes its screenshots, pages and logs (ignored by git). */
export const REPORT_DIR = resolve(
  process.env.E2E_REPORT_DIR ?? join(REPO_ROOT, 'e2e-test-report'),
);

const running = new Set<ManagedProcess>();

/** A child process in its own process group, its output in a log file. */
export class ManagedProcess {
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise(done =>
      child.once('exit', code => {
        this.exitCode = code;
        running.delete(this);
        done(code);
      }),
    );
    running.add(this);
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  async log(): Promise<string> {
    return fs.readFile(this.logFile, 'utf8').catch(() => '');
  }

  /** Sends a signal to the whole group (yarn → backstage-cli → node…). */
  signal(signal: NodeJS.Signals): void {
    if (!this.alive || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** SIGTERM, and SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.alive) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Children that outlived their parent.
    this.signal('SIGKILL');
  }

  /** A crash: SIGKILL to every process of the group, no chance to clean up. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /** Rejects as soon as the process exits, for racing against a wait. */
  failOnExit(): Promise<never> {
    return this.exited.then(async code => {
      throw new Error(
        `${this.name} exited (code ${code}) early; last lines of ${
          this.logFile
        }:\n${(await this.log()).split('\n').slice(-30).join('\n')}`,
      );
    });
  }
}

// Never leave a portal or backend behind, whatever happens to the suite.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const p of running) p.signal('SIGKILL');
    process.exit(130);
  });
}
process.once('exit', () => {
  for (const p of running) p.signal('SIGKILL');
});

export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string | undefined>;
  logFile: string;
}): Promise<ManagedProcess> {
  await fs.mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return new ManagedProcess(options.name, child, options.logFile);
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Polls `check` until it returns a value other than undefined/false, or throws after
 * `timeoutMs` with the last error seen.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    abort?: Promise<never>;
  } = {},
): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 500 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  const poll = async (): Promise<T> => {
    for (;;) {
      try {
        const value = await check();
        if (value !== undefined && value !== false) return value as T;
        last = undefined;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}${
            last ? `: ${isError(last) ? last.message : last}` : ''
          }`,
        );
      }
      await sleep(intervalMs);
    }
  };
  return options.abort ? Promise.race([poll(), options.abort]) : poll();
}

export function sleep(ms: number): Promise<void> {
  return new Promise(done => setTimeout(done, ms));
}
