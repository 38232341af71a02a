import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  formatProblem,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import {
  CliError,
  displayPath,
  processIo,
  runAction,
  type CliIo,
} from './context';
import { buildPathProblems } from './buildPaths';
import { loadOne, type LoadedContainer } from './containers';
import {
  buildPlan,
  requireDockerEngine,
  requireProgram,
  resolveRevision,
  runCommands,
} from './docker';
import { shellJoin } from './shell';

export interface BuildOptions {
  dir?: string;
  dryRun?: boolean;
  revision?: string;
  platform?: string;
  load?: boolean;
  sign?: boolean;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * `dockyard build SLUG` / `dockyard publish SLUG`: the docker buildx commands the container's
 * metadata implies; printed with --dry-run, else run when a Docker engine answers.
 */
export async function runBuild(
  kind: 'build' | 'publish',
  slug: string,
  options: BuildOptions,
  io: CliIo,
): Promise<number> {
  const container = await loadOne(io, slug, options.dir);
  const resolved = requireValid(io, container);
  const push = kind === 'publish';
  const platforms = checkedPlatforms(push, options, container, resolved);
  // Before anything runs (git included) or is printed: the paths docker would be given.
  await refuseEscapingPaths(io, container, resolved);

  const revision = resolveRevision(io, container.dir, options.revision);
  const plan = buildPlan({
    resolved,
    dir: container.dir,
    cwd: io.cwd,
    revision,
    push,
    platforms,
    load: options.load,
    sign: options.sign,
  });
  if (!resolved.publish?.image) {
    io.stderr.write(
      `note: ${container.label} has no publish.image, so the image is built without tags\n`,
    );
  }

  const missing = await missingBuildInputs(io, container, resolved);
  if (options.dryRun) {
    for (const what of missing) {
      io.stderr.write(`warning: ${what} does not exist\n`);
    }
    for (const command of plan.commands) {
      io.stdout.write(`${shellJoin(command)}\n`);
    }
    return 0;
  }
  if (missing.length > 0) {
    throw new CliError(`${missing.join(' and ')} not found`);
  }
  requireTools(io, plan.commands);
  return runCommands(io, plan.commands);
}

/** The container with its tokens resolved; its problems printed and a refusal when invalid. */
function requireValid(io: CliIo, container: LoadedContainer): ContainerSpec {
  const { result } = container;
  if (!result.ok || !result.resolved) {
    for (const problem of result.problems) {
      io.stderr.write(`${formatProblem(problem)}\n`);
    }
    throw new CliError(
      `${container.label} is not valid; fix the problems above first`,
    );
  }
  return result.resolved;
}

/**
 * The platforms of `--platform` (undefined: build.platforms), once the options fit the
 * container: a publish needs publish.image, and `--load` a single platform.
 */
function checkedPlatforms(
  push: boolean,
  options: BuildOptions,
  container: LoadedContainer,
  resolved: ContainerSpec,
): string[] | undefined {
  if (push && !resolved.publish?.image) {
    throw new CliError(
      `${container.label} has no publish.image: nothing to publish (set publish.image, e.g. ghcr.io/example/data-platform/${resolved.slug})`,
    );
  }
  const platforms = options.platform
    ?.split(',')
    .map(p => p.trim())
    .filter(Boolean);
  if (
    options.load &&
    (platforms ?? resolved.build?.platforms ?? []).length > 1
  ) {
    throw new CliError(
      '--load needs a single platform: add --platform linux/amd64 (the local image store holds one)',
    );
  }
  return platforms;
}

/** Refuses a build whose context or Dockerfile (links followed) lies outside the container folder. */
async function refuseEscapingPaths(
  io: CliIo,
  container: LoadedContainer,
  resolved: ContainerSpec,
) {
  const escapes = await buildPathProblems({
    resolved,
    dir: container.dir,
    label: container.label,
    text: await fs.readFile(container.file, 'utf8'),
  });
  if (escapes.length > 0) {
    for (const problem of escapes) {
      io.stderr.write(`${formatProblem(problem)}\n`);
    }
    throw new CliError(
      `${container.label}: the build would read outside the container folder; nothing was built`,
    );
  }
}

/** The build context and Dockerfile, as messages name them, when they do not exist. */
async function missingBuildInputs(
  io: CliIo,
  container: LoadedContainer,
  resolved: ContainerSpec,
): Promise<string[]> {
  const dockerfile = path.resolve(
    container.dir,
    resolved.build?.dockerfile ?? 'Dockerfile',
  );
  const context = path.resolve(container.dir, resolved.build?.context ?? '.');
  return [
    ...((await exists(context))
      ? []
      : [`build context ${displayPath(io, context)}`]),
    ...((await exists(dockerfile))
      ? []
      : [`Dockerfile ${displayPath(io, dockerfile)}`]),
  ];
}

/** A Docker engine, and cosign when the commands sign. */
function requireTools(io: CliIo, commands: string[][]) {
  requireDockerEngine(io);
  if (commands.some(([program]) => program === 'cosign')) {
    requireProgram(
      io,
      'cosign',
      'install it (https://docs.sigstore.dev), pass --no-sign, or set publish.signing.method: none',
    );
  }
}

/** Registers `dockyard build` or `dockyard publish`. */
export function registerBuildLikeCommand(
  program: Command,
  kind: 'build' | 'publish',
): void {
  const command = program
    .command(kind)
    .argument(
      '<slug>',
      'the container: its folder name under containers/ (or a path to its folder)',
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read (default: the current directory)',
    )
    .option(
      '--dry-run',
      'print the commands, one per line, without running them',
    )
    .option(
      '--revision <commit>',
      'git revision for the sha- tag (default: git rev-parse HEAD of the container folder)',
    )
    .option(
      '--platform <platforms>',
      'comma-separated platforms instead of build.platforms (e.g. linux/amd64)',
    );
  if (kind === 'build') {
    command
      .description(
        'Build a container image with docker buildx: the platforms, build args, labels, tags and attestations its container.yaml implies',
      )
      .option(
        '--load',
        'load the image into the local image store (one platform)',
      )
      .addHelpText(
        'after',
        `
Examples:
  $ dockyard build trino --dry-run           print the docker buildx command
  $ dockyard build trino                     build it (needs a Docker engine)
  $ dockyard build trino --platform linux/amd64 --load`,
      );
  } else {
    command
      .description(
        'Build and push a container image to publish.image and every publish.targets[] image, then sign it with cosign when publish.signing says so',
      )
      .option('--no-sign', 'do not run cosign sign after the push')
      .addHelpText(
        'after',
        `
Examples:
  $ dockyard publish trino --dry-run         print the docker buildx and cosign commands
  $ dockyard publish trino                   build, push and sign (needs a Docker engine and registry login)`,
      );
  }
  command.action(async (slug: string, options: BuildOptions) => {
    const io = processIo();
    await runAction(kind, io, () => runBuild(kind, slug, options, io));
  });
}
