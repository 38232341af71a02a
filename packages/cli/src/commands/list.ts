import type { Command } from 'commander';
import { processIo, runAction, type CliIo } from '../lib/context';
import { loadAll } from '../lib/containers';
import { formatTable } from '../lib/table';

export interface ListOptions {
  dir?: string;
  json?: boolean;
}

/**
 * `dockyard list`: slug, name, strategy, current version and owner of every container; with
 * `--json` also its folder and `tests[]` (what `scripts/container-tests.sh` runs).
 */
export async function runList(
  options: ListOptions,
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll(io, options.dir);
  const rows = loaded.map(c => {
    const container = c.result.resolved;
    return {
      slug: container?.slug ?? c.folderName ?? c.label,
      name: container?.name ?? null,
      strategy: container?.version.strategy ?? null,
      current: container?.version.current ?? null,
      owner: container?.owner ?? null,
      maintainer: container?.maintainers[0]?.email ?? null,
      image: container?.publish?.image ?? null,
      file: c.label,
      dir: c.dir,
      tests: container?.tests ?? [],
      ok: c.result.ok,
    };
  });
  const invalid = loaded.filter(c => !c.result.ok);

  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    io.stdout.write(
      formatTable(
        ['SLUG', 'NAME', 'STRATEGY', 'CURRENT', 'OWNER'],
        rows.map(r => [
          r.slug,
          r.name ?? '(invalid: dockyard validate shows why)',
          r.strategy ?? '-',
          r.current ?? '-',
          r.owner ?? (r.maintainer ? `(maintainer ${r.maintainer})` : '-'),
        ]),
      ),
    );
  }
  for (const c of invalid) {
    io.stderr.write(
      `${c.label} is not valid: run dockyard validate ${c.label}\n`,
    );
  }
  return invalid.length === 0 ? 0 : 1;
}

/** Registers `dockyard list`. */
export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description(
      'List the containers: slug, name, version strategy, current version, owner',
    )
    .option(
      '--dir <dir>',
      'the checkout whose containers/ folder is read (default: the current directory)',
    )
    .option('--json', 'print a JSON array, one object per container')
    .addHelpText(
      'after',
      `
Examples:
  $ dockyard list
  $ dockyard list --json | jq -r '.[] | select(.strategy == "pypi") | .slug'`,
    )
    .action(async (options: ListOptions) => {
      const io = processIo();
      await runAction('list', io, () => runList(options, io));
    });
}
