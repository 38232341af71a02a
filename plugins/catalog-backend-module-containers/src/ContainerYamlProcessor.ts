import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { toError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  containerProblemsOf,
  formatProblem,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';
import { promises as fs } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  readRegisteredFileDefaults,
  type ContainerEntityDefaults,
} from './config';
import { UnparsedContainerYaml } from './containerFiles';
import { ingestContainerFiles } from './ingest';

const CACHE_KEY = 'container-yaml';

/**
 * Lets a person register one container.yaml by URL ("Register existing component") or as a
 * `file` location, and get the same entity the provider makes. It also turns the problems of a
 * broken container.yaml (carried by its stand-in entity) into processing errors, so the catalog
 * keeps the last good entity and shows the errors on it.
 *
 * @public
 */
export class ContainerYamlProcessor implements CatalogProcessor {
  /** The processor with the integrations and the first target's defaults from the app config. */
  static fromConfig(
    config: Config,
    options: { reader: UrlReaderService },
  ): ContainerYamlProcessor {
    return new ContainerYamlProcessor({
      reader: options.reader,
      integrations: ScmIntegrations.fromConfig(config),
      defaults: readRegisteredFileDefaults(config),
    });
  }

  constructor(
    private readonly options: {
      reader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      /** Defaults for files that do not set owner, system or lifecycle. */
      defaults: ContainerEntityDefaults;
    },
  ) {}

  getProcessorName(): string {
    return 'ContainerYamlProcessor';
  }

  /** Ahead of the built-in url and file readers (priority 20), which would read it as entities. */
  getPriority(): number {
    return 10;
  }

  async readLocation(
    location: LocationSpec,
    optional: boolean,
    emit: CatalogProcessorEmit,
    _parser: unknown,
    cache: CatalogProcessorCache,
  ): Promise<boolean> {
    if (!isContainerYamlLocation(location)) {
      return false;
    }
    let content: string;
    try {
      content =
        location.type === 'file'
          ? await fs.readFile(location.target, 'utf8')
          : await this.readUrl(location.target, cache);
    } catch (e) {
      const error = toError(e);
      const missing = error.name === 'NotFoundError' || error.code === 'ENOENT';
      if (missing) {
        if (!optional) {
          emit(
            processingResult.notFoundError(
              location,
              `${location.target} does not exist`,
            ),
          );
        }
      } else {
        emit(
          processingResult.generalError(
            location,
            `Unable to read ${location.target}: ${error.message}`,
          ),
        );
      }
      return true;
    }

    const { entities } = ingestContainerFiles(
      [this.toUnparsedContainerYaml(location, content)],
      {
        defaults: this.options.defaults,
        targetLocation: `${location.type}:${location.target}`,
      },
    );
    // Only the container's own entity: the API and Resource entities come from the provider.
    emit(processingResult.entity(location, entities[0].entity));
    if (location.type === 'url') {
      emit(processingResult.refresh(`url:${location.target}`));
    }
    return true;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const problems = containerProblemsOf(entity);
    if (problems) {
      const errors = problems.filter(p => p.severity === 'error');
      for (const problem of errors.length ? errors : problems) {
        emit(processingResult.inputError(location, formatProblem(problem)));
      }
    }
    return entity;
  }

  private async readUrl(
    url: string,
    cache: CatalogProcessorCache,
  ): Promise<string> {
    const cached = await cache.get<{ etag: string; content: string }>(
      CACHE_KEY,
    );
    try {
      const response = await this.options.reader.readUrl(url, {
        etag: cached?.etag,
      });
      const content = (await response.buffer()).toString('utf8');
      if (response.etag) {
        await cache.set(CACHE_KEY, { etag: response.etag, content });
      }
      return content;
    } catch (e) {
      if (cached && toError(e).name === 'NotModifiedError') {
        await cache.set(CACHE_KEY, cached);
        return cached.content;
      }
      throw e;
    }
  }

  private toUnparsedContainerYaml(
    location: LocationSpec,
    content: string,
  ): UnparsedContainerYaml {
    if (location.type === 'file') {
      return {
        folderName: basename(dirname(location.target)),
        displayPath: location.target,
        source: { location: `file:${location.target}`, hasReadme: false },
        content,
      };
    }
    const folderUrl = this.options.integrations
      .resolveUrl({ url: './', base: location.target })
      .replace(/\/+$/, '');
    return {
      folderName: basename(
        new URL(location.target).pathname.replace(/\/[^/]*$/, ''),
      ),
      displayPath: location.target,
      // The platform keeps a README.md in every container folder.
      source: {
        location: `url:${location.target}`,
        folderUrl,
        hasReadme: true,
      },
      content,
    };
  }
}

function isContainerYamlLocation(location: LocationSpec): boolean {
  if (location.type === 'file') {
    // A glob is left to the built-in file reader: this processor reads one file.
    return (
      basename(location.target) === CONTAINER_FILE_NAME &&
      !/[*?[\]{}]/.test(location.target)
    );
  }
  if (location.type === 'url') {
    try {
      return (
        basename(new URL(location.target).pathname) === CONTAINER_FILE_NAME
      );
    } catch {
      return false;
    }
  }
  return false;
}
