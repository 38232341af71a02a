import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import {
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { ContainerFile } from '@dockyard/plugin-containers-common';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, win32 } from 'node:path';
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

    let realPath: string;
    try {
      realPath = await fs.realpath(wanted);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${path} does not exist`);
      }
      throw error;
    }
    const realHidden = hiddenSegment(
      relative(await fs.realpath(root), realPath),
    );
    if (realHidden) {
      throw new NotAllowedError(
        `${path} leads to a hidden file or folder (${realHidden}), which is not served`,
      );
    }

    // Open without following links and without blocking on a FIFO, then look at what was opened.
    const handle = await fs.open(
      realPath,
      fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW,
    );
    try {
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
      return {
        path,
        content: this.decodeText(path, buffer.subarray(0, bytesRead)),
        language: fileLanguage(path),
      };
    } finally {
      await handle.close();
    }
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
