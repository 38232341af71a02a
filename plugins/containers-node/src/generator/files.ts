import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';
import fs from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TemplateError } from './renderText';
import { RenderedContainer, TemplateFile } from './types';
import { CONTAINERS_FOLDER_NAME } from '@dockyard/plugin-containers-common';

/**
 * The template folder of a platform checkout, relative to its root.
 *
 * @public
 */
export const TEMPLATE_FOLDER = `${CONTAINERS_FOLDER_NAME}/_template`;

/**
 * Reads every file of a template folder. Symbolic links are refused: a template must not pull in
 * files from elsewhere on the machine.
 *
 * @public
 */
export async function readTemplateFolder(dir: string): Promise<TemplateFile[]> {
  const files: TemplateFile[] = [];
  const walk = async (folder: string) => {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        throw new TemplateError(
          `${relative(
            dir,
            path,
          )}: the template folder must not contain symbolic links`,
        );
      } else if (entry.isDirectory()) {
        await walk(path);
      } else if (entry.isFile()) {
        const stat = await fs.stat(path);
        files.push({
          path: relative(dir, path).split(sep).join('/'),
          content: await fs.readFile(path),
          executable: (stat.mode & 0o111) !== 0,
        });
      }
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') {
      throw new TemplateError(`the template folder ${dir} does not exist`);
    }
    throw error;
  }
  return files;
}

/**
 * Whether `containersDir/<slug>` exists (as anything: folder, file or link).
 *
 * @public
 */
export async function containerFolderExists(
  containersDir: string,
  slug: string,
): Promise<boolean> {
  let folder: string;
  try {
    folder = resolveSafeChildPath(containersDir, slug);
  } catch (error) {
    // A link that points out of the containers folder exists, and is nothing to write into.
    if (isError(error) && error.name === 'NotAllowedError') return true;
    throw error;
  }
  try {
    await fs.lstat(folder);
    return true;
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The error for a slug whose folder exists.
 *
 * @public
 */
export function containerExistsError(folder: string): ConflictError {
  return new ConflictError(
    `${folder} already exists: choose another slug (nothing was written)`,
  );
}

/**
 * Writes a rendered container to `containersDir/<slug>/`. Every path goes through
 * `resolveSafeChildPath`; the folder itself is created with a non-recursive mkdir, so an existing
 * folder (even one created a moment ago by someone else) is never written into. If any write
 * fails the folder is removed again, so a failure leaves nothing behind.
 *
 * @returns the absolute path of the new folder
 *
 * @public
 */
export async function writeNewContainer(
  rendered: RenderedContainer,
  containersDir: string,
  displayFolder = `${CONTAINERS_FOLDER_NAME}/${rendered.slug}`,
): Promise<string> {
  const folder = resolveSafeChildPath(containersDir, rendered.slug);
  // Resolve every file path before touching the disk.
  const targets = rendered.files.map(file => ({
    file,
    path: resolveSafeChildPath(folder, file.path),
  }));
  await fs.mkdir(containersDir, { recursive: true });
  try {
    await fs.mkdir(folder);
  } catch (error) {
    if (isError(error) && error.code === 'EEXIST') {
      throw containerExistsError(displayFolder);
    }
    throw error;
  }
  try {
    for (const { file, path } of targets) {
      await fs.mkdir(dirname(path), { recursive: true });
      await fs.writeFile(path, file.content, {
        flag: 'wx',
        mode: file.executable ? 0o755 : 0o644,
      });
    }
  } catch (error) {
    await fs.rm(folder, { recursive: true, force: true });
    throw error;
  }
  return folder;
}
