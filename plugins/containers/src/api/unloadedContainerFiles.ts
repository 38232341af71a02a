import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONTAINER_YAML,
  ANNOTATION_PROBLEMS,
  type ContainerProblem,
} from '@dockyard/plugin-containers-common';
import type { UnloadedContainerFile } from './ContainersApi';

/** One row of the catalog's `GET /entities/unprocessed/pending`. */
interface PendingRow {
  unprocessed_entity?: Entity;
}

function problemsOf(raw: string, file: string): ContainerProblem[] {
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed as ContainerProblem[];
  } catch {
    // a hand-written annotation: shown as it is
  }
  return [
    {
      file,
      line: 0,
      column: 0,
      path: '',
      message: raw,
      severity: 'error',
      rule: 'unknown',
    },
  ];
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
    const annotations = entity?.metadata?.annotations ?? {};
    const raw = annotations[ANNOTATION_PROBLEMS];
    if (!entity || raw === undefined) continue;
    const location = annotations[ANNOTATION_CONTAINER_YAML] ?? '';
    const fallbackFile = location.replace(/^(file|url):/, '');
    const problems = problemsOf(raw, fallbackFile);
    const errors = problems.filter(p => p.severity === 'error');
    result.push({
      entityRef: stringifyEntityRef(entity),
      file: problems[0]?.file || fallbackFile,
      problems: errors.length ? errors : problems,
    });
  }
  return result.sort((a, b) => a.file.localeCompare(b.file));
}
