/*
 * Writes N container folders for the ingestion benchmark: containers/<slug>/container.yaml,
 * each a copy of one of this repository's real containers under a new slug, plus, for the
 * built-in path, the very entities the module makes as catalog-info.yaml files: one per folder,
 * and `_interfaces/catalog-info.yaml` with the API and Resource entities.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { ContainersEntityProvider } from '@dockyard/plugin-catalog-backend-module-containers';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_CONTAINERS = resolve(__dirname, '../../../containers');

export const BENCH_DEFAULTS = {
  owner: 'group:default/data-platform-team',
  system: 'data-platform',
  lifecycle: 'production',
};

const silentLogger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** A provider for a local folder, outside any backend (the benchmark calls `read()`). */
export function benchProvider(dir: string): ContainersEntityProvider {
  return new ContainersEntityProvider(
    {
      id: 'bench',
      source: { type: 'path', path: dir },
      schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
      defaults: BENCH_DEFAULTS,
    },
    {
      logger: silentLogger,
      scheduler: undefined as never,
      urlReader: undefined as never,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    },
  );
}

export async function generateContainers(
  dir: string,
  count: number,
): Promise<void> {
  const templates: string[] = [];
  for (const name of (await fs.readdir(REPO_CONTAINERS)).sort()) {
    if (name.startsWith('_')) continue;
    templates.push(
      await fs.readFile(join(REPO_CONTAINERS, name, 'container.yaml'), 'utf8'),
    );
  }
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const original = template.match(/^slug: (.+)$/m)![1].trim();
    const slug = `${original}-${String(i).padStart(width, '0')}`;
    const text = template
      .replace(/^slug: .+$/m, `slug: ${slug}`)
      .replace(/^name: "?(.+?)"?$/m, (_, name) => `name: "${name} ${i}"`);
    await fs.mkdir(join(dir, slug));
    await fs.writeFile(join(dir, slug, 'container.yaml'), text);
  }

  const outcome = await benchProvider(dir).read();
  if (!outcome.changed) throw new Error('nothing read');
  const failed = outcome.result.reports.filter(r => !r.container);
  if (failed.length) {
    throw new Error(
      `generated files do not parse: ${JSON.stringify(failed[0].problems[0])}`,
    );
  }
  const interfaces: string[] = [];
  for (const { entity } of outcome.result.entities) {
    // The catalog sets the location annotations itself for registered files.
    const annotations = { ...entity.metadata.annotations };
    delete annotations['backstage.io/managed-by-location'];
    delete annotations['backstage.io/managed-by-origin-location'];
    const registered = {
      ...entity,
      metadata: { ...entity.metadata, annotations },
    };
    const slug = entity.metadata.annotations?.['dockyard.io/slug'];
    if (entity.kind === 'Component' && slug) {
      // JSON is YAML: the catalog reads it as its usual catalog-info.yaml.
      await fs.writeFile(
        join(dir, slug, 'catalog-info.yaml'),
        JSON.stringify(registered),
      );
    } else {
      interfaces.push(JSON.stringify(registered));
    }
  }
  await fs.mkdir(join(dir, '_interfaces'));
  await fs.writeFile(
    join(dir, '_interfaces', 'catalog-info.yaml'),
    interfaces.join('\n---\n'),
  );
}
