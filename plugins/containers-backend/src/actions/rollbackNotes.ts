import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import type { ContainerSpec } from '@dockyard/plugin-containers-common';
import type { Zod } from './schemas';

// An entity that claims to be a container can be written by hand, so what is read from its
// spec is checked for shape and cut to size, whatever container.yaml's schema allows.
const MAX_TEXT = 2000;
const MAX_ITEMS = 50;

/** The rollback notes of a container: `catalog.rollback` of its container.yaml. */
export interface RollbackNotes {
  /** The Iceberg catalog (metastore) a rollback returns to (`hive_metastore`). */
  previous?: string;
  /** The runbook, as written: a path relative to the container folder, or a URL. */
  runbook?: string;
  /** The runbook as a web address, when the container's folder is browsable (or it is one). */
  runbookUrl?: string;
  steps?: string[];
  configChanges?: Array<{ file: string; from: string; to: string }>;
  metadataMigration?: string;
  verification?: string[];
}

export function rollbackNotesSchema(z: Zod) {
  return z
    .object({
      previous: z.string().optional(),
      runbook: z.string().optional(),
      runbookUrl: z.string().optional(),
      steps: z.array(z.string()).optional(),
      configChanges: z
        .array(z.object({ file: z.string(), from: z.string(), to: z.string() }))
        .optional(),
      metadataMigration: z.string().optional(),
      verification: z.array(z.string()).optional(),
    })
    .describe(
      "How to roll back the container's Iceberg catalog (metastore): catalog.rollback of its container.yaml; paths are relative to its folder",
    );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim()
    ? value.slice(0, MAX_TEXT)
    : undefined;
}

function texts(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(text).filter((item): item is string => !!item);
  return items.length ? items.slice(0, MAX_ITEMS) : undefined;
}

/** An http(s) address for a runbook: itself when it is one, else resolved against the folder. */
function webAddress(runbook: string, entity: Entity): string | undefined {
  const source = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  const folder = source?.startsWith('url:') ? source.slice(4) : undefined;
  try {
    const url = folder ? new URL(runbook, folder) : new URL(runbook);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rollback notes of a container entity (`spec.container.catalog.rollback`, where the
 * catalog module keeps the parsed container.yaml), or undefined when it has none.
 */
export function rollbackNotesOf(entity: Entity): RollbackNotes | undefined {
  const container = entity.spec?.container as
    | Partial<ContainerSpec>
    | undefined;
  const rollback = container?.catalog?.rollback as
    | Record<string, unknown>
    | undefined;
  if (!rollback || typeof rollback !== 'object') return undefined;
  const runbook = text(rollback.runbook);
  const configChanges = Array.isArray(rollback.config_changes)
    ? rollback.config_changes
        .filter(
          (change): change is { file: string; from: string; to: string } =>
            typeof change?.file === 'string' &&
            typeof change?.from === 'string' &&
            typeof change?.to === 'string',
        )
        .slice(0, MAX_ITEMS)
        .map(change => ({
          file: change.file.slice(0, MAX_TEXT),
          from: change.from.slice(0, MAX_TEXT),
          to: change.to.slice(0, MAX_TEXT),
        }))
    : [];
  const notes: RollbackNotes = {
    previous: text(rollback.previous),
    runbook,
    runbookUrl: runbook && webAddress(runbook, entity),
    steps: texts(rollback.steps),
    configChanges: configChanges.length ? configChanges : undefined,
    metadataMigration: text(rollback.metadata_migration),
    verification: texts(rollback.verification),
  };
  const present = Object.fromEntries(
    Object.entries(notes).filter(([, value]) => value !== undefined),
  );
  return Object.keys(present).length ? present : undefined;
}
