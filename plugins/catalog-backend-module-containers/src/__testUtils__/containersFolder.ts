import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** This repository's containers/ folder (the platform's real images). */
export const REPO_CONTAINERS = resolve(__dirname, '../../../../containers');
/** The legacy files every reader must keep reading, when the shared folder is there. */
export const LEGACY_CONTAINERS = resolve(
  __dirname,
  '../../../../../shared/reference/container-yaml-v1',
);

/** The slugs of this repository's containers (folders with a container.yaml, not `_template`). */
export async function repoSlugs(): Promise<string[]> {
  const names = await fs.readdir(REPO_CONTAINERS);
  const slugs: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    if (await exists(join(REPO_CONTAINERS, name, 'container.yaml')))
      slugs.push(name);
  }
  return slugs;
}

/** A scratch containers/ folder that tests can change between refreshes. */
export class ContainersFolder {
  private constructor(readonly dir: string) {}

  /** An empty folder, or a copy of this repository's containers (container.yaml + README.md). */
  static async create(
    options: { copyRepo?: boolean } = {},
  ): Promise<ContainersFolder> {
    const dir = await fs.mkdtemp(join(tmpdir(), 'dockyard-containers-'));
    const folder = new ContainersFolder(dir);
    if (options.copyRepo) {
      for (const slug of await repoSlugs()) {
        await folder.copyFromRepo(slug);
      }
      // The scaffolder's template is not a container: it must be skipped.
      await folder.copyFromRepo('_template');
    }
    return folder;
  }

  async copyFromRepo(slug: string, as: string = slug): Promise<void> {
    for (const file of ['container.yaml', 'README.md']) {
      const from = join(REPO_CONTAINERS, slug, file);
      if (await exists(from)) {
        await this.write(as, file, await fs.readFile(from, 'utf8'));
      }
    }
  }

  async write(folder: string, file: string, content: string): Promise<string> {
    await fs.mkdir(join(this.dir, folder), { recursive: true });
    const path = join(this.dir, folder, file);
    await fs.writeFile(path, content);
    return path;
  }

  read(folder: string, file = 'container.yaml'): Promise<string> {
    return fs.readFile(join(this.dir, folder, file), 'utf8');
  }

  path(folder: string, file = 'container.yaml'): string {
    return join(this.dir, folder, file);
  }

  async remove(folder: string): Promise<void> {
    await fs.rm(join(this.dir, folder), { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

export async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}

/**
 * A small valid container.yaml; `extra` is appended as YAML (top-level keys).
 */
export function minimalContainerYaml(slug: string, extra = ''): string {
  return `name: "${slug} image"
slug: ${slug}
summary: "Runs ${slug} for the tests."
maintainers:
  - name: Test Team
    email: test-team@example.com
version:
  strategy: manual
  current: "1.0.0"
${extra}`;
}
