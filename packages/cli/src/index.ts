/**
 * The dockyard command: validate, list, show, build and publish the platform's containers.
 *
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { registerBuildCommand } from './commands/build';
import { registerBumpCommand } from './commands/bump';
import { registerDriftCommand } from './commands/drift';
import { registerListCommand } from './commands/list';
import { registerNewCommand } from './commands/new';
import { registerPublishCommand } from './commands/publish';
import { registerReadmeCommand } from './commands/readme';
import { registerShowCommand } from './commands/show';
import { registerValidateCommand } from './commands/validate';
import { version } from '../package.json';

/** Exit code of a usage error (unknown option, missing argument). */
export const USAGE_EXIT_CODE = 2;

/** The dockyard program with every command (one file per command in src/commands/). */
export function createProgram(): Command {
  const program = new Command('dockyard')
    .description(
      'Work with the platform containers (containers/<slug>/container.yaml) from the command line',
    )
    .version(version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  registerValidateCommand(program);
  registerListCommand(program);
  registerShowCommand(program);
  registerNewCommand(program);
  registerReadmeCommand(program);
  registerBuildCommand(program);
  registerPublishCommand(program);
  registerDriftCommand(program);
  registerBumpCommand(program);

  return program;
}

/** Runs the program on argv (as process.argv) and sets process.exitCode. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
      return;
    }
    process.stderr.write(
      `dockyard: ${
        error instanceof Error ? error.stack ?? error.message : String(error)
      }\n`,
    );
    process.exitCode = 1;
  }
}
