import { promises as fs, readFile, stat } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isError } from '@backstage/errors';
import pLimit from 'p-limit';
import {
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
  containerTooLarge,
  DEFAULT_MAX_CONTAINER_YAML_BYTES,
  parseContainerYaml,
  unreadableFileProblem,
  type ContainerParseResult,
} from '@dockyard/plugin-containers-common';

/** Enough parallel reads to hide disk latency without running out of file handles. */
const DEFAULT_CONCURRENCY = 64;
// The callback API reads thousands of small files about twice as fast as fs.promises' FileHandle.
const statFile = promisify(stat);
const readTextFile = promisify(readFile);

/**
 * Whether a folder under `containers/` is a container: not one starting with `_` (the template,
 * `_template`, holds placeholders and is not a container on its own) or `.` (hidden).
 *
 * @public
 */
export function isContainerFolderName(name: string): boolean {
  return name.length > 0 && !name.startsWith('_') && !name.startsWith('.');
}

/**
 * One container found by {@link discoverContainers}.
 *
 * @public
 */
export interface DiscoveredContainer {
  /** The folder's name, which the container's slug must equal. */
  folderName: string;
  /** The container folder (absolute). */
  dir: string;
  /** Its container.yaml (absolute). */
  file: string;
  /** The file's text, when it could be read (not over the size limit). */
  text?: string;
  /**
   * The parse result; with `parse: false`, only for a file that could not be read or is over the
   * size limit.
   */
  result?: ContainerParseResult;
}

/**
 * Options of {@link discoverContainers}.
 *
 * @public
 */
export interface DiscoverContainersOptions {
  /** Parse each file (default true); false only reads them (a caller that parses itself). */
  parse?: boolean;
  /** How many files are read at once (default 64). */
  concurrency?: number;
  /** Files larger than this are not read (default 256 KiB, the parser's limit). */
  maxBytes?: number;
  /** How a file is named in problems (default: its absolute path). */
  fileLabel?: (file: string) => string;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folder that holds the container folders: `<dir>/containers` when `dir` is a checkout (it has
 * a `containers/` folder), else `dir` itself. Throws when it is not a folder.
 *
 * @public
 */
export async function resolveContainersDir(dir: string): Promise<string> {
  const absolute = path.resolve(dir);
  const nested = path.join(absolute, CONTAINERS_FOLDER_NAME);
  // A container named "containers" (containers/containers/container.yaml) is not a checkout.
  const nestedIsContainer = await fs
    .stat(path.join(nested, CONTAINER_FILE_NAME))
    .then(
      () => true,
      () => false,
    );
  if ((await isDirectory(nested)) && !nestedIsContainer) {
    return nested;
  }
  if (!(await isDirectory(absolute))) {
    throw new Error(
      `no containers folder at ${absolute}: expected a checkout with a containers/ folder, or the containers/ folder itself`,
    );
  }
  return absolute;
}

function readError(label: string, error: unknown): ContainerParseResult {
  return { ok: false, problems: [unreadableFileProblem(label, error)] };
}

/**
 * A container.yaml's text, or the problem that keeps it from being read (not a file, over the
 * size limit, read without its content). A missing file throws, as `fs` does, so that discovery
 * can skip folders without one.
 */
async function readWithinLimit(
  file: string,
  label: string,
  maxBytes: number,
): Promise<{ text: string } | { result: ContainerParseResult }> {
  const info = await statFile(file);
  if (!info.isFile()) {
    return { result: readError(label, new Error('not a file')) };
  }
  if (info.size > maxBytes) {
    return { result: containerTooLarge(label, info.size, maxBytes) };
  }
  return { text: await readTextFile(file, 'utf8') };
}

/**
 * One container.yaml read and parsed, never throwing: a missing, unreadable or oversized file is a
 * `unreadable` problem on line 1. `folderName`, when given, is the folder the slug must equal.
 *
 * @public
 */
export async function readContainerFile(
  file: string,
  options: { label?: string; folderName?: string; maxBytes?: number } = {},
): Promise<ContainerParseResult> {
  const label = options.label ?? file;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONTAINER_YAML_BYTES;
  try {
    const read = await readWithinLimit(file, label, maxBytes);
    if ('result' in read) return read.result;
    return parseContainerYaml(read.text, {
      file: label,
      folderName: options.folderName,
      maxBytes,
    });
  } catch (error) {
    return readError(label, error);
  }
}

/**
 * Every `containers/<folder>/container.yaml`, in folder-name order, with its parse result. `dir` is
 * a checkout (with a `containers/` folder) or the containers folder itself. Folders starting with
 * `_` or `.` are skipped (see {@link isContainerFolderName}), and so are folders without a
 * container.yaml. Files are read with bounded concurrency and parsed synchronously; files over
 * the size limit are reported without being read.
 *
 * @public
 */
export async function discoverContainers(
  dir: string,
  options: DiscoverContainersOptions = {},
): Promise<DiscoveredContainer[]> {
  const containersDir = await resolveContainersDir(dir);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONTAINER_YAML_BYTES;
  const label = options.fileLabel ?? ((file: string) => file);
  const entries = await fs.readdir(containersDir, { withFileTypes: true });
  const folders = entries
    .filter(
      entry =>
        isContainerFolderName(entry.name) &&
        (entry.isDirectory() || entry.isSymbolicLink()),
    )
    .map(entry => entry.name)
    .sort();

  const limit = pLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
  const found = await Promise.all(
    folders.map(folderName =>
      limit(async (): Promise<DiscoveredContainer | undefined> => {
        const folder = path.join(containersDir, folderName);
        const file = path.join(folder, CONTAINER_FILE_NAME);
        const shown = label(file);
        let text: string | undefined;
        let result: ContainerParseResult | undefined;
        try {
          const read = await readWithinLimit(file, shown, maxBytes);
          if ('result' in read) result = read.result;
          else text = read.text;
        } catch (error) {
          const code = isError(error) ? error.code : undefined;
          if (code === 'ENOENT' || code === 'ENOTDIR') {
            return undefined;
          }
          result = readError(shown, error);
        }
        if (text !== undefined && options.parse !== false) {
          result = parseContainerYaml(text, {
            file: shown,
            folderName,
            maxBytes,
          });
        }
        return { folderName, dir: folder, file, text, result };
      }),
    ),
  );
  return found.filter((c): c is DiscoveredContainer => c !== undefined);
}
