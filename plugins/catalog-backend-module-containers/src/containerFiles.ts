import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, toError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  CONTAINER_FILE_NAME,
  type ContainerProblem,
} from '@dockyard/plugin-containers-common';
import { discoverContainers } from '@dockyard/plugin-containers-node';
import pLimit from 'p-limit';
import type { ContainerYamlSource } from './mapping';

const README_FILE_NAME = 'README.md';
/** Enough parallel reads to hide disk latency without running out of file handles. */
const READ_CONCURRENCY = 64;

/**
 * One container.yaml of a target, read but not parsed.
 *
 * @public
 */
export interface UnparsedContainerYaml {
  /** The container's folder name, which a valid slug equals. */
  folderName: string;
  /** The path or URL of the file, as shown in problems and logs. */
  displayPath: string;
  source: ContainerYamlSource;
  /** The file's text, or why it could not be read (an error, or problems found without reading). */
  content: string | Error | ContainerProblem[];
}

/**
 * Every container.yaml of a local folder, in folder-name order. Which folders count as
 * containers is the one discovery rule of `@dockyard/plugin-containers-node`.
 */
export async function readLocalContainerFiles(
  dir: string,
  browseUrl?: string,
): Promise<UnparsedContainerYaml[]> {
  // Discovery reads the files; parsing is left to the provider, which skips unchanged files.
  const found = await discoverContainers(dir, { parse: false });
  const limit = pLimit(READ_CONCURRENCY);
  const files = await Promise.all(
    found.map(entry =>
      limit(async (): Promise<UnparsedContainerYaml> => {
        // The text, or the problems of a file discovery could not read or found too large.
        const content = entry.text ?? entry.result!.problems;
        const hasReadme = browseUrl
          ? await fs.access(join(entry.dir, README_FILE_NAME)).then(
              () => true,
              () => false,
            )
          : false;
        return {
          folderName: entry.folderName,
          displayPath: entry.file,
          source: {
            location: `file:${entry.file}`,
            folderUrl: browseUrl
              ? `${browseUrl}/${entry.folderName}`
              : undefined,
            hasReadme,
          },
          content,
        };
      }),
    ),
  );
  return files.sort(byFolderName);
}

/** The container files of a repository folder, with the tree's ETag (its commit). */
export interface ContainerTree {
  files: UnparsedContainerYaml[];
  etag: string;
}

/**
 * Every `<folder>/container.yaml` under a repository folder URL, read in one archive download
 * through the urlReader. Returns undefined when the tree has not changed since `etag`.
 */
export async function readUrlContainerFiles(
  reader: UrlReaderService,
  integrations: ScmIntegrationRegistry,
  url: string,
  options: { etag?: string; isContainerFolder: (name: string) => boolean },
): Promise<ContainerTree | undefined> {
  let tree;
  try {
    tree = await reader.readTree(url, {
      etag: options.etag,
      filter: path => {
        const parts = path.split('/');
        return (
          parts.length === 2 &&
          (parts[1] === CONTAINER_FILE_NAME || parts[1] === README_FILE_NAME) &&
          options.isContainerFolder(parts[0])
        );
      },
    });
  } catch (error) {
    if (isError(error) && error.name === 'NotModifiedError') {
      return undefined;
    }
    throw error;
  }
  const entries = await tree.files();
  const readmes = new Set(
    entries
      .filter(e => e.path.endsWith(`/${README_FILE_NAME}`))
      .map(e => e.path.split('/')[0]),
  );
  const base = `${url}/`;
  const files = await Promise.all(
    entries
      .filter(e => e.path.endsWith(`/${CONTAINER_FILE_NAME}`))
      .map(async (entry): Promise<UnparsedContainerYaml> => {
        const folderName = entry.path.split('/')[0];
        const fileUrl = integrations.resolveUrl({
          url: `./${entry.path}`,
          base,
        });
        const content = await entry
          .content()
          .then(buffer => buffer.toString('utf8'), toError);
        return {
          folderName,
          displayPath: fileUrl,
          source: {
            location: `url:${fileUrl}`,
            folderUrl: integrations.resolveUrl({
              url: `./${folderName}`,
              base,
            }),
            hasReadme: readmes.has(folderName),
          },
          content,
        };
      }),
  );
  return { files: files.sort(byFolderName), etag: tree.etag };
}

function byFolderName(
  a: UnparsedContainerYaml,
  b: UnparsedContainerYaml,
): number {
  if (a.folderName === b.folderName) {
    return a.displayPath < b.displayPath ? -1 : 1;
  }
  return a.folderName < b.folderName ? -1 : 1;
}
