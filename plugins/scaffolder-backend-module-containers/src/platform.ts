import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, isError, NotFoundError } from '@backstage/errors';
import {
  ContainerPlatform,
  LocalContainerPlatform,
  TEMPLATE_FOLDER,
  TemplateFile,
} from '@dockyard/plugin-containers-node';
import fs from 'node:fs/promises';
import { dirname } from 'node:path';
import { PlatformLocation } from './config';
import {
  CONTAINERS_FOLDER_NAME,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';

/**
 * The platform repository new containers are made from (its template, its slugs), and bumped in.
 *
 * @public
 */
export interface PlatformRepository extends ContainerPlatform {
  /** The root README.md, or undefined when there is none. */
  readReadme(): Promise<string | undefined>;
  /**
   * A folder laid out like the platform with what a bump of `slug` reads (`containers/<slug>/`
   * and the root README.md): the checkout itself when it is on this machine (bumps run there as
   * dry runs, writing nothing), else a copy made in the folder `scratchDir` gives.
   */
  bumpSource(slug: string, scratchDir: () => Promise<string>): Promise<string>;
  /**
   * Where the platform's files are browsed (`https://github.com/org/platform/blob/main/`), for
   * links in pull requests; undefined when it is not known.
   */
  readonly browseUrl?: string;
}

/**
 * A platform checkout on this machine.
 *
 * @public
 */
export class LocalPlatformRepository
  extends LocalContainerPlatform
  implements PlatformRepository
{
  async readReadme() {
    try {
      return await fs.readFile(
        resolveSafeChildPath(this.root, 'README.md'),
        'utf8',
      );
    } catch (error) {
      if (isError(error) && error.code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async bumpSource() {
    return this.root;
  }
}

// Scripts in a template fetched over the network have no file mode; these are executable.
const EXECUTABLE = /\.(sh|bash|py)$/;

/**
 * A platform repository read through the urlReader service (GitHub and the like).
 *
 * @public
 */
export class UrlPlatformRepository implements PlatformRepository {
  constructor(
    private readonly url: string,
    private readonly urlReader: UrlReaderService,
  ) {}

  get location() {
    return this.url;
  }

  get browseUrl() {
    // A tree address (GitHub's /tree/<ref>, GitLab's /-/tree/<ref>) has its files under /blob/.
    const match = /^(https?:\/\/.+?)\/tree\/(.+)$/.exec(this.url);
    return match ? `${match[1]}/blob/${match[2]}/` : undefined;
  }

  async bumpSource(slug: string, scratchDir: () => Promise<string>) {
    const folder = `${CONTAINERS_FOLDER_NAME}/${slug}`;
    let tree;
    try {
      tree = await this.urlReader.readTree(`${this.url}/${folder}`);
    } catch (error) {
      if (isError(error) && error.name === NotFoundError.name) {
        throw new NotFoundError(
          `${folder} is not in the platform repository (${this.url})`,
        );
      }
      throw error;
    }
    const dir = await scratchDir();
    for (const file of await tree.files()) {
      const target = resolveSafeChildPath(dir, `${folder}/${file.path}`);
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.writeFile(target, await file.content());
    }
    const readme = await this.readReadme();
    if (readme !== undefined) {
      await fs.writeFile(resolveSafeChildPath(dir, 'README.md'), readme);
    }
    return dir;
  }

  async readTemplate(): Promise<TemplateFile[]> {
    const tree = await this.urlReader.readTree(
      `${this.url}/${TEMPLATE_FOLDER}`,
    );
    const files = await tree.files();
    return Promise.all(
      files.map(async file => ({
        path: file.path,
        content: await file.content(),
        executable: EXECUTABLE.test(file.path),
      })),
    );
  }

  async containerExists(slug: string) {
    return (
      (await this.readOptional(
        `${CONTAINERS_FOLDER_NAME}/${slug}/${CONTAINER_FILE_NAME}`,
      )) !== undefined
    );
  }

  async readReadme() {
    return this.readOptional('README.md');
  }

  private async readOptional(path: string): Promise<string | undefined> {
    try {
      const response = await this.urlReader.readUrl(`${this.url}/${path}`);
      return (await response.buffer()).toString('utf8');
    } catch (error) {
      if (isError(error) && error.name === NotFoundError.name) return undefined;
      throw error;
    }
  }
}

/**
 * The configured platform repository; a clear error when there is none.
 *
 * @public
 */
export function platformRepository(
  location: PlatformLocation | undefined,
  urlReader: UrlReaderService,
): PlatformRepository {
  if (!location) {
    throw new InputError(
      'No platform repository is configured: set containers.scaffolder.platform.path (a local checkout) or containers.scaffolder.platform.url',
    );
  }
  return location.type === 'path'
    ? new LocalPlatformRepository(location.path)
    : new UrlPlatformRepository(location.url, urlReader);
}
