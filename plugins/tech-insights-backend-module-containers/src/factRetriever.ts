import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CONTAINER_COMPONENT_TYPE,
  CONTAINER_ENTITY_KIND,
  DriftRecord,
  isContainerEntity,
} from '@dockyard/plugin-containers-common';
import { DateTime } from 'luxon';
import {
  CONTAINER_DRIFT_FACT_RETRIEVER_ID,
  containerDriftFactSchema,
  containerDriftFacts,
} from './facts';

/**
 * The container entities as the catalog selects them. That they come from a container.yaml (the
 * `dockyard.io/container-yaml` annotation of `containerEntityFilter`) is checked on each entity:
 * a filter on a key's presence needs catalog-client's symbol, which the stored schema (JSON)
 * could not keep either.
 */
const CONTAINER_ENTITY_FILTER = {
  kind: CONTAINER_ENTITY_KIND,
  'spec.type': CONTAINER_COMPONENT_TYPE,
};

/** How long the containers backend may take to answer. */
const DRIFT_API_TIMEOUT_MS = 60_000;

/**
 * Options of {@link createContainerDriftFactRetriever}.
 *
 * @public
 */
export interface ContainerDriftFactRetrieverOptions {
  /** The catalog, asked with the tech-insights plugin's own credentials. */
  catalog: CatalogService;
}

/**
 * The Tech Insights fact retriever `dockyardContainerDriftFactRetriever`: for every container
 * entity, the drift facts of its last check ({@link containerDriftFacts}), read from the
 * containers backend's REST API (`GET /api/containers/drift`).
 *
 * @public
 */
export function createContainerDriftFactRetriever(
  options: ContainerDriftFactRetrieverOptions,
): FactRetriever {
  const { catalog } = options;
  return {
    id: CONTAINER_DRIFT_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'Container drift',
    description:
      'How far each container is behind its upstream, its end of life and its base image freshness (Dockyard)',
    entityFilter: CONTAINER_ENTITY_FILTER,
    schema: containerDriftFactSchema,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const credentials = await ctx.auth.getOwnServiceCredentials();
      const [{ items: entities }, records] = await Promise.all([
        catalog.getEntities(
          {
            filter: ctx.entityFilter ?? CONTAINER_ENTITY_FILTER,
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'metadata.annotations',
              'spec.type',
            ],
          },
          { credentials },
        ),
        fetchDriftRecords(ctx),
      ]);
      const timestamp = DateTime.now();
      const containers = entities.filter(isContainerEntity);
      ctx.logger.debug(
        `Drift facts of ${containers.length} containers from ${records.size} drift records`,
      );
      return containers.map(entity => {
        const entityRef = stringifyEntityRef(entity);
        return {
          entity: {
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          },
          facts: containerDriftFacts(records.get(entityRef.toLowerCase())),
          timestamp,
        };
      });
    },
  };
}

/** Every drift record the containers backend serves, by lower-case entity ref. */
async function fetchDriftRecords(
  ctx: FactRetrieverContext,
): Promise<Map<string, DriftRecord>> {
  const baseUrl = await ctx.discovery.getBaseUrl('containers');
  const { token } = await ctx.auth.getPluginRequestToken({
    onBehalfOf: await ctx.auth.getOwnServiceCredentials(),
    targetPluginId: 'containers',
  });
  const url = `${baseUrl}/drift`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(DRIFT_API_TIMEOUT_MS),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    throw new Error(
      `GET ${url} answered ${response.status}: ${error.cause.message}`,
      { cause: error },
    );
  }
  const body = (await response.json()) as { items?: unknown };
  if (!Array.isArray(body?.items)) {
    throw new Error(
      `GET ${url} answered without an items array; is the containers backend plugin installed?`,
    );
  }
  const records = new Map<string, DriftRecord>();
  for (const record of body.items as DriftRecord[]) {
    if (typeof record?.entityRef === 'string') {
      records.set(record.entityRef.toLowerCase(), record);
    }
  }
  return records;
}
