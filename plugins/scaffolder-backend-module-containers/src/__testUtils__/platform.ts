import fs from 'node:fs/promises';
import path from 'node:path';
import { CheckpointContext } from '@backstage/plugin-scaffolder-node/alpha';
import { JsonValue } from '@backstage/types';
import { REPO_ROOT, REPO_TEMPLATE_DIR, tempDir } from '@dockyard/test-utils';

/** A platform checkout with the repository's template, a README and one existing container. */
export async function createPlatform(
  options: { readme?: string | false } = {},
) {
  const root = await tempDir('platform');
  await fs.cp(REPO_TEMPLATE_DIR, path.join(root, 'containers', '_template'), {
    recursive: true,
  });
  await fs.cp(
    path.join(REPO_ROOT, 'containers', 'trino'),
    path.join(root, 'containers', 'trino'),
    {
      recursive: true,
    },
  );
  if (options.readme !== false) {
    await fs.writeFile(
      path.join(root, 'README.md'),
      options.readme ?? '# Data platform\n\nOne folder per image.\n',
    );
  }
  return root;
}

/**
 * The scaffolder's checkpoint semantics (NunjucksWorkflowRunner): a key that succeeded before
 * returns its stored value without running `fn` again; a failure is not remembered as success.
 */
export function createCheckpointStore() {
  const state = new Map<string, JsonValue>();
  const calls: string[] = [];
  return {
    state,
    calls,
    async checkpoint<T extends JsonValue | void>(
      opts: CheckpointContext<T>,
    ): Promise<T> {
      calls.push(opts.key);
      if (state.has(opts.key)) return state.get(opts.key) as T;
      const value = await opts.fn();
      state.set(opts.key, JSON.parse(JSON.stringify(value ?? {})));
      return value;
    },
  };
}
