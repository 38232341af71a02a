import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { pendingDriftRecord } from '../service/pendingRecord';
import {
  DriftReadSources,
  readContainerEntity,
  servedRecords,
} from './containerReads';
import { rollbackNotesOf, rollbackNotesSchema } from './rollbackNotes';
import {
  boundedError,
  driftRecordSchema,
  entityRefInput,
  Zod,
} from './schemas';

export interface GetContainerDriftOptions extends DriftReadSources {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}

/**
 * `get-container-drift`: one container's drift record, as the drift card shows it, and its
 * Iceberg catalog rollback notes (to read before a major bump).
 */
export function registerGetContainerDriftAction(
  options: GetContainerDriftOptions,
) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'get-container-drift',
    title: "Get a container's drift and rollback notes",
    description:
      "One container image's upstream drift from its last check: current, latest and newest version, status, how far behind (major/minor/patch, releases, days), release notes, companions and base image, end of life, and any error; plus its Iceberg catalog (metastore) rollback notes, to read before a major upgrade. A container never checked yet answers pending: true.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: (z: Zod) => z.object({ entityRef: entityRefInput(z) }),
      output: (z: Zod) =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          drift: driftRecordSchema(z),
          rollbackNotes: rollbackNotesSchema(z).optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entity, entityRef } = await readContainerEntity(
        catalog,
        input.entityRef,
        credentials,
      );
      const records = await servedRecords(options, [entityRef]);
      const record = records.get(entityRef.toLowerCase());
      const rollbackNotes = rollbackNotesOf(entity);
      return {
        output: {
          entityRef,
          ...(entity.metadata.title && { title: entity.metadata.title }),
          // Never checked: its first check is due within seconds.
          drift: record
            ? { ...record, error: boundedError(record.error) }
            : pendingDriftRecord(entity),
          ...(rollbackNotes && { rollbackNotes }),
        },
      };
    },
  });
}
