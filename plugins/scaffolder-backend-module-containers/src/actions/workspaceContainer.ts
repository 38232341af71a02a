import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import {
  formatProblem,
  parseContainerYaml,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';
import { ReadmeContainer } from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';

/**
 * Reads and validates the container.yaml of a container folder in the workspace; what the README
 * row shows of it. Other steps may have changed the folder, so it is checked again here.
 */
export async function readWorkspaceContainer(
  workspacePath: string,
  sourcePath: string,
  slug: string,
): Promise<ReadmeContainer> {
  const file = resolveSafeChildPath(
    resolveSafeChildPath(workspacePath, sourcePath),
    CONTAINER_FILE_NAME,
  );
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') {
      throw new InputError(
        `${sourcePath}/${CONTAINER_FILE_NAME} is not in the workspace: run containers:create first`,
      );
    }
    throw error;
  }
  const parsed = parseContainerYaml(text, {
    file: `${sourcePath}/${CONTAINER_FILE_NAME}`,
    folderName: slug,
  });
  if (!parsed.ok || !parsed.resolved) {
    throw new InputError(
      `${sourcePath}/${CONTAINER_FILE_NAME} does not validate:\n${parsed.problems
        .filter(p => p.severity === 'error')
        .map(p => `  - ${formatProblem(p)}`)
        .join('\n')}`,
    );
  }
  const { resolved } = parsed;
  return {
    slug,
    name: resolved.name,
    summary: resolved.summary,
    current: resolved.version.current,
    strategy: resolved.version.strategy,
  };
}
