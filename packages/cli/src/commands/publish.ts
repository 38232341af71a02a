import type { Command } from 'commander';
import { registerBuildLikeCommand } from '../lib/buildCommand';

/** Registers `dockyard publish SLUG`. */
export function registerPublishCommand(program: Command): void {
  registerBuildLikeCommand(program, 'publish');
}
