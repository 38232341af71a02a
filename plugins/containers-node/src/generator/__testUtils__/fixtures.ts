import fs from 'node:fs/promises';
import path from 'node:path';
import type { NewContainerInput } from '@dockyard/plugin-containers-common';
import { REPO_TEMPLATE_DIR, tempDir } from '@dockyard/test-utils';

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
  const outer = await tempDir('platform');
  const root = path.join(outer, 'platform');
  await fs.cp(REPO_TEMPLATE_DIR, path.join(root, 'containers', '_template'), {
    recursive: true,
  });
  await fs.writeFile(path.join(root, 'README.md'), '# Platform\n');
  return root;
}
