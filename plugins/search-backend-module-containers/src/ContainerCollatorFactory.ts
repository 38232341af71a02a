import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  CONTAINER_SEARCH_TYPE,
  containerEntityFilter,
} from '@dockyard/plugin-containers-common';
import { Readable } from 'node:stream';
import {
  CONTAINER_SEARCH_FIELDS,
  containerSearchDocument,
} from './containerSearchDocument';
import { readDriftRecords } from './driftRecords';

const PAGE_SIZE = 500;

/**
 * Collates Dockyard's containers for Backstage search (type `dockyard-container`): one document
 * per container entity of the catalog with its summary, upstream, current and latest version,
 * image, Iceberg metastore role and drift status (from the containers backend; without it when
 * that backend cannot answer).
 *
 * @public
 */
export class ContainerCollatorFactory implements DocumentCollatorFactory {
  readonly type = CONTAINER_SEARCH_TYPE;
  readonly visibilityPermission: DocumentCollatorFactory['visibilityPermission'] =
    catalogEntityReadPermission;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents() {
    const { catalog, auth } = this.deps;
    const drift = await readDriftRecords(this.deps);
    const pages = catalog.streamEntities(
      {
        query: containerEntityFilter({ $exists: true }),
        fields: CONTAINER_SEARCH_FIELDS,
        pageSize: PAGE_SIZE,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    for await (const entities of pages) {
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity).toLowerCase();
        yield containerSearchDocument(entity, drift.get(ref));
      }
    }
  }
}
