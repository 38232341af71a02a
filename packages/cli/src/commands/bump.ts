import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  BumpError,
  bumpContainers,
  formatBumpDiff,
  renderPullRequestBody,
  type BumpResult,
} from '@dockyard/plugin-containers-node';
import { loadCheckout } from '../lib/config';
import {
  CliError,
  displayPath,
  processIo,
  runAction,
  type CliIo,
} from '../lib/context';
import { formatTable } from '../lib/table';

export interface BumpOptions {
  to?: string;
  /** With `to`: the companion (`version.companions[].name`) that moves instead of the version. */
  companion?: string;
  /** Re-pin the base image (with `behind`: also to a newer tag of its lane). */
  base?: boolean;
  behind?: boolean;
  config?: string[];
  dir?: string;
  dryRun?: boolean;
  json?: boolean;
  prBody?: string;
}

const USAGE = 2;

function usageProblem(slugs: string[], options: BumpOptions) {
  if (options.to !== undefined && options.behind) {
    return '--to and --behind cannot be used together';
  }
  if (options.companion !== undefined && options.behind) {
    return '--companion and --behind cannot be used together: --behind moves every companion that is behind';
  }
  if (options.companion !== undefined && options.to === undefined) {
    return 'say where the companion goes: dockyard bump SLUG --companion NAME --to VERSION';
  }
  if (options.to === undefined && !options.behind && !options.base) {
    return 'say where to: dockyard bump SLUG --to VERSION, dockyard bump SLUG --companion NAME --to VERSION, dockyard bump SLUG... --base, or dockyard bump [SLUG...] --behind [--base]';
  }
  if (options.to !== undefined && slugs.length !== 1) {
    return `--to bumps one container: dockyard bump SLUG --to VERSION (got ${
      slugs.length === 0 ? 'no slug' : `${slugs.length} slugs`
    })`;
  }
  if (options.base && !options.behind && slugs.length === 0) {
    return 'say which containers: dockyard bump SLUG... --base, or dockyard bump --behind --base for every one';
  }
  return undefined;
}

/** What bumpContainers is asked: the requests, or a behind run. */
function bumpRequests(slugs: string[], options: BumpOptions) {
  if (options.behind) {
    return { behind: true, slugs, base: options.base };
  }
  return {
    requests: slugs.map(slug => ({
      slug,
      to: options.to,
      ...(options.companion !== undefined
        ? { companion: options.companion }
        : {}),
      ...(options.base ? { base: true } : {}),
    })),
  };
}

/**
 * The JSON that CI reads (the root README's "Acting on drift"): one object per container; a dry
 * run adds its diff.
 */
export function bumpJson(results: BumpResult[], dryRun?: boolean): string {
  const items = results.map(r => ({
    slug: r.slug,
    from: r.from ?? null,
    to: r.to ?? null,
    files: r.files,
    status: r.status,
    error: r.error ?? null,
    companions: (r.companions ?? []).map(c => ({
      name: c.name,
      from: c.from,
      to: c.to,
      buildArg: c.buildArg,
      change: c.change ?? null,
    })),
    baseImage: r.baseImage
      ? {
          from: r.baseImage.from,
          to: r.baseImage.to,
          reason: r.baseImage.reason ?? 'version',
        }
      : null,
    skipped: r.skipped ?? [],
    ...(dryRun ? { diff: formatBumpDiff([r]) } : {}),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** A value as one table cell: long ones cut, odd ones (spaces, quotes, breaks) quoted. */
function shown(value: string | undefined): string {
  if (value === undefined) return '-';
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return /[^\x21-\x7e…]/.test(short) || /["'\\]/.test(short)
    ? JSON.stringify(short)
    : short;
}

function note(result: BumpResult): string {
  if (result.error) return result.error;
  if (result.status === 'unchanged') return `already ${result.to}`;
  const parts = [result.files.join(', ')];
  if (result.change) parts.push(result.change);
  for (const companion of result.companions ?? []) {
    parts.push(`${companion.name} ${companion.from} → ${companion.to}`);
  }
  if (result.baseImage?.reason === 'rebuilt') {
    parts.push('base image re-pinned (rebuilt upstream)');
  } else if (result.baseImage) {
    parts.push(`base image ${result.baseImage.to}`);
  }
  return parts.join('; ');
}

/** The summary: one row per container. */
export function formatBumpTable(results: BumpResult[], dryRun?: boolean) {
  const table = formatTable(
    ['SLUG', 'FROM', 'TO', 'STATUS', dryRun ? 'WOULD CHANGE' : 'CHANGED'],
    results.map(r => [
      shown(r.slug),
      shown(r.from),
      shown(r.to),
      r.status,
      note(r).replace(/[\r\n]+/g, ' '),
    ]),
  );
  const count = (status: string) =>
    results.filter(r => r.status === status).length;
  return `${table}\n${count('bumped')} bumped, ${count(
    'unchanged',
  )} unchanged, ${count('error')} refused${
    dryRun ? ' (dry run: nothing was written)' : ''
  }\n`;
}

/** Where rollback notes link to in a pull request body: the repository on GitHub, in Actions. */
function linkBase(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  if (!server || !repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    return undefined;
  }
  return `${server.replace(/\/+$/, '')}/${repository}/blob/HEAD/`;
}

/**
 * `dockyard bump SLUG --to VERSION` and `dockyard bump [SLUG...] --behind`: sets
 * `version.current` (and what moves with it) in container.yaml, in place. Returns the exit code:
 * 0 when every asked bump was made (or nothing was behind), 1 when one was refused; usage and
 * config problems throw a CliError with exit code 2.
 */
export async function runBump(
  slugs: string[],
  options: BumpOptions,
  io: CliIo,
): Promise<number> {
  const problem = usageProblem(slugs, options);
  if (problem) throw new CliError(problem, USAGE);
  const { containersDir, config } = await loadCheckout(io, options);
  let results: BumpResult[];
  try {
    results = await bumpContainers({
      platformDir: containersDir,
      ...bumpRequests(slugs, options),
      config,
      dryRun: options.dryRun,
      logger: { warn: message => io.stderr.write(`warning: ${message}\n`) },
    });
  } catch (error) {
    if (error instanceof BumpError) throw new CliError(error.message, USAGE);
    throw error;
  }

  // What a behind run left alone is said, whatever the output.
  for (const result of results) {
    for (const skipped of result.skipped ?? []) {
      io.stderr.write(
        `warning: ${result.slug}: ${skipped.what} not moved${
          skipped.to ? ` to ${shown(skipped.to)}` : ''
        }: ${skipped.reason.replace(/[\r\n]+/g, ' ')}\n`,
      );
    }
  }
  if (options.json) {
    io.stdout.write(bumpJson(results, options.dryRun));
  } else if (options.behind && results.length === 0) {
    io.stdout.write('nothing is behind\n');
  } else if (options.dryRun) {
    io.stdout.write(formatBumpDiff(results));
    io.stderr.write(formatBumpTable(results, true));
  } else {
    io.stdout.write(formatBumpTable(results));
  }
  if (options.prBody) {
    const file = path.resolve(io.cwd, options.prBody);
    await fs.writeFile(
      file,
      renderPullRequestBody(results, {
        linkBase: linkBase(io.env),
        madeBy: options.behind
          ? `\`dockyard bump --behind${options.base ? ' --base' : ''}\``
          : undefined,
      }),
      'utf8',
    );
    if (!options.json) {
      io.stderr.write(`pull request body: ${displayPath(io, file)}\n`);
    }
  }
  return results.some(r => r.status === 'error') ? 1 : 0;
}

/** Registers `dockyard bump`. */
export function registerBumpCommand(program: Command): void {
  program
    .command('bump')
    .description(
      "Set a container's version.current in container.yaml and what moves with it (the Dockerfile's ARG defaults; a base image tag carrying the version, re-pinned by digest; the README's table row), in place; or a companion's build arg (--companion), or the base image's digest (--base)",
    )
    .argument(
      '[slugs...]',
      'the container to bump (with --to), or the containers to consider (with --behind; default: every one)',
    )
    .option(
      '--to <version>',
      "the new version, written as version.current is (with --companion: that companion's version)",
    )
    .option(
      '--companion <name>',
      'move this version.companions[] entry instead of version.current: the build arg its "!build.args.X" token names is set, and the Dockerfile\'s ARG default follows',
    )
    .option(
      '--base',
      'also re-pin a digest-pinned runtime.base_image to the digest its tag names on the registry now (rebuilt upstream); with --behind, to a newer tag of its lane as well',
    )
    .option(
      '--behind',
      'run the drift check and bump every container that is behind to the latest version in its lane, and every companion that is behind to its own',
    )
    .option(
      '--config <file>',
      'app-config file with containers.drift and integrations.github (repeatable; default: app-config.yaml of the checkout)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder and README.md are changed (default: the current one, or the nearest above it)',
    )
    .option('--dry-run', 'print a unified diff of the changes; write nothing')
    .option(
      '--json',
      'print a JSON array: {slug, from, to, files, status, error, companions, baseImage, skipped} per container',
    )
    .option(
      '--pr-body <file>',
      'write the Markdown body of a pull request carrying the bumps to this file',
    )
    .addHelpText(
      'after',
      `
Exit status: 0 when every asked bump was made (or nothing was behind), 1 when one was refused
(unknown slug or companion, invalid version, a companion pinned by no build arg, a base image
not pinned by digest, a registry without the tag, an invalid result: nothing is written for that
container), 2 on a usage or config error. What a --behind run cannot move (a companion pinned by
no build arg) is left with a warning; the rest goes ahead.

Examples:
  $ dockyard bump trino --to 479                     one container
  $ dockyard bump postgres --to 17.7-bookworm --dry-run
  $ dockyard bump spark --companion iceberg-spark-runtime --to 1.10.1
  $ dockyard bump spark trino --base                 re-pin rebuilt base images
  $ dockyard bump --behind --pr-body pr-body.md      every container that is behind
  $ dockyard bump --behind --base                    and base images rebuilt or behind
  $ dockyard bump spark trino --behind --json        only these, if behind`,
    )
    .action(async (slugs: string[], options: BumpOptions) => {
      const io = processIo();
      await runAction('bump', io, () => runBump(slugs, options, io));
    });
}
