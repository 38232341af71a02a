import type { Command } from 'commander';
import {
  formatProblem,
  type ContainerImageTags,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import { CliError, processIo, runAction, type CliIo } from '../lib/context';
import { loadOne, type LoadedContainer } from '../lib/containers';
import { DEFAULT_PLATFORMS, buildPlan, resolveRevision } from '../lib/docker';

export interface ShowOptions {
  dir?: string;
  json?: boolean;
  revision?: string;
}

function section(title: string, lines: string[]): string {
  return lines.length
    ? `\n${title}\n${lines.map(l => `  ${l}`).join('\n')}\n`
    : '';
}

/** What `dockyard show` prints about one valid container. */
interface ShownContainer {
  container: LoadedContainer;
  /** The container with its tokens resolved. */
  resolved: ContainerSpec;
  revision?: string;
  images: ContainerImageTags[];
  platforms: string[];
}

/** `dockyard show SLUG`: the resolved metadata, build args and derived tags of one container. */
export async function runShow(
  slug: string,
  options: ShowOptions,
  io: CliIo,
): Promise<number> {
  const container = await loadOne(io, slug, options.dir);
  const { result } = container;
  if (!result.resolved) {
    for (const problem of result.problems) {
      io.stderr.write(`${formatProblem(problem)}\n`);
    }
    throw new CliError(
      `${container.label} is not valid; fix the problems above first`,
    );
  }
  const resolved = result.resolved;
  const revision = resolveRevision(io, container.dir, options.revision);
  const { images } = buildPlan({
    resolved,
    dir: container.dir,
    cwd: io.cwd,
    revision,
    push: false,
  });
  const shown: ShownContainer = {
    container,
    resolved,
    revision,
    images,
    platforms: resolved.build?.platforms ?? DEFAULT_PLATFORMS,
  };
  io.stdout.write(options.json ? showJson(shown) : showText(shown));
  return result.ok ? 0 : 1;
}

function showJson({
  container,
  resolved: c,
  revision,
  images,
  platforms,
}: ShownContainer): string {
  const { result } = container;
  return `${JSON.stringify(
    {
      file: container.label,
      ok: result.ok,
      slug: c.slug,
      revision: revision ?? null,
      tags: images[0]?.tags ?? [],
      images,
      buildArgs: c.build?.args ?? {},
      labels: c.publish?.labels ?? {},
      platforms,
      container: c,
      problems: result.problems,
    },
    null,
    2,
  )}\n`;
}

function showText(shown: ShownContainer): string {
  const { container, resolved: c, images } = shown;
  let out = `${summaryLines(shown).join('\n')}\n`;
  out += section(
    'image tags',
    images.flatMap(({ image, tags }) => tags.map(tag => `${image}:${tag}`)),
  );
  out += section(
    'build args',
    Object.entries(c.build?.args ?? {}).map(([k, v]) => `${k}=${v}`),
  );
  out += section(
    'labels',
    Object.entries(c.publish?.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  );
  out += section(
    'problems',
    container.result.problems.map(p => formatProblem(p)),
  );
  return out;
}

/** The heading and the field lines above the sections. */
function summaryLines({
  container,
  resolved: c,
  revision,
  platforms,
}: ShownContainer): string[] {
  const feed = upstreamOf(c.version);
  const lines = [
    `${c.slug} — ${c.name}`,
    `  ${c.summary}`,
    '',
    `  file         ${container.label}`,
    `  owner        ${c.owner ?? '-'}`,
    `  system       ${c.system ?? '-'}`,
    `  lifecycle    ${c.lifecycle ?? '-'}`,
    `  maintainers  ${c.maintainers
      .map(m => `${m.name} <${m.email}>`)
      .join(', ')}`,
    `  license      ${c.license ?? '-'}`,
    `  version      ${c.version.current} (${c.version.strategy}${
      feed ? `; ${feed}` : ''
    })`,
    `  base image   ${c.runtime?.base_image ?? '-'}`,
    `  platforms    ${platforms.join(', ')}`,
    `  revision     ${revision ?? '- (no git revision: no sha- tag)'}`,
  ];
  if (c.tags?.length) lines.push(`  tags         ${c.tags.join(', ')}`);
  if (c.catalog) lines.push(`  catalog      ${roleSummary(c.catalog)}`);
  return lines;
}

/** Where the version is read: the source's fields, or the endoflife component. */
function upstreamOf(version: ContainerSpec['version']) {
  const source = version.source;
  return source
    ? Object.entries(source)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
    : version.component && `component: ${version.component}`;
}

/** The container's part in the Iceberg catalog (its `catalog:` block): `provider of <kind>; uses …; rolls back to …`. */
function roleSummary(catalog: NonNullable<ContainerSpec['catalog']>): string {
  const uses = (catalog.uses ?? [])
    .map(u => `${u.type}${u.active ? ' (active)' : ''}`)
    .join(', ');
  return `${catalog.role}${
    catalog.provides ? ` of ${catalog.provides.kind}` : ''
  }${uses ? `; uses ${uses}` : ''}${
    catalog.rollback?.previous
      ? `; rolls back to ${catalog.rollback.previous}`
      : ''
  }`;
}

/** Registers `dockyard show`. */
export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description(
      'Show one container: resolved metadata, build args and labels with tokens resolved, derived image tags',
    )
    .argument(
      '<slug>',
      'the container: its folder name under containers/ (or a path to its folder)',
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read (default: the current directory)',
    )
    .option(
      '--json',
      'print JSON: the resolved container, tags, images, build args, labels',
    )
    .option(
      '--revision <commit>',
      'git revision for the sha- tag (default: git rev-parse HEAD of the container folder)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ dockyard show spark
  $ dockyard show spark --json | jq .tags`,
    )
    .action(async (slug: string, options: ShowOptions) => {
      const io = processIo();
      await runAction('show', io, () => runShow(slug, options, io));
    });
}
