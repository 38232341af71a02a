import type { Command } from 'commander';
import { formatProblem } from '@dockyard/plugin-containers-common';
import {
  ReadmeBlockError,
  updateReadmeContainers,
  type ReadmeContainer,
} from '@dockyard/plugin-containers-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findContainersDir, loadAll } from '../lib/containers';
import {
  CliError,
  displayPath,
  processIo,
  runAction,
  type CliIo,
} from '../lib/context';

export interface ReadmeOptions {
  dir?: string;
  check?: boolean;
}

/**
 * `dockyard readme`: rewrites the container table in the root README (the block between
 * `<!-- dockyard:containers:begin -->` and `<!-- dockyard:containers:end -->`) from every valid
 * container.yaml. With `--check`, writes nothing and exits 1 when the table is out of date.
 */
export async function runReadme(
  options: ReadmeOptions,
  io: CliIo,
): Promise<number> {
  const containersDir = await findContainersDir(io, options.dir);
  const readmeFile = path.join(path.dirname(containersDir), 'README.md');
  const label = displayPath(io, readmeFile);
  const rows: ReadmeContainer[] = [];
  for (const container of await loadAll(io, containersDir)) {
    const resolved = container.result.resolved;
    if (
      !container.result.ok ||
      !resolved ||
      container.folderName !== resolved.slug
    ) {
      const first = container.result.problems.find(p => p.severity === 'error');
      io.stderr.write(
        `skipped ${container.label}: ${
          first ? formatProblem(first) : 'not valid'
        }\n`,
      );
      continue;
    }
    rows.push({
      slug: resolved.slug,
      name: resolved.name,
      summary: resolved.summary,
      current: resolved.version.current,
      strategy: resolved.version.strategy,
    });
  }
  const before = await fs.readFile(readmeFile, 'utf8').catch(error => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  let after: string;
  try {
    after = updateReadmeContainers(before, rows, { mode: 'replace' });
  } catch (error) {
    if (error instanceof ReadmeBlockError)
      throw new CliError(`${label}: ${error.message}`);
    throw error;
  }
  if (after === before) {
    io.stdout.write(`${label} lists all ${rows.length} containers\n`);
    return 0;
  }
  if (options.check) {
    io.stderr.write(
      `${label}: the container table is out of date; run yarn dockyard readme\n`,
    );
    return 1;
  }
  await fs.writeFile(readmeFile, after, 'utf8');
  io.stdout.write(
    `${label}: container table updated (${rows.length} containers)\n`,
  );
  return 0;
}

/** Registers `dockyard readme`. */
export function registerReadmeCommand(program: Command): void {
  program
    .command('readme')
    .description(
      "Write the container table of the root README.md (Dockyard's managed block) from every container.yaml",
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ and README.md are used (default: the current one)',
    )
    .option(
      '--check',
      'write nothing; exit 1 when the table is out of date (for CI)',
    )
    .action(async (options: ReadmeOptions) => {
      const io = processIo();
      await runAction('readme', io, () => runReadme(options, io));
    });
}
