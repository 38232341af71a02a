import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  formatProblem,
  plural,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';
import { CliError, processIo, runAction, type CliIo } from '../lib/context';
import { loadAll, loadPath, type LoadedContainer } from '../lib/containers';

export interface ValidateOptions {
  dir?: string;
  strict?: boolean;
  json?: boolean;
}

async function hasOwnContainerYaml(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, CONTAINER_FILE_NAME)).then(
    s => s.isFile(),
    () => false,
  );
}

/**
 * `dockyard validate [PATH...]`: one `FILE:LINE:COLUMN FIELD MESSAGE` line per problem; exit 0
 * when every file is valid, 1 otherwise (warnings too with --strict).
 */
export async function runValidate(
  paths: string[],
  options: ValidateOptions,
  io: CliIo,
): Promise<number> {
  const { loaded, unreadable } = await loadToValidate(paths, options, io);
  const failed = (c: LoadedContainer) =>
    !c.result.ok || (options.strict === true && c.result.problems.length > 0);

  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        loaded.map(c => ({
          file: c.label,
          ok: !failed(c),
          problems: c.result.problems,
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const container of loaded) {
      for (const problem of container.result.problems) {
        io.stdout.write(`${formatProblem(problem)}\n`);
      }
    }
  }

  if (loaded.length === 0) {
    if (unreadable === 0) io.stderr.write('no container.yaml found\n');
    return 1;
  }
  const bad = loaded.filter(failed).length;
  if (!options.json) {
    io.stderr.write(validationSummary(loaded, bad, options.strict === true));
  }
  return bad === 0 && unreadable === 0 ? 0 : 1;
}

/**
 * The files to check, each once: the container folder the command runs in, else every
 * container of the checkout, else the paths given (a path that cannot be read is reported and
 * counted as `unreadable`).
 */
async function loadToValidate(
  paths: string[],
  options: ValidateOptions,
  io: CliIo,
): Promise<{ loaded: LoadedContainer[]; unreadable: number }> {
  let loaded: LoadedContainer[];
  let unreadable = 0;
  if (
    paths.length === 0 &&
    options.dir === undefined &&
    (await hasOwnContainerYaml(io.cwd))
  ) {
    // In a container folder: that container.
    loaded = await loadPath(io, '.');
  } else if (paths.length === 0) {
    loaded = await loadAll(io, options.dir);
  } else {
    const perPath = await Promise.all(
      paths.map(p =>
        loadPath(io, p).catch(error => {
          if (!(error instanceof CliError)) throw error;
          io.stderr.write(`dockyard validate: ${error.message}\n`);
          unreadable++;
          return [];
        }),
      ),
    );
    loaded = perPath.flat();
  }
  const seen = new Set<string>();
  loaded = loaded.filter(c => !seen.has(c.file) && seen.add(c.file));
  return { loaded, unreadable };
}

/** The last line: how many files are valid, or how many are not and why. */
function validationSummary(
  loaded: LoadedContainer[],
  bad: number,
  strict: boolean,
): string {
  const problems = loaded.flatMap(c => c.result.problems);
  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return bad === 0
    ? `${plural(loaded.length, 'file')} valid${
        warnings ? ` (${plural(warnings, 'warning')})` : ''
      }\n`
    : `${bad} of ${plural(loaded.length, 'file')} ${
        bad === 1 ? 'is' : 'are'
      } not valid: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${
        strict && errors === 0 ? ' (--strict fails on warnings)' : ''
      }\n`;
}

/** Registers `dockyard validate`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'Check container.yaml files: one FILE:LINE:COLUMN FIELD MESSAGE line per problem; exit 0 when every file is valid, 1 otherwise',
    )
    .argument(
      '[paths...]',
      'files or folders (a container folder, a checkout, a containers/ folder); default: every containers/*/container.yaml',
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read when no path is given (default: the current directory)',
    )
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--json', 'print the problems as JSON, one object per file')
    .addHelpText(
      'after',
      `
Examples:
  $ dockyard validate                                  every containers/*/container.yaml
  $ dockyard validate --strict                         warnings fail too (make check)
  $ dockyard validate containers/trino                 one container folder
  $ dockyard validate ../other-platform/containers     another platform's containers
  $ dockyard validate my.container.yaml                any file`,
    )
    .action(async (paths: string[], options: ValidateOptions) => {
      const io = processIo();
      await runAction('validate', io, () => runValidate(paths, options, io));
    });
}
