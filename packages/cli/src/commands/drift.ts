import { Option, type Command } from 'commander';
import {
  BaseImageDrift,
  baseImageRebuilt,
  CompanionDrift,
  describeLag,
  describeStatusCounts,
  describeStep,
  DriftDistance,
  DriftResult,
  describeEol,
  EolInfo,
  formatProblem,
  overallDriftStatus,
  PinnedVersionStatus,
  shortDigest,
} from '@dockyard/plugin-containers-common';
import {
  containerDriftTarget,
  DriftEngine,
  DriftTarget,
  InMemoryHttpCache,
} from '@dockyard/plugin-containers-node';
import { loadCheckout } from '../lib/config';
import { loadAll, type LoadedContainer } from '../lib/containers';
import {
  CliError,
  displayPath,
  processIo,
  runAction,
  type CliIo,
} from '../lib/context';
import { formatTable } from '../lib/table';

/** What `--fail-on` can fail on. */
export type DriftFailOn = 'behind' | 'major' | 'rebuilt' | 'error' | 'eol';

export interface DriftCommandOptions {
  json?: boolean;
  dir?: string;
  config?: string[];
  failOn?: DriftFailOn;
}

/** A problem with the run as a whole (folder, config, slugs): exit code 2. */
const RUN_LEVEL = 2;

/** One container found under containers/: a target to check, or why it cannot be. */
type Found =
  | { slug: string; target: DriftTarget }
  | { slug: string; failed: DriftResult };

/** A container as the engine checks it, or, without a version block, the error row it gets. */
function driftTargetOf({ folderName, label, result }: LoadedContainer): Found {
  const slug = folderName!;
  const container = result.resolved ?? result.container;
  if (!container?.version) {
    const first = result.problems.find(p => p.severity === 'error');
    return {
      slug,
      failed: {
        slug,
        strategy: '',
        current: '',
        status: 'error',
        error: first ? formatProblem(first) : `${label}: no version block`,
        checkedAt: new Date().toISOString(),
      },
    };
  }
  return {
    slug,
    target: containerDriftTarget(slug, result.container, result.resolved),
  };
}

/** The containers the run checks: every one, or those named (each must exist), by slug. */
function selectContainers(
  found: Found[],
  slugs: string[],
  where: string,
): Found[] {
  const known = new Set(found.map(f => f.slug));
  const unknown = slugs.filter(slug => !known.has(slug));
  if (unknown.length > 0) {
    throw new CliError(
      `no container ${unknown
        .map(s => JSON.stringify(s))
        .join(', ')} under ${where}`,
    );
  }
  return found
    .filter(f => slugs.length === 0 || slugs.includes(f.slug))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

function overallStatus(result: DriftResult): PinnedVersionStatus {
  return result.overallStatus ?? overallDriftStatus(result);
}

/** How far behind, in the shared words laid out for a cell: "3 major (2 releases, 122 days)". */
function behindCell(behind: DriftDistance | undefined): string {
  if (!behind) return '';
  const step = describeStep(behind);
  const lag = describeLag(behind, ', ');
  return step && lag ? `${step} (${lag})` : step ?? lag;
}

function describeNote(result: Pick<DriftResult, 'error' | 'newest'>): string {
  if (result.error) return result.error;
  if (result.newest) return `newest outside the lane: ${result.newest}`;
  return '';
}

/** The container's row: its main version, with the worst status of all it pins. */
function containerRow(result: DriftResult): string[] {
  const overall = overallStatus(result);
  const note = describeNote(result);
  return [
    result.slug,
    result.current,
    result.latest ?? '-',
    overall,
    behindCell(result.behind),
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
    behindCell(companion.behind),
    describeNote(companion),
  ];
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
    behindCell(base.behind),
    note,
  ];
}

/** The end of life of the version in use: its cycle, the newest supported one, how it stands. */
function eolRow(eol: EolInfo): string[] {
  const { text } = describeEol(eol);
  return [
    `  eol ${eol.product}`,
    eol.cycle || '-',
    eol.latestCycle ?? '-',
    eol.state,
    '',
    eol.error
      ? `${eol.state === 'unknown' ? '' : `${text}; `}${eol.error}`
      : text,
  ];
}

/**
 * The table: one row per container (its main version, with the worst status of everything it
 * pins), then one indented row per companion and for the base image, and a count by status.
 */
export function formatDriftTable(results: DriftResult[]): string {
  const table = formatTable(
    ['SLUG', 'CURRENT', 'LATEST', 'STATUS', 'BEHIND', 'NOTE'],
    results.flatMap(r => [
      containerRow(r),
      ...(r.companions ?? []).map(companionRow),
      ...(r.baseImage ? [baseImageRow(r.baseImage)] : []),
      ...(r.eol ? [eolRow(r.eol)] : []),
    ]),
  );
  return `${table}\n${results.length} containers: ${describeStatusCounts(
    results.map(overallStatus),
  )}\n`;
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
 * The end of life in `--json`, as DESIGN.md names it: `date` (`YYYY-MM-DD`, or null when the
 * cycle has none) and `status` (`supported`, `warning`, `ended`, `unknown`), then the days left,
 * the end of active support, the newest supported cycle and the error, null when absent.
 */
function eolJson(eol: EolInfo) {
  return {
    product: eol.product,
    cycle: eol.cycle,
    date: eol.eolDate ?? null,
    status: eol.state === 'eol' ? 'ended' : eol.state,
    daysToEol: eol.daysToEol ?? null,
    supportedUntil: eol.supportedUntil ?? null,
    latestCycle: eol.latestCycle ?? null,
    error: eol.error ?? null,
  };
}

/**
 * The JSON that CI reads (the root README's "Upstream drift"): one object per container whose
 * top-level fields are the main version's (`latest` and `error` always present), with
 * `companions[]` and `baseImage` when the container pins them, `overallStatus`, the worst
 * of them all, and `eol` when it sets `version.eol`.
 */
export function driftJson(results: DriftResult[]): string {
  const items = results.map(result => {
    const { slug, current, status, companions, baseImage, eol, ...rest } =
      result;
    return {
      slug,
      current,
      latest: rest.latest ?? null,
      status,
      error: rest.error ?? null,
      ...rest,
      ...(companions ? { companions: companions.map(companionJson) } : {}),
      ...(baseImage ? { baseImage: baseImageJson(baseImage) } : {}),
      overallStatus: overallStatus(result),
      ...(eol ? { eol: eolJson(eol) } : {}),
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
 * another digest (whether or not a newer tag also exists); `eol` at versions in use past their
 * end of life (from the end-of-life date on). Inside the warning window a run does not fail: the
 * window is for people to plan, and a CI job would otherwise turn red months before anything
 * ended. An end of life that could not be looked up does not fail `eol` either (it shows as
 * unknown, with its error).
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
    case 'eol':
      return results.some(r => r.eol?.state === 'eol');
    default:
      return false;
  }
}

/**
 * What the run checks, and with which engine. Whatever keeps it from starting (no containers
 * folder, config, the engine's config, an unknown slug) is a run-level error: exit 2, so that
 * `--fail-on`'s 1 means only what it says.
 */
async function prepareRun(
  slugs: string[],
  options: DriftCommandOptions,
  io: CliIo,
): Promise<{ engine: DriftEngine; found: Found[] }> {
  try {
    const { containersDir, config } = await loadCheckout(io, options);
    const engine = DriftEngine.fromConfig(config, {
      cache: new InMemoryHttpCache(),
      logger: { warn: message => io.stderr.write(`warning: ${message}\n`) },
    });
    const found = selectContainers(
      (await loadAll(io, containersDir)).map(driftTargetOf),
      slugs,
      displayPath(io, containersDir),
    );
    return { engine, found };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new CliError(error.message, RUN_LEVEL);
  }
}

/**
 * `dockyard drift [SLUG...]`: the backend's drift engine over the containers of a checkout.
 * Returns the exit code: 0, or 1 when `--fail-on` says so; a run-level error throws a CliError
 * with exit code 2.
 */
export async function runDrift(
  slugs: string[],
  options: DriftCommandOptions,
  io: CliIo,
): Promise<number> {
  const { engine, found } = await prepareRun(slugs, options, io);
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
}

/** Registers `dockyard drift` on the program. */
export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description(
      'Compare every container with its upstream feeds: its version, its companions and its base image — current, latest in its lane, how far behind — and, with version.eol, the end of life of the version in use',
    )
    .argument('[slugs...]', 'only these containers')
    .option('--json', 'print a JSON array, one object per container')
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read (default: the current one, or the nearest above it)',
    )
    .option(
      '--config <file>',
      'app-config file with containers.drift and integrations.github (repeatable; default: app-config.yaml of the checkout)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(
      new Option(
        '--fail-on <what>',
        'exit 1 when any pinned version (main, companion, base image) is behind, a major behind or in error, a base image was rebuilt upstream, or (eol) a version in use is past its end of life (version.eol; the warning window before it does not fail)',
      ).choices(['behind', 'major', 'rebuilt', 'error', 'eol']),
    )
    .action(async (slugs: string[], options: DriftCommandOptions) => {
      const io = processIo();
      await runAction('drift', io, () => runDrift(slugs, options, io));
    });
}
