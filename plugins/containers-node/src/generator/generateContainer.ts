import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import {
  CONTAINERS_FOLDER,
  containerExistsError,
  containerFolderExists,
  readTemplateFolder,
  TEMPLATE_FOLDER,
  writeNewContainer,
} from './files';
import type { NewContainerInput } from '@dockyard/plugin-containers-common';
import {
  checkedNewContainerInput,
  renderNewContainer,
} from './renderContainer';
import { RenderedContainer } from './types';

/** Options of {@link generateContainer}. */
export interface GenerateContainerOptions {
  /** The platform checkout: holds `containers/_template` and gets `containers/<slug>`. */
  rootDir: string;
  input: NewContainerInput;
  /** Render and validate only; write nothing. */
  dryRun?: boolean;
}

/** A generated container. */
export interface GeneratedContainer extends RenderedContainer {
  /** The new folder, relative to the platform root (`containers/<slug>`). */
  folder: string;
  /** The new folder's absolute path (not created on a dry run). */
  path: string;
}

/**
 * Renders `containers/_template` of a platform checkout into `containers/<slug>`: checks the
 * inputs, refuses a slug whose folder exists, validates the rendered container.yaml with the
 * parser, and only then writes. This is what `dockyard new` and the scaffolder share.
 */
export async function generateContainer(
  options: GenerateContainerOptions,
): Promise<GeneratedContainer> {
  const rootDir = resolve(options.rootDir);
  // Checked before the slug is used in any path.
  const input = checkedNewContainerInput(options.input);
  const containersDir = resolveSafeChildPath(rootDir, CONTAINERS_FOLDER);
  const folder = `${CONTAINERS_FOLDER}/${input.slug}`;
  if (await containerFolderExists(containersDir, input.slug)) {
    throw containerExistsError(folder);
  }
  const template = await readTemplateFolder(
    resolveSafeChildPath(rootDir, TEMPLATE_FOLDER),
  );
  const rendered = renderNewContainer(template, input, {
    containersFolder: CONTAINERS_FOLDER,
  });
  const path = options.dryRun
    ? resolveSafeChildPath(containersDir, input.slug)
    : await writeNewContainer(rendered, containersDir, folder);
  return { ...rendered, folder, path };
}
