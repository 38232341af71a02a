import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_SLUG,
  DriftRecord,
  isContainerEntity,
  overallDriftStatus,
} from '@dockyard/plugin-containers-common';
import { CONTAINER_ENTITY_FILTER } from '../service/DriftChecker';
import { DriftReadSources, servedRecords } from './containerReads';
import {
  boundedError,
  containerSummarySchema,
  PINNED_STATUSES,
  Zod,
} from './schemas';

/** Containers in one answer, at most and by default. */
export const MAX_LIST_LIMIT = 100;
const DEFAULT_LIST_LIMIT = 25;

export interface ListContainersOptions extends DriftReadSources {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}

type Summary = ReturnType<ReturnType<typeof containerSummarySchema>['parse']>;

/** One container's line in the list, from its entity and its record (none before its first check). */
export function containerSummary(
  entity: Entity,
  record: DriftRecord | undefined,
): Summary {
  const annotations = entity.metadata.annotations ?? {};
  const summary: Summary = {
    entityRef: stringifyEntityRef(entity),
    slug: record?.slug ?? annotations[ANNOTATION_SLUG] ?? entity.metadata.name,
    title: entity.metadata.title,
    current: record?.current || annotations[ANNOTATION_CURRENT_VERSION] || '',
    status: record ? overallDriftStatus(record) : 'unknown',
  };
  if (!record || record.pending) return { ...summary, pending: true };
  return {
    ...summary,
    latest: record.latest,
    behind: record.behind,
    eolState: record.eol?.state,
    eolDate: record.eol?.eolDate,
    checkedAt: record.checkedAt || undefined,
    error: boundedError(record.error),
  };
}

/**
 * `list-containers`: the containers the caller may read in the catalog, with their drift, by
 * name, a page at a time; optionally only those of some statuses or matching a text.
 */
export function registerListContainersAction(options: ListContainersOptions) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'list-containers',
    title: 'List containers with their drift',
    description: `Lists the platform's container images (catalog components of type container) that you may read, with how far each is behind its upstream: overall status (up-to-date, unknown, rebuilt, behind, error), current and latest version, distance, end of life. Ordered by name, at most ${MAX_LIST_LIMIT} at a time: pass nextOffset as offset for the next page. Filter by status (e.g. ["behind","error"]) or by text in the name or title.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: (z: Zod) =>
        z.object({
          status: z
            .array(z.enum(PINNED_STATUSES))
            .max(PINNED_STATUSES.length)
            .optional()
            .describe('Only containers whose overall status is one of these'),
          text: z
            .string()
            .max(100)
            .optional()
            .describe(
              'Only containers whose name, title or entity ref contains this (any case)',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_LIST_LIMIT)
            .default(DEFAULT_LIST_LIMIT)
            .describe('Containers in this answer'),
          offset: z
            .number()
            .int()
            .min(0)
            .default(0)
            .describe('Containers to skip: nextOffset of the previous answer'),
        }),
      output: (z: Zod) =>
        z.object({
          items: z.array(containerSummarySchema(z)),
          totalItems: z
            .number()
            .int()
            .describe('Containers matching, over all pages'),
          nextOffset: z
            .number()
            .int()
            .optional()
            .describe('Offset of the next page; absent on the last'),
        }),
    },
    action: async ({ input, credentials }) => {
      // One catalog query as the caller: only what they may read, however many there are.
      const { items: entities } = await catalog.getEntities(
        {
          filter: CONTAINER_ENTITY_FILTER,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
            'metadata.annotations',
            'spec.type',
          ],
          order: { field: 'metadata.name', order: 'asc' },
        },
        { credentials },
      );
      const containers = entities.filter(isContainerEntity);
      const records = await servedRecords(
        options,
        containers.map(entity => stringifyEntityRef(entity)),
      );
      const text = input.text?.trim().toLowerCase();
      const statuses = input.status && new Set<string>(input.status);
      const matching = containers
        .map(entity =>
          containerSummary(
            entity,
            records.get(stringifyEntityRef(entity).toLowerCase()),
          ),
        )
        .filter(summary => !statuses || statuses.has(summary.status))
        .filter(
          summary =>
            !text ||
            [summary.slug, summary.title, summary.entityRef].some(value =>
              value?.toLowerCase().includes(text),
            ),
        );
      const end = input.offset + input.limit;
      return {
        output: {
          items: matching.slice(input.offset, end),
          totalItems: matching.length,
          ...(end < matching.length && { nextOffset: end }),
        },
      };
    },
  });
}
