import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import {
  CustomErrorBase,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { ContainerFile } from '@dockyard/plugin-containers-common';
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import {
  dirname,
  isAbsolute,
  relative,
  resolve,
  sep,
  win32,
} from 'node:path';
import { fileLanguage } from './fileLanguage';
import { FilesConfig } from './filesConfig';

/** A file over `containers.files.maxBytes`: 413. */
export class FileTooLargeError extends CustomErrorBase {
  name = 'FileTooLargeError' as const;
  statusCode = 413;
}

/** A file that is not UTF-8 text: 415. */
export class NotTextFileError extends CustomErrorBase {
  name = 'NotTextFileError' as const;
  statusCode = 415;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/** `.git`, `.env`, `.npmrc`: where a checkout keeps what is not for readers of a runbook. */
function hiddenSegment(path: string): string | undefined {
  return path
    .split(/[\\/]/)
    .find(
      segment => segment.startsWith('.') && segment !== '.' && segment !== '..',
    );
}

/** A real path must not pass through a hidden file or folder under its real root either. */
function refuseHidden(path: string, realRoot: string, realPath: string) {
  const hidden = hiddenSegment(relative(realRoot, realPath));
  if (hidden) {
    throw new NotAllowedError(
      `${path} leads to a hidden file or folder (${hidden}), which is not served`,
    );
  }
}

/** Where Linux lists the open files of this process, each a link to the file's path. */
const PROC_SELF_FD = '/proc/self/fd';

/**
 * The real path of the file `handle` has open, which `openedAs` named at the time.
 *
 * On Linux the kernel records it (`/proc/self/fd/N`): read with readlink, not realpath, since
 * realpath would walk that path again through the folders that may be being swapped. Without
 * /proc (macOS), `openedAs` is resolved again and must still name the very file that was opened
 * (same device and inode), else undefined: a narrower check, which a second swap timed between
 * the two lookups could pass, so deployments should run on Linux.
 *
 * @param procSelfFd - only for tests of the fallback
 */
export async function openedFilePath(
  handle: FileHandle,
  openedAs: string,
  procSelfFd: string = PROC_SELF_FD,
): Promise<string | undefined> {
  try {
    return await fs.readlink(`${procSelfFd}/${handle.fd}`);
  } catch (error) {
    if (!(isError(error) && error.code === 'ENOENT')) {
      throw error;
    }
  }
  const [opened, now] = await Promise.all([
    handle.stat(),
    fs.realpath(openedAs).then(
      async real => ({ real, stat: await fs.stat(real) }),
      () => undefined,
    ),
  ]);
  return now && now.stat.dev === opened.dev && now.stat.ino === opened.ino
    ? now.real
    : undefined;
}

/**
 * Reads the files a container.yaml points at (`runbook`, `compose_example`, `decision.adr`,
 * config files), for containers read from a local folder: the path is resolved against the
 * container's folder and served only when it is a text file inside one of the allowed roots.
 */
export class ContainerFileReader {
  private readonly allowedRoots: string[];
  private readonly maxBytes: number;

  constructor(config: FilesConfig) {
    this.allowedRoots = config.allowedRoots;
    this.maxBytes = config.maxBytes;
  }

  /**
   * @param containerYaml - the entity's `dockyard.io/container-yaml` location,
   *   `file:/…/containers/<slug>/container.yaml`
   * @param path - a path as written in that container.yaml, relative to its folder
   */
  async read(containerYaml: string, path: string): Promise<ContainerFile> {
    const containerDir = this.containerFolder(containerYaml);
    const { wanted, root } = this.requestedPath(containerDir, path);
    const realPath = await this.realPathInRoot(path, wanted, root);

    // Open without following a link as the last step and without blocking on a FIFO, then look
    // at what was opened.
    const handle = await fs.open(
      realPath,
      fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW,
    );
    try {
      const bytes = await this.readOpened(handle, path, realPath);
      return {
        path,
        content: this.decodeText(path, bytes),
        language: fileLanguage(path),
      };
    } finally {
      await handle.close();
    }
  }

  /**
   * The checks on the path as written, before the file system is asked anything: where it points
   * (`wanted`) and the allowed root that holds it.
   */
  private requestedPath(
    containerDir: string,
    path: string,
  ): { wanted: string; root: string } {
    if (!path || path.includes('\0')) {
      throw new InputError(
        'path must be a file path relative to the container folder, e.g. ../../docs/runbooks/rollback.md',
      );
    }
    if (isAbsolute(path) || win32.isAbsolute(path)) {
      throw new InputError(
        `path must be relative to the container folder, not absolute: ${path}`,
      );
    }
    if (!this.rootOf(containerDir)) {
      throw new NotAllowedError(
        `The container folder is outside the folders files are served from (containers.files.allowedRoots)`,
      );
    }

    // The real path, through any symlink, must stay in a root.
    const wanted = resolve(containerDir, path);
    const root = this.rootOf(wanted);
    if (!root) {
      throw new NotAllowedError(
        `${path} is outside the folders files are served from (containers.files.allowedRoots)`,
      );
    }
    const hidden = hiddenSegment(path);
    if (hidden) {
      throw new NotAllowedError(
        `${path} names a hidden file or folder (${hidden}), which is not served`,
      );
    }
    return { wanted, root };
  }

  /** `wanted` with every symlink resolved, which must not pass through a hidden file or folder. */
  private async realPathInRoot(
    path: string,
    wanted: string,
    root: string,
  ): Promise<string> {
    let realPath: string;
    try {
      realPath = await fs.realpath(wanted);
    } catch (error) {
      if (isError(error) && error.code === 'ENOENT') {
        throw new NotFoundError(`${path} does not exist`);
      }
      throw error;
    }
    refuseHidden(path, await fs.realpath(root), realPath);
    return realPath;
  }

  /** The bytes of the file `handle` has open, once it is known to be a small regular file in a root. */
  private async readOpened(
    handle: FileHandle,
    path: string,
    realPath: string,
  ): Promise<Buffer> {
    // realPath was checked before the open, but a folder on it swapped for a symlink in between
    // makes the open land elsewhere: check where it landed.
    const opened = await openedFilePath(handle, realPath);
    const openedRoot = opened && (await this.realRootOf(opened));
    if (!openedRoot) {
      throw new NotAllowedError(
        `${path} left the folders files are served from (containers.files.allowedRoots) while it was being opened`,
      );
    }
    refuseHidden(path, openedRoot, opened);
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new InputError(
        `${path} is ${
          stat.isDirectory() ? 'a folder' : 'not a regular file'
        }, not a file that can be shown`,
      );
    }
    if (stat.size > this.maxBytes) {
      throw new FileTooLargeError(
        `${path} is ${kib(stat.size)}; files over ${kib(
          this.maxBytes,
        )} are not shown in the portal`,
      );
    }
    const buffer = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(buffer, 0, stat.size, 0);
    return buffer.subarray(0, bytesRead);
  }

  private containerFolder(containerYaml: string): string {
    let location: { type: string; target: string };
    try {
      location = parseLocationRef(containerYaml);
    } catch {
      throw new InputError(
        `dockyard.io/container-yaml is not a location: ${containerYaml}`,
      );
    }
    if (location.type === 'url') {
      throw new InputError(
        `This container is read from ${location.target}; its files are not served by the portal, open them there`,
      );
    }
    if (location.type !== 'file' || !isAbsolute(location.target)) {
      throw new InputError(
        `Files are served for containers read from a local folder (file:/…/container.yaml), not ${containerYaml}`,
      );
    }
    return dirname(location.target);
  }

  /**
   * The real allowed root that holds `realPath`, a path without symlinks, compared as written:
   * resolving it again would walk the folders that may be being swapped.
   */
  private async realRootOf(realPath: string): Promise<string | undefined> {
    for (const root of this.allowedRoots) {
      const realRoot = await fs.realpath(root).catch(() => undefined);
      if (realRoot === undefined) continue;
      const inside = relative(realRoot, realPath);
      if (
        !isAbsolute(inside) &&
        inside !== '..' &&
        !inside.startsWith(`..${sep}`)
      ) {
        return realRoot;
      }
    }
    return undefined;
  }

  /** The allowed root that `path` resolves into, following symlinks. */
  private rootOf(path: string): string | undefined {
    return this.allowedRoots.find(root => {
      try {
        resolveSafeChildPath(root, path);
        return true;
      } catch {
        // Outside this root, or a root that cannot be read: not served from it.
        return false;
      }
    });
  }

  private decodeText(path: string, bytes: Buffer): string {
    // A NUL byte never occurs in text; invalid UTF-8 is binary or another encoding.
    if (!bytes.includes(0)) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        // fall through
      }
    }
    throw new NotTextFileError(
      `${path} is not a UTF-8 text file, so it is not shown in the portal`,
    );
  }
}
