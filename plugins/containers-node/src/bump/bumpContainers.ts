import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import { isError, toError } from '@backstage/errors';
import {
  baseImageRebuilt,
  DEFAULT_MAX_CONTAINER_YAML_BYTES,
  formatProblem,
  parseContainerYaml,
  type DriftResult,
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
} from '@dockyard/plugin-containers-common';
import {
  discoverContainers,
  isContainerFolderName,
  resolveContainersDir,
} from '../discovery';
import { readDriftConfig, type DriftConfig } from '../drift/config';
import { DriftEngine, type DriftTarget } from '../drift/DriftEngine';
import { containerDriftTarget } from '../drift/target';
import { InMemoryHttpCache } from '../drift/http/cache';
import { createRegistryGet } from '../drift/sources/docker';
import type { SourceContext } from '../drift/sources/types';
import {
  README_BLOCK_BEGIN,
  updateReadmeContainers,
} from '../generator/readmeTable';
import { changeOfDistance } from './classifyBump';
import { moveDockerfileArgs } from './dockerfileArgs';
import { replaceVersionInTag } from './imageReference';
import { fetchManifestDigest } from './manifestDigest';
import { planBump, type PlanBumpOptions, type PlannedBump } from './planBump';
import {
  BumpError,
  type BumpFileChange,
  type BumpLogger,
  type BumpRequest,
  type BumpResult,
} from './types';
import { ContainerEditError } from './yamlEdit';

/**
 * Options of {@link bumpContainers}: either `requests`, or `behind`.
 *
 * @public
 */
export interface BumpContainersOptions {
  /** The platform checkout (with `containers/` and `README.md`), or its containers folder. */
  platformDir: string;
  /** Bump these containers to these versions. */
  requests?: BumpRequest[];
  /**
   * Run the drift engine and bump every container whose version is `behind` to its `latest`
   * (the newest version in its lane), and every companion that is behind to its own `latest`;
   * with `slugs`, only those containers.
   */
  behind?: boolean;
  /** With `behind`: the containers to consider (default: every one). */
  slugs?: string[];
  /**
   * With `behind`: also re-pin base images, a rebuilt one to its tag's new digest and one with
   * a newer tag in its lane to that tag and its digest (a tag carrying the version moves with
   * the version only). A request asks for its own re-pin with `base`.
   */
  base?: boolean;
  /**
   * App config: `containers.drift` (registries, allowed hosts, endpoints) and
   * `integrations.github`, read when a feed or a registry is asked.
   */
  config: Config;
  /** Work everything out, write nothing (the results carry the changes). */
  dryRun?: boolean;
  logger?: BumpLogger;
}

const README_FILE = 'README.md';
/** A Dockerfile larger than this is not a Dockerfile a bump edits. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Text of an error for a person: the file and position when the edit knows them. */
function reasonOf(error: unknown, label: string): string {
  if (error instanceof ContainerEditError) {
    const where =
      error.line !== undefined
        ? `${label}:${error.line}:${error.column}`
        : label;
    return `${where}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The network side of a bump, created when first needed (a local bump needs no config). */
function lazyUpstreams(options: BumpContainersOptions) {
  let created: { engine: DriftEngine; context: SourceContext } | undefined;
  const registryGet = createRegistryGet();
  const upstreams = () => {
    if (!created) {
      let config: DriftConfig;
      try {
        config = readDriftConfig(options.config);
      } catch (error) {
        throw new BumpError(toError(error).message);
      }
      const engine = new DriftEngine({
        config,
        cache: new InMemoryHttpCache(),
        logger: options.logger,
      });
      created = { engine, context: { config, http: engine.http } };
    }
    return created;
  };
  return {
    engine: () => upstreams().engine,
    manifestDigest: (image: { name: string; tag: string }) =>
      fetchManifestDigest(image, upstreams().context, registryGet),
  };
}

/** A bump to make, with what drift knows about it. */
interface Job {
  slug: string;
  /** What planBump moves. */
  moves: Pick<PlanBumpOptions, 'to' | 'companions' | 'base'>;
  /** A behind run: what cannot move is skipped, the rest goes ahead. */
  behind?: boolean;
  drift?: DriftResult;
  /** Moves that drift could not check (a behind run), reported with the result. */
  skipped?: BumpResult['skipped'];
}

/** A request as a job, or why it is not one. */
function requestJob(request: BumpRequest): Job | string {
  const { slug, to, companion, base } = request;
  if (companion !== undefined) {
    return to === undefined
      ? `say which version companion ${JSON.stringify(companion)} goes to (to)`
      : {
          slug,
          moves: {
            companions: [{ name: companion, to }],
            base: base ? {} : undefined,
          },
        };
  }
  if (to === undefined && !base) {
    return 'nothing to bump: give the version to go to (to), or base to re-pin the base image';
  }
  return { slug, moves: { to, base: base ? {} : undefined } };
}

/** The moves a behind run makes of one container's drift: what is behind, each to its latest. */
function behindMoves(drift: DriftResult, base?: boolean): Job['moves'] {
  const moves: Job['moves'] = {};
  if (drift.status === 'behind' && drift.latest) moves.to = drift.latest;
  const companions = (drift.companions ?? [])
    .filter(c => c.status === 'behind' && c.latest)
    .map(c => ({
      name: c.name,
      to: c.latest!,
      ...(c.releaseNotesUrl ? { releaseNotesUrl: c.releaseNotesUrl } : {}),
    }));
  if (companions.length > 0) moves.companions = companions;
  const image = drift.baseImage;
  if (base && image) {
    // A tag that carries the version (apache/airflow:3.1.5-python3.10) moves with the version.
    const carriesVersion =
      image.tag !== undefined &&
      replaceVersionInTag(image.tag, drift.current, drift.current) !==
        undefined;
    if (
      image.status === 'behind' &&
      image.latestTag &&
      image.latestTag !== image.tag &&
      !carriesVersion
    ) {
      moves.base = { tag: image.latestTag };
    } else if (baseImageRebuilt(image)) {
      moves.base = {};
    }
  }
  return moves;
}

function hasMoves(moves: Job['moves']): boolean {
  return !!moves.to || !!moves.companions?.length || !!moves.base;
}

function errorResult(
  slug: string,
  error: string,
  extra: Partial<BumpResult> = {},
): BumpResult {
  return { slug, ...extra, status: 'error', error, files: [], changes: [] };
}

/** Jobs for `behind`: every (named) container whose drift status is behind, to its latest. */
async function behindJobs(
  containersDir: string,
  options: BumpContainersOptions,
  engine: () => DriftEngine,
): Promise<{ jobs: Job[]; refused: BumpResult[] }> {
  const named = options.slugs?.length ? new Set(options.slugs) : undefined;
  const labelOf = (file: string) =>
    path.relative(path.dirname(containersDir), file).split(path.sep).join('/');
  const discovered = (
    await discoverContainers(containersDir, { fileLabel: labelOf })
  ).filter(c => !named || named.has(c.folderName));
  const refused: BumpResult[] = [];
  for (const slug of named ?? []) {
    if (!discovered.some(c => c.folderName === slug)) {
      refused.push(errorResult(slug, `no container ${JSON.stringify(slug)}`));
    }
  }
  const targets: DriftTarget[] = [];
  for (const c of discovered) {
    const version = c.result?.resolved?.version;
    if (!version || !c.result?.ok) {
      const first = c.result?.problems.find(p => p.severity === 'error');
      const message = `${CONTAINERS_FOLDER_NAME}/${
        c.folderName
      }/${CONTAINER_FILE_NAME} has problems, fix them first${
        first ? `: ${formatProblem(first)}` : ''
      }`;
      if (named) refused.push(errorResult(c.folderName, message));
      else options.logger?.warn(`skipped ${c.folderName}: ${message}`);
      continue;
    }
    const target = containerDriftTarget(
      c.folderName,
      c.result.container,
      c.result.resolved,
    );
    // The base image's tags and manifest are asked only when base images are re-pinned.
    if (!options.base) delete target.baseImage;
    targets.push(target);
  }
  const checked = targets.length ? await engine().check(targets) : [];
  const jobs: Job[] = [];
  for (const drift of checked) {
    const moves = behindMoves(drift, options.base);
    const failed =
      drift.status === 'error'
        ? `drift check failed: ${drift.error ?? 'unknown error'}`
        : undefined;
    if (hasMoves(moves)) {
      // What is behind moves even when the main version's feed failed.
      jobs.push({
        slug: drift.slug,
        moves,
        behind: true,
        drift,
        ...(failed
          ? { skipped: [{ what: 'version.current', reason: failed }] }
          : {}),
      });
    } else if (failed) {
      if (named) refused.push(errorResult(drift.slug, failed));
      else options.logger?.warn(`skipped ${drift.slug}: ${failed}`);
    } else if (named) {
      refused.push({
        slug: drift.slug,
        from: drift.current,
        to: drift.current,
        status: 'unchanged',
        files: [],
        changes: [],
      });
    }
  }
  return { jobs, refused };
}

/** A container's file, refused when the slug names no container folder or the file is too large. */
async function readContainerText(
  containersDir: string,
  slug: string,
  label: string,
): Promise<string> {
  const file = path.join(containersDir, slug, CONTAINER_FILE_NAME);
  const info =
    isContainerFolderName(slug) && !/[/\\]/.test(slug)
      ? await fs.stat(file).catch(() => undefined)
      : undefined;
  if (!info?.isFile()) {
    throw new BumpError(
      `no container ${JSON.stringify(slug)}: ${label} does not exist`,
    );
  }
  if (info.size > DEFAULT_MAX_CONTAINER_YAML_BYTES) {
    throw new BumpError(
      `${label} is ${info.size} bytes, more than a container.yaml may have`,
    );
  }
  // A bump writes where it read: never through a link to a file outside the checkout.
  const checkout = await fs.realpath(path.dirname(containersDir));
  if (!(await fs.realpath(file)).startsWith(`${checkout}${path.sep}`)) {
    throw new BumpError(
      `${label} is a link to a file outside the checkout; bump it where it lives`,
    );
  }
  return fs.readFile(file, 'utf8');
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The README with this container's row of the generated table regenerated; only with a table. */
function bumpReadme(readme: string | undefined, plan: PlannedBump) {
  if (readme === undefined || !readme.includes(README_BLOCK_BEGIN)) {
    return readme;
  }
  return updateReadmeContainers(readme, [plan.readmeRow], { mode: 'merge' });
}

/** One run of {@link bumpContainers}: where it writes, and the README as the bumps leave it. */
interface BumpRun {
  containersDir: string;
  /** The checkout: file changes are relative to it. */
  platformDir: string;
  /** The README with the rows of the containers bumped so far (undefined: there is none). */
  readme?: string;
  manifestDigest(image: { name: string; tag: string }): Promise<string>;
  dryRun?: boolean;
}

/** Writes a container's files together; puts back those already written when one fails. */
async function writeChanges(run: BumpRun, changes: BumpFileChange[]) {
  const written: BumpFileChange[] = [];
  try {
    for (const change of changes) {
      await fs.writeFile(path.join(run.platformDir, change.path), change.after);
      written.push(change);
    }
  } catch (error) {
    for (const change of written) {
      await fs
        .writeFile(path.join(run.platformDir, change.path), change.before)
        .catch(() => undefined);
    }
    throw error;
  }
}

/** Where a path relative to the platform is, `/`-separated. */
function platformPath(run: BumpRun, file: string): string {
  return path.relative(run.platformDir, file).split(path.sep).join('/');
}

/**
 * The Dockerfile with the defaults of the changed build args moved, when the container has one
 * inside its folder (the parser keeps build.context and build.dockerfile there).
 */
async function dockerfileChange(
  run: BumpRun,
  slug: string,
  plan: PlannedBump,
): Promise<BumpFileChange | undefined> {
  if (plan.buildArgs.length === 0) return undefined;
  const folder = path.join(run.containersDir, slug);
  const file = path.resolve(folder, plan.dockerfile);
  const inside = path.relative(folder, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  const info = await fs.lstat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_DOCKERFILE_BYTES) return undefined;
  const before = await fs.readFile(file, 'utf8');
  const after = moveDockerfileArgs(before, plan.buildArgs);
  return after === before
    ? undefined
    : { path: platformPath(run, file), before, after };
}

/** The files one bump changes: container.yaml, its Dockerfile's ARG defaults, the README row. */
async function fileChanges(
  run: BumpRun,
  slug: string,
  label: string,
  text: string,
  plan: PlannedBump,
): Promise<{ changes: BumpFileChange[]; readme?: string }> {
  const changes: BumpFileChange[] = [
    { path: label, before: text, after: plan.text },
  ];
  const dockerfile = await dockerfileChange(run, slug, plan);
  if (dockerfile) changes.push(dockerfile);
  // The table shows version.current only: a companion or base image leaves it alone.
  const readme =
    plan.to === plan.from ? run.readme : bumpReadme(run.readme, plan);
  if (readme !== undefined && readme !== run.readme) {
    changes.push({
      path: README_FILE,
      before: run.readme ?? '',
      after: readme,
    });
  }
  return { changes, readme };
}

/** One container's bump: read, work out, check, then write its files (unless a dry run). */
async function bumpOne(run: BumpRun, job: Job): Promise<BumpResult> {
  const { slug, moves, drift } = job;
  const label = `${path.basename(
    run.containersDir,
  )}/${slug}/${CONTAINER_FILE_NAME}`;
  let text = '';
  let plan: PlannedBump;
  try {
    text = await readContainerText(run.containersDir, slug, label);
    plan = await planBump({
      slug,
      label,
      text,
      ...moves,
      skipWhatCannotMove: job.behind,
      manifestDigest: run.manifestDigest,
    });
  } catch (error) {
    const known = text
      ? parseContainerYaml(text, { file: label }).resolved
      : undefined;
    return errorResult(slug, reasonOf(error, label), {
      name: known?.name,
      from: known?.version.current,
      to: moves.to,
    });
  }
  const skipped = [...(job.skipped ?? []), ...plan.skipped];
  const base: BumpResult = {
    slug,
    name: plan.name,
    from: plan.from,
    to: plan.to,
    status: plan.status,
    files: [],
    changes: [],
    ...(skipped.length > 0 ? { skipped } : {}),
  };
  if (plan.status === 'unchanged') return base;
  const versionMoved = plan.to !== plan.from;

  let changes: BumpFileChange[];
  try {
    const computed = await fileChanges(run, slug, label, text, plan);
    changes = computed.changes;
    if (!run.dryRun) await writeChanges(run, changes);
    run.readme = computed.readme;
  } catch (error) {
    return errorResult(slug, reasonOf(error, label), base);
  }
  return withoutUndefined({
    ...base,
    files: changes.map(c => c.path),
    changes,
    change: versionMoved
      ? changeOfDistance(drift?.behind) ?? plan.change
      : undefined,
    releaseNotesUrl: versionMoved ? drift?.releaseNotesUrl : undefined,
    rollbackRunbook: runbookPath(plan.rollbackRunbook, slug, run.containersDir),
    baseImage: plan.baseImage,
    companions: plan.companions.length > 0 ? plan.companions : undefined,
  });
}

/** The result without the fields that are not there (results are compared and printed). */
function withoutUndefined(result: BumpResult): BumpResult {
  return Object.fromEntries(
    Object.entries(result).filter(([, value]) => value !== undefined),
  ) as unknown as BumpResult;
}

/**
 * Bumps containers of a platform: sets `version.current` in each `containers/<slug>/container.yaml`
 * (in place, only the changed scalars differ), moves a base image whose tag carries the version
 * (re-pinning its digest from the registry), sets the Dockerfile's `ARG` defaults that were a
 * changed build arg's old value (so the image's static tests keep agreeing), and regenerates the
 * container's row of the README's container table. A request may instead move a companion (the
 * build arg its token names) or re-pin the base image's digest (`base`). With `behind`, the drift
 * engine (the one `dockyard drift` and the backend use) decides what moves and to what: the
 * version and every companion that is behind, and with `base` base images rebuilt or behind.
 *
 * Every container is worked out in memory and checked with the container.yaml parser before its
 * files are written, together; a refusal (unknown slug, invalid version, a registry without the
 * new tag, an invalid result) writes nothing for that container and says why in its result. One
 * container's refusal never stops the others. Containers are handled one after the other, so the
 * README accumulates their rows. Nothing is written with `dryRun`.
 *
 * @returns one result per asked container (with `behind`: per container that was behind, plus
 *   each named one that was not or could not be checked), in the order asked.
 *
 * @public
 */
export async function bumpContainers(
  options: BumpContainersOptions,
): Promise<BumpResult[]> {
  if (!!options.requests === !!options.behind) {
    throw new BumpError('pass either requests or behind');
  }
  const containersDir = await resolveContainersDir(options.platformDir);
  const platformDir = path.dirname(containersDir);
  const upstreams = lazyUpstreams(options);
  const run: BumpRun = {
    containersDir,
    platformDir,
    readme: await readIfPresent(path.join(platformDir, README_FILE)),
    manifestDigest: upstreams.manifestDigest,
    dryRun: options.dryRun,
  };

  const results: BumpResult[] = [];
  // Jobs, and the refusals of requests that are not one, in the order asked.
  let jobs: Array<Job | BumpResult>;
  if (options.behind) {
    const behind = await behindJobs(containersDir, options, upstreams.engine);
    jobs = behind.jobs;
    results.push(...behind.refused);
  } else {
    jobs = (options.requests ?? []).map(request => {
      const job = requestJob(request);
      return typeof job === 'string'
        ? errorResult(request.slug, job, { to: request.to })
        : job;
    });
  }
  const seen = new Set<string>();
  for (const job of jobs) {
    if ('status' in job) {
      results.push(job);
      continue;
    }
    const { slug } = job;
    if (seen.has(slug)) {
      results.push(
        errorResult(slug, `${slug} is asked more than once`, {
          to: job.moves.to ?? job.moves.companions?.[0]?.to,
        }),
      );
      continue;
    }
    seen.add(slug);
    results.push(await bumpOne(run, job));
  }
  return options.behind
    ? results.sort((a, b) => compareSlugs(a.slug, b.slug))
    : results;
}

/** A runbook as the platform's root sees it: `../../docs/x.md` of containers/spark is `docs/x.md`. */
function runbookPath(
  runbook: string | undefined,
  slug: string,
  containersDir: string,
): string | undefined {
  if (!runbook) return undefined;
  if (/^https?:\/\//.test(runbook)) return runbook;
  const folder = path.posix.join(path.basename(containersDir), slug);
  const resolved = path.posix.normalize(path.posix.join(folder, runbook));
  return resolved.startsWith('../') ? undefined : resolved;
}

/** Code-point order, the same on every machine (unlike locale order). */
function compareSlugs(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
