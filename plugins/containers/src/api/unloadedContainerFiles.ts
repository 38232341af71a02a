import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONTAINER_YAML,
  containerProblemsOf,
} from '@dockyard/plugin-containers-common';
import type { UnloadedContainerFile } from './ContainersApi';

/** One row of the catalog's `GET /entities/unprocessed/pending`. */
interface PendingRow {
  unprocessed_entity?: Entity;
}

/**
 * The container.yaml files among the catalog's pending entities: the stand-ins the catalog module
 * emits for files that do not load, which never become entities (and so have no entity page).
 * Other pending entities, and rows that are not entities, are left out.
 */
export function unloadedContainerFiles(body: unknown): UnloadedContainerFile[] {
  const rows = (body as { entities?: unknown })?.entities;
  if (!Array.isArray(rows)) return [];
  const result: UnloadedContainerFile[] = [];
  for (const row of rows as PendingRow[]) {
    const entity = row?.unprocessed_entity;
    if (!entity?.metadata) continue;
    const location = entity.metadata.annotations?.[ANNOTATION_CONTAINER_YAML];
    const fallbackFile = (location ?? '').replace(/^(file|url):/, '');
    const problems = containerProblemsOf(entity, fallbackFile);
    if (!problems) continue;
    const errors = problems.filter(p => p.severity === 'error');
    result.push({
      entityRef: stringifyEntityRef(entity),
      file: problems[0]?.file || fallbackFile,
      problems: errors.length ? errors : problems,
    });
  }
  return result.sort((a, b) => a.file.localeCompare(b.file));
}
