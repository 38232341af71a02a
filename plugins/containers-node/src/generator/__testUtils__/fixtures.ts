import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { NewContainerInput } from '@dockyard/plugin-containers-common';

/** The platform template of this repository: what the generator renders in production. */
export const REPO_TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../../../containers/_template',
);

/** Minimal valid inputs; tests override what they exercise. */
export function validInput(
  overrides: Record<string, unknown> = {},
): NewContainerInput {
  return {
    slug: 'iceberg-rest',
    name: 'Iceberg REST Catalog',
    summary: 'The Apache Iceberg REST catalog server, backed by PostgreSQL.',
    owner: 'group:default/data-platform-team',
    version: {
      strategy: 'github-release',
      current: '1.10.0',
      source: { repo: 'apache/iceberg' },
    },
    ...overrides,
  } as NewContainerInput;
}

/**
 * A temporary platform checkout holding a copy of the repository's template, alone in a
 * temporary folder of its own (so a test can check nothing was written next to it either).
 */
export async function createPlatformCheckout(): Promise<string> {
  const outer = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-platform-'));
  const root = path.join(outer, 'platform');
  await fs.cp(REPO_TEMPLATE_DIR, path.join(root, 'containers', '_template'), {
    recursive: true,
  });
  await fs.writeFile(path.join(root, 'README.md'), '# Platform\n');
  return root;
}

/** Every file under `dir` with a hash of its content and its mode: compare before and after. */
export async function snapshotTree(
  dir: string,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        result[`${rel}/`] = 'dir';
        await walk(full);
      } else {
        const stat = await fs.lstat(full);
        const hash = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex')
          .slice(0, 16);
        result[rel] = `${hash} ${(stat.mode & 0o777).toString(8)}`;
      }
    }
  };
  await walk(dir);
  return result;
}
