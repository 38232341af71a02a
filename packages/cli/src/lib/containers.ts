import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toError } from '@backstage/errors';
import {
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
  type ContainerParseResult,
} from '@dockyard/plugin-containers-common';
import {
  discoverContainers,
  isContainerFolderName,
  readContainerFile,
  resolveContainersDir,
} from '@dockyard/plugin-containers-node';
import { CliError, displayPath, type CliIo } from './context';

/** One container.yaml, read and parsed. */
export interface LoadedContainer {
  /** Absolute path of the file. */
  file: string;
  /** The file as printed: relative to the user's working directory. */
  label: string;
  /** The container folder (absolute). */
  dir: string;
  /** The folder's name when the file is a `<folder>/container.yaml` (the slug must equal it). */
  folderName?: string;
  result: ContainerParseResult;
}

/** The folder whose `containers/` is read: `--dir`, else the working directory. */
export function baseDir(io: CliIo, dir?: string): string {
  return path.resolve(io.cwd, dir ?? '.');
}

async function isDirectory(dir: string): Promise<boolean> {
  return fs.stat(dir).then(
    s => s.isDirectory(),
    () => false,
  );
}

/**
 * The folder holding the container folders. With `--dir`: its `containers/` (or itself). Without:
 * the `containers/` folder of the working directory or of the nearest folder above it that has
 * one, so the commands work anywhere in a checkout.
 */
export async function findContainersDir(
  io: CliIo,
  dir?: string,
): Promise<string> {
  if (dir !== undefined) {
    try {
      return await resolveContainersDir(baseDir(io, dir));
    } catch (error) {
      throw new CliError(toError(error).message);
    }
  }
  for (let current = io.cwd; ; current = path.dirname(current)) {
    if (await isDirectory(path.join(current, CONTAINERS_FOLDER_NAME))) {
      return resolveContainersDir(current);
    }
    if (path.dirname(current) === current) {
      break;
    }
  }
  throw new CliError(
    `no containers/ folder in ${io.cwd} or above it: run the command in a checkout, pass --dir, or name the files`,
  );
}

/** Every `containers/<folder>/container.yaml` under a checkout (or a containers folder). */
export async function loadAll(
  io: CliIo,
  dir?: string,
): Promise<LoadedContainer[]> {
  const containersDir = await findContainersDir(io, dir);
  const found = await discoverContainers(containersDir, {
    fileLabel: file => displayPath(io, file),
  });
  return found.map(c => ({
    file: c.file,
    label: displayPath(io, c.file),
    dir: c.dir,
    folderName: c.folderName,
    result: c.result!,
  }));
}

/** Reads and parses one file; a file named container.yaml is checked against its folder. */
export async function loadFile(
  io: CliIo,
  file: string,
): Promise<LoadedContainer> {
  const label = displayPath(io, file);
  const dir = path.dirname(file);
  const folderName =
    path.basename(file) === CONTAINER_FILE_NAME
      ? path.basename(dir)
      : undefined;
  const result = await readContainerFile(file, { label, folderName });
  return { file, label, dir, folderName, result };
}

async function statOrUndefined(file: string) {
  try {
    return await fs.stat(file);
  } catch {
    return undefined;
  }
}

/**
 * The container.yaml files a path names: a file is itself; a folder is its container.yaml, or
 * the containers of a checkout / containers folder, or else the YAML files directly inside it.
 */
export async function loadPath(
  io: CliIo,
  given: string,
): Promise<LoadedContainer[]> {
  const target = path.resolve(io.cwd, given);
  const stat = await statOrUndefined(target);
  if (!stat) {
    throw new CliError(`${given}: no such file or folder`);
  }
  if (!stat.isDirectory()) {
    return [await loadFile(io, target)];
  }
  const own = path.join(target, CONTAINER_FILE_NAME);
  if ((await statOrUndefined(own))?.isFile()) {
    return [await loadFile(io, own)];
  }
  const containersDir = await resolveContainersDir(target);
  const found = await loadAll(io, containersDir);
  if (found.length > 0) {
    return found;
  }
  const loose = (await fs.readdir(target, { withFileTypes: true }))
    .filter(e => e.isFile() && /\.ya?ml$/.test(e.name))
    .map(e => path.join(target, e.name))
    .sort();
  if (loose.length === 0) {
    throw new CliError(
      `${given}: no container.yaml in this folder, in containers/<folder>/ below it, or as a .yaml file inside it`,
    );
  }
  return Promise.all(loose.map(file => loadFile(io, file)));
}

/** The container a command names: a slug under `<dir>/containers/`, or a path to a folder or file. */
export async function loadOne(
  io: CliIo,
  slugOrPath: string,
  dir?: string,
): Promise<LoadedContainer> {
  const looksLikePath =
    slugOrPath.includes('/') ||
    slugOrPath.includes(path.sep) ||
    slugOrPath.endsWith('.yaml') ||
    slugOrPath === '.';
  if (looksLikePath) {
    const target = path.resolve(io.cwd, slugOrPath);
    const stat = await statOrUndefined(target);
    if (!stat) {
      throw new CliError(`${slugOrPath}: no such file or folder`);
    }
    return loadFile(
      io,
      stat.isDirectory() ? path.join(target, CONTAINER_FILE_NAME) : target,
    );
  }
  const containersDir = await findContainersDir(io, dir);
  const file = path.join(containersDir, slugOrPath, CONTAINER_FILE_NAME);
  if (!isContainerFolderName(slugOrPath) || !(await statOrUndefined(file))) {
    const known = (await fs.readdir(containersDir, { withFileTypes: true }))
      .filter(e => isContainerFolderName(e.name) && e.isDirectory())
      .map(e => e.name)
      .sort();
    throw new CliError(
      `no container ${JSON.stringify(slugOrPath)} in ${displayPath(
        io,
        containersDir,
      )}${known.length ? ` (there are: ${known.join(', ')})` : ''}`,
    );
  }
  return loadFile(io, file);
}
