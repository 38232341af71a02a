import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { isError, toError } from '@backstage/errors';
import {
  deriveImageTags,
  revisionPrefix,
  type ContainerImageTags,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import { CliError, displayPath, type CliIo } from './context';
import { shellJoin } from './shell';

/** The platforms built when `build.platforms` is absent. */
export const DEFAULT_PLATFORMS = ['linux/amd64'];

/** What `dockyard build` / `dockyard publish` run, in order. */
export interface BuildPlan {
  /** Every image with the tags it gets. */
  images: ContainerImageTags[];
  /** The commands, as argv arrays. */
  commands: string[][];
}

/** Inputs of {@link buildPlan}. */
export interface BuildPlanInput {
  /** The container with its tokens resolved. */
  resolved: ContainerSpec;
  /** The container folder (absolute). */
  dir: string;
  /** Paths in the commands are relative to this folder, where they run. */
  cwd: string;
  /** The git revision of the container folder; adds the sha- tag. */
  revision?: string;
  /** publish: push to every image, then sign. */
  push: boolean;
  /** Overrides build.platforms. */
  platforms?: string[];
  /** build: load the result into the local image store (one platform only). */
  load?: boolean;
  /** publish: leave signing out. */
  sign?: boolean;
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file) || '.';
  // A folder named like an option (`--output=…`) must reach docker as a path, not as an option.
  return rel.startsWith('-') ? `.${path.sep}${rel}` : rel;
}

function provenanceFlag(value: boolean | 'min' | 'max' | undefined): string[] {
  if (value === undefined) {
    return [];
  }
  if (value === false) {
    return ['--provenance=false'];
  }
  if (value === true) {
    return ['--provenance=true'];
  }
  return [`--provenance=mode=${value}`];
}

/**
 * The `docker buildx build` command the metadata implies (and for publish the `cosign sign`
 * commands after it): context and Dockerfile relative to the container folder, the platforms,
 * one --build-arg per resolved arg, one --label per resolved label, one -t per derived tag on
 * publish.image and on each publish.targets[] image, provenance and SBOM attestations.
 */
export function buildPlan(input: BuildPlanInput): BuildPlan {
  const { resolved, dir, cwd } = input;
  const build = resolved.build ?? {};
  const publish = resolved.publish;
  const images = deriveImageTags(resolved, { revision: input.revision });
  const platforms = input.platforms ?? build.platforms ?? DEFAULT_PLATFORMS;
  const context = path.resolve(dir, build.context ?? '.');
  const dockerfile = path.resolve(dir, build.dockerfile ?? 'Dockerfile');

  const buildx = [
    'docker',
    'buildx',
    'build',
    '-f',
    relative(cwd, dockerfile),
    '--platform',
    platforms.join(','),
  ];
  for (const [name, value] of Object.entries(build.args ?? {})) {
    buildx.push('--build-arg', `${name}=${String(value)}`);
  }
  for (const [name, value] of Object.entries(publish?.labels ?? {})) {
    buildx.push('--label', `${name}=${String(value)}`);
  }
  for (const { image, tags } of images) {
    for (const tag of tags) {
      buildx.push('-t', `${image}:${tag}`);
    }
  }
  buildx.push(...provenanceFlag(publish?.provenance));
  if (publish?.sbom !== undefined) {
    buildx.push(`--sbom=${publish.sbom}`);
  }
  if (input.push) {
    buildx.push('--push');
  } else if (input.load) {
    buildx.push('--load');
  }
  buildx.push(relative(cwd, context));

  const commands = [buildx];
  const signing = publish?.signing;
  if (input.push && input.sign !== false && signing?.method === 'cosign') {
    for (const { image, tags } of images) {
      // One signature per repository; the immutable sha- tag when there is one.
      const tag = tags.find(t => t.startsWith('sha-')) ?? tags[0];
      if (!tag) continue;
      commands.push([
        'cosign',
        'sign',
        '--yes',
        ...(signing.keyless ? [] : ['--key', signing.key ?? '']),
        `${image}:${tag}`,
      ]);
    }
  }
  return { images, commands };
}

/** The git revision (HEAD) of a folder, or why there is none. */
export function gitRevision(
  dir: string,
  env: NodeJS.ProcessEnv,
): { revision?: string; reason?: string } {
  const result = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    return { reason: `git cannot run: ${result.error.message}` };
  }
  if (result.status !== 0) {
    const why =
      result.stderr.trim().split('\n').pop() || `exit ${result.status}`;
    return { reason: why };
  }
  return { revision: result.stdout.trim() };
}

/** The revision a build uses: `--revision`, else `git rev-parse HEAD` of the container folder. */
export function resolveRevision(
  io: CliIo,
  dir: string,
  given?: string,
): string | undefined {
  if (given !== undefined) {
    try {
      revisionPrefix(given);
    } catch (error) {
      throw new CliError(`--revision: ${toError(error).message}`);
    }
    return given.trim();
  }
  const { revision, reason } = gitRevision(dir, io.env);
  if (!revision) {
    io.stderr.write(
      `warning: no git revision for ${displayPath(
        io,
        dir,
      )} (${reason}); the sha- tag is left out — pass --revision <commit>\n`,
    );
  }
  return revision;
}

/** Fails with a clear message when no Docker engine answers `docker info`. */
export function requireDockerEngine(io: CliIo): void {
  const result = spawnSync('docker', ['info'], {
    env: io.env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) {
    let reason =
      (result.stderr ?? '').trim().split('\n').filter(Boolean).pop() ??
      `exit ${result.status}`;
    if (result.error) {
      reason =
        isError(result.error) && result.error.code === 'ENOENT'
          ? 'docker is not installed or not on PATH'
          : result.error.message;
    }
    throw new CliError(
      `no Docker engine answers (docker info failed): ${reason}; use --dry-run to print the commands`,
    );
  }
}

/** Fails when a program the plan needs (cosign) is not on PATH. */
export function requireProgram(io: CliIo, program: string, hint: string): void {
  const result = spawnSync(program, ['version'], {
    env: io.env,
    stdio: 'ignore',
    timeout: 30_000,
  });
  if (isError(result.error) && result.error.code === 'ENOENT') {
    throw new CliError(`${program} is not installed or not on PATH: ${hint}`);
  }
}

/** Runs the commands one after the other, streaming their output; stops at the first failure. */
export async function runCommands(
  io: CliIo,
  commands: string[][],
): Promise<number> {
  for (const [program, ...args] of commands) {
    io.stderr.write(`+ ${shellJoin([program, ...args])}\n`);
    const code = await new Promise<number>(resolve => {
      const child = spawn(program, args, {
        cwd: io.cwd,
        env: io.env,
        stdio: ['inherit', 'pipe', 'pipe'],
      });
      child.stdout.on('data', chunk => io.stdout.write(chunk));
      child.stderr.on('data', chunk => io.stderr.write(chunk));
      child.on('error', error => {
        io.stderr.write(`${program}: ${error.message}\n`);
        resolve(127);
      });
      child.on('close', (status, signal) =>
        resolve(status ?? (signal ? 128 : 1)),
      );
    });
    if (code !== 0) {
      io.stderr.write(`${program} exited with ${code}; stopping\n`);
      return code;
    }
  }
  return 0;
}
