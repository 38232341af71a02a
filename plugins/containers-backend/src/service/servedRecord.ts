import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  DriftRecord,
  isContainerEntity,
} from '@dockyard/plugin-containers-common';
import { withBehindSince } from './DriftHistoryStore';
import { withEolAsOf } from './eolRecord';

/**
 * A stored record as the REST API and the actions serve it: end of life counted for `today`,
 * and when its current behind streak began.
 */
export function servedRecord(
  record: DriftRecord,
  today: string,
  eolWarningDays: number,
  behindSince: Map<string, string> | undefined,
): DriftRecord {
  return withBehindSince(
    withEolAsOf(record, today, eolWarningDays),
    behindSince,
  );
}

/**
 * The container entity read with the caller's credentials: one they may not read is "not
 * found", as one that does not exist (the answer does not tell that a hidden entity exists).
 */
export function requireContainerEntity(
  entity: Entity | undefined,
  entityRef: string,
): Entity {
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef}`);
  }
  if (!isContainerEntity(entity)) {
    throw new NotFoundError(`${entityRef} is not a container entity`);
  }
  return entity;
}
