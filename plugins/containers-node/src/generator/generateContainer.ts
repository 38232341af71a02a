import { ConflictError } from '@backstage/errors';
import {
  CONTAINERS_FOLDER_NAME,
  type NewContainerInput,
} from '@dockyard/plugin-containers-common';
import { containerFolderExists, writeNewContainer } from './files';
import { ContainerPlatform } from './platform';
import {
  checkedNewContainerInput,
  renderNewContainer,
} from './renderContainer';
import { RenderedContainer } from './types';

/**
 * Where `generateContainer` writes a new container.
 *
 * @public
 */
export interface ContainerDestination {
  /** The folder that receives `<slug>/`. */
  containersDir: string;
  /** That folder as messages and the result name it; default `containers`. */
  displayDir?: string;
  /** What holds that folder, for the message when `<slug>` is there already; default "the checkout". */
  holder?: string;
}

/**
 * Options of `generateContainer`.
 *
 * @public
 */
export interface GenerateContainerOptions {
  /** Where the template comes from and which slugs are taken. */
  platform: ContainerPlatform;
  /** What a person typed; checked before the platform is asked anything. */
  input: NewContainerInput;
  /** Where to write `<slug>/`; without it the container is rendered and validated only. */
  write?: ContainerDestination;
}

/**
 * A generated container, written.
 *
 * @public
 */
export interface GeneratedContainer extends RenderedContainer {
  /** The new folder as messages name it: `containers/<slug>`. */
  folder: string;
  /** The new folder's absolute path. */
  path: string;
}

/**
 * Makes a new container from a platform's `containers/_template`: checks the inputs, refuses a
 * slug the platform or the destination has already, renders in memory, validates the rendered
 * container.yaml with the parser, and only then writes `<slug>/`. The one way `dockyard new` and
 * the scaffolder's `containers:create` make a container.
 *
 * @public
 */
export async function generateContainer(
  options: GenerateContainerOptions & { write: ContainerDestination },
): Promise<GeneratedContainer>;
/** @public */
export async function generateContainer(
  options: GenerateContainerOptions,
): Promise<RenderedContainer>;
export async function generateContainer({
  platform,
  input,
  write,
}: GenerateContainerOptions): Promise<RenderedContainer | GeneratedContainer> {
  // Checked before the slug names any path or URL.
  const checked = checkedNewContainerInput(input);
  const { slug } = checked;
  if (await platform.containerExists(slug)) {
    throw new ConflictError(
      `${CONTAINERS_FOLDER_NAME}/${slug} already exists in the platform repository (${platform.location}): choose another slug (nothing was written)`,
    );
  }
  const displayDir = write?.displayDir ?? CONTAINERS_FOLDER_NAME;
  const folder = `${displayDir}/${slug}`;
  if (write && (await containerFolderExists(write.containersDir, slug))) {
    throw new ConflictError(
      `${folder} already exists in ${
        write.holder ?? 'the checkout'
      }: choose another slug (nothing was written)`,
    );
  }
  const rendered = renderNewContainer(await platform.readTemplate(), checked, {
    containersFolder: displayDir,
  });
  if (!write) {
    return rendered;
  }
  const path = await writeNewContainer(rendered, write.containersDir, folder);
  return { ...rendered, folder, path };
}
