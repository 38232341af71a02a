import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  containerFolderExists,
  readTemplateFolder,
  TEMPLATE_FOLDER,
} from './files';
import { TemplateFile } from './types';
import { CONTAINERS_FOLDER_NAME } from '@dockyard/plugin-containers-common';

/**
 * Where new containers come from: its `containers/_template`, and the slugs it has already.
 *
 * @public
 */
export interface ContainerPlatform {
  /** Where it is, for messages: a folder or a URL. */
  readonly location: string;
  /** The files of `containers/_template`. */
  readTemplate(): Promise<TemplateFile[]>;
  /** Whether `containers/<slug>` exists (as anything: folder, file or link). */
  containerExists(slug: string): Promise<boolean>;
}

/**
 * A platform checkout on this machine.
 *
 * @public
 */
export class LocalContainerPlatform implements ContainerPlatform {
  constructor(protected readonly root: string) {}

  get location() {
    return this.root;
  }

  readTemplate() {
    return readTemplateFolder(resolveSafeChildPath(this.root, TEMPLATE_FOLDER));
  }

  containerExists(slug: string) {
    return containerFolderExists(
      resolveSafeChildPath(this.root, CONTAINERS_FOLDER_NAME),
      slug,
    );
  }
}
