import type { Command } from 'commander';
import { registerBuildLikeCommand } from '../lib/buildCommand';

/** Registers `dockyard build SLUG`. */
export function registerBuildCommand(program: Command): void {
  registerBuildLikeCommand(program, 'build');
}
