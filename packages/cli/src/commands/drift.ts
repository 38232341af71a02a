import path from 'path';
import { Command, Option } from 'commander';
import { loadAppConfig } from '../lib/config';
import {
  BaseImageDrift,
  baseImageRebuilt,
  CompanionDrift,
  DriftDistance,
  DriftResult,
  overallDriftStatus,
  PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import {
  containerDriftTarget,
  discoverContainers,
  DriftEngine,
  DriftTarget,
  InMemoryHttpCache,
} from '@dockyard/plugin-containers-node';

/** What `--fail-on` can fail on. */
export type DriftFailOn = 'behind' | 'major' | 'rebuilt' | 'error';

export interface DriftCommandOptions {
  json?: boolean;
  dir?: string;
  config?: string[];
  failOn?: DriftFailOn;
}

/** Where the command writes, and what it runs in (tests give their own). */
export interface DriftIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A problem with the run as a whole (config, folder, slugs): exit code 2. */
class RunError extends Error {}

async function loadConfig(configs: string[], rootDir: string, io: DriftIo) {
  try {
    return await loadAppConfig(io, configs, rootDir);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
}

/** One container found under containers/: a target to check, or why it cannot be. */
type Found =
  | { slug: string; target: DriftTarget }
  | { slug: string; failed: DriftResult };

async function readContainers(dir: string): Promise<Found[]> {
  let discovered: Awaited<ReturnType<typeof discoverContainers>>;
  try {
    discovered = await discoverContainers(dir);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
  return discovered.map(({ folderName, file, result }): Found => {
    const container = result?.resolved ?? result?.container;
    if (!container?.version) {
      const first = result?.problems.find(p => p.severity === 'error');
      return {
        slug: folderName,
        failed: {
          slug: folderName,
          strategy: '',
          current: '',
          status: 'error',
          error: first
            ? `${first.file}:${first.line}:${first.column} ${first.path} ${first.message}`.replace(
                / {2}/,
                ' ',
              )
            : `${file}: no version block`,
          checkedAt: new Date().toISOString(),
        },
      };
    }
    return {
      slug: folderName,
      target: containerDriftTarget(
        folderName,
        result?.container,
        result?.resolved,
      ),
    };
  });
}

function describeBehind(behind: DriftDistance | undefined): string {
  if (!behind) return '';
  const size =
    (behind.major && `${behind.major} major`) ||
    (behind.minor && `${behind.minor} minor`) ||
    (behind.patch && `${behind.patch} patch`) ||
    '';
  const releases = `${behind.releases} release${
    behind.releases === 1 ? '' : 's'
  }`;
  const days = behind.days !== undefined ? `, ${behind.days} days` : '';
  return size ? `${size} (${releases}${days})` : `${releases}${days}`;
}

function describeNote(result: Pick<DriftResult, 'error' | 'newest'>): string {
  if (result.error) return result.error;
  if (result.newest) return `newest outside the lane: ${result.newest}`;
  return '';
}

/** The container's row: its main version, with the worst status of all it pins. */
function containerRow(result: DriftResult): string[] {
  const overall = result.overallStatus ?? overallDriftStatus(result);
  const note = describeNote(result);
  return [
    result.slug,
    result.current,
    result.latest ?? '-',
    overall,
    describeBehind(result.behind),
    // When something else it pins is worse, the note says how the main version stands.
    overall === result.status
      ? note
      : `version ${result.status}${note ? `: ${note}` : ''}`,
  ];
}

function companionRow(companion: CompanionDrift): string[] {
  return [
    `  ${companion.name}`,
    companion.current,
    companion.latest ?? '-',
    companion.status,
    describeBehind(companion.behind),
    describeNote(companion),
  ];
}

function shortDigest(digest: string) {
  return digest.replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, 'sha256:$1');
}

function baseImageRow(base: BaseImageDrift): string[] {
  let note = base.error ?? '';
  if (!note && baseImageRebuilt(base)) {
    note = `${base.tag} now points at ${shortDigest(base.latestDigest!)}${
      base.rebuiltAt ? `, built ${base.rebuiltAt.slice(0, 10)}` : ''
    }`;
  } else if (!note && base.newestTag) {
    note = `newest outside the lane: ${base.newestTag}`;
  }
  return [
    `  base ${base.image}`,
    base.tag ?? (base.digest ? shortDigest(base.digest) : '-'),
    base.latestTag ?? '-',
    base.status,
    describeBehind(base.behind),
    note,
  ];
}

/**
 * A plain table that stays readable in a terminal and in CI logs: one row per container (its
 * main version, with the worst status of everything it pins), then one indented row per
 * companion and for the base image.
 */
export function formatDriftTable(results: DriftResult[]): string {
  const rows = [
    ['SLUG', 'CURRENT', 'LATEST', 'STATUS', 'BEHIND', 'NOTE'],
    ...results.flatMap(r => [
      containerRow(r),
      ...(r.companions ?? []).map(companionRow),
      ...(r.baseImage ? [baseImageRow(r.baseImage)] : []),
    ]),
  ];
  const widths = rows[0].map((_, column) =>
    Math.max(
      ...rows
        .slice(0, rows.length)
        .map(row => (column === 5 ? 0 : row[column].length)),
    ),
  );
  const lines = rows.map(row =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd(),
  );
  const count = (status: PinnedVersionStatus) =>
    results.filter(r => (r.overallStatus ?? overallDriftStatus(r)) === status)
      .length;
  const rebuilt = count('rebuilt');
  lines.push(
    '',
    `${results.length} containers: ${count('behind')} behind, ${
      rebuilt ? `${rebuilt} rebuilt, ` : ''
    }${count('up-to-date')} up to date, ${count('unknown')} unknown, ${count(
      'error',
    )} errors`,
  );
  return `${lines.join('\n')}\n`;
}

/** A companion in `--json`: `latest` and `error` always present. */
function companionJson({ name, current, status, ...rest }: CompanionDrift) {
  return {
    name,
    current,
    latest: rest.latest ?? null,
    status,
    error: rest.error ?? null,
    ...rest,
  };
}

/** The base image in `--json`: `tag`, `digest`, `latestDigest`, `latestTag`, `error` always present. */
function baseImageJson({ image, status, ...rest }: BaseImageDrift) {
  return {
    image,
    tag: rest.tag ?? null,
    digest: rest.digest ?? null,
    latestDigest: rest.latestDigest ?? null,
    latestTag: rest.latestTag ?? null,
    status,
    error: rest.error ?? null,
    ...rest,
  };
}

/**
 * The JSON that DESIGN.md fixes: one object per container whose top-level fields are the main
 * version's (`latest` and `error` always present), with `companions[]` and `baseImage` when the
 * container pins them, and `overallStatus`, the worst of them all.
 */
export function driftJson(results: DriftResult[]): string {
  const items = results.map(result => {
    const { slug, current, status, companions, baseImage, ...rest } = result;
    return {
      slug,
      current,
      latest: rest.latest ?? null,
      status,
      error: rest.error ?? null,
      ...rest,
      ...(companions ? { companions: companions.map(companionJson) } : {}),
      ...(baseImage ? { baseImage: baseImageJson(baseImage) } : {}),
      overallStatus: rest.overallStatus ?? overallDriftStatus(result),
    };
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** Every pinned version of a container: the main one, its companions, its base image. */
function pinnedVersions(
  result: DriftResult,
): Array<{ status: PinnedVersionStatus; behind?: DriftDistance }> {
  return [
    result,
    ...(result.companions ?? []),
    ...(result.baseImage ? [result.baseImage] : []),
  ];
}

/**
 * Whether `--fail-on` fails this run: `behind`, `major` and `error` look at every pinned version
 * (main, companions, base image); `rebuilt` at base images whose pinned tag now points at
 * another digest (whether or not a newer tag also exists).
 */
export function failsOn(results: DriftResult[], failOn?: DriftFailOn): boolean {
  const any = (
    test: (pinned: ReturnType<typeof pinnedVersions>[number]) => boolean,
  ) => results.some(r => pinnedVersions(r).some(test));
  switch (failOn) {
    case 'behind':
      return any(p => p.status === 'behind');
    case 'major':
      return any(p => (p.behind?.major ?? 0) > 0);
    case 'rebuilt':
      return results.some(r => baseImageRebuilt(r.baseImage));
    case 'error':
      return any(p => p.status === 'error');
    default:
      return false;
  }
}

/**
 * `dockyard drift [SLUG...]`: the backend's drift engine over the containers of a checkout.
 * Returns the exit code: 0, 1 when `--fail-on` says so, 2 on a run-level error.
 */
export async function runDrift(
  slugs: string[],
  options: DriftCommandOptions,
  io: DriftIo,
): Promise<number> {
  try {
    const dir = path.resolve(io.cwd, options.dir ?? '.');
    const config = await loadConfig(options.config ?? [], dir, io);
    let engine: DriftEngine;
    try {
      engine = DriftEngine.fromConfig(config, {
        cache: new InMemoryHttpCache(),
        logger: { warn: message => io.stderr.write(`warning: ${message}\n`) },
      });
    } catch (error) {
      throw new RunError((error as Error).message);
    }

    let found = await readContainers(dir);
    if (slugs.length > 0) {
      const known = new Set(found.map(f => f.slug));
      const unknown = slugs.filter(slug => !known.has(slug));
      if (unknown.length > 0) {
        throw new RunError(
          `no container ${unknown
            .map(s => JSON.stringify(s))
            .join(', ')} under ${dir}`,
        );
      }
      found = found.filter(f => slugs.includes(f.slug));
    }
    found.sort((a, b) => a.slug.localeCompare(b.slug));

    const targets = found.flatMap(f => ('target' in f ? [f.target] : []));
    const progress = !options.json && io.stderr.isTTY;
    const checked = await engine.check(targets, {
      onProgress: progress
        ? p =>
            io.stderr.write(
              `\rchecking upstream feeds: ${p.upstreamsDone}/${p.upstreamsTotal}`,
            )
        : undefined,
    });
    if (progress) io.stderr.write('\r\x1b[K');

    const bySlug = new Map(checked.map(result => [result.slug, result]));
    const results = found.map(f =>
      'failed' in f ? f.failed : bySlug.get(f.slug)!,
    );
    io.stdout.write(
      options.json ? driftJson(results) : formatDriftTable(results),
    );
    return failsOn(results, options.failOn) ? 1 : 0;
  } catch (error) {
    if (error instanceof RunError) {
      io.stderr.write(`dockyard drift: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Registers `dockyard drift` on the program. */
export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description(
      'Compare every container with its upstream feeds: its version, its companions and its base image — current, latest in its lane, how far behind',
    )
    .argument('[slugs...]', 'only these containers')
    .option('--json', 'print a JSON array, one object per container')
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read (default: the current directory)',
    )
    .option(
      '--config <file>',
      'app-config file with containers.drift and integrations.github (repeatable; default: app-config.yaml in --dir)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(
      new Option(
        '--fail-on <what>',
        'exit 1 when any pinned version (main, companion, base image) is behind, a major behind or in error, or a base image was rebuilt upstream',
      ).choices(['behind', 'major', 'rebuilt', 'error']),
    )
    .action(async (slugs: string[], options: DriftCommandOptions) => {
      process.exitCode = await runDrift(slugs, options, {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.env.INIT_CWD ?? process.cwd(),
        env: process.env,
      });
    });
}
