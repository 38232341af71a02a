import path from 'node:path';

/** Where a command reads, and where it writes (tests give their own). */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  /** `isTTY` when it is a terminal: progress is shown only there. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The user's working directory: relative paths and the default folder resolve against it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The user's working directory. `yarn dockyard` runs the package script in packages/cli, and
 * yarn sets INIT_CWD to where the user typed the command.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

/** The io of the running process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: userCwd(),
    env: process.env,
  };
}

/** A path as the user should see it: relative to their working directory when inside it. */
export function displayPath(io: CliIo, file: string): string {
  return path.relative(io.cwd, file) || '.';
}

/** A failure the command reports in one line and exits with. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** Runs a command action: sets the exit code, reports a CliError in one line. */
export async function runAction(
  name: string,
  io: CliIo,
  action: () => Promise<number>,
): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`dockyard ${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}
