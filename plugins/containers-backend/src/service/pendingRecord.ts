import { Entity } from '@backstage/catalog-model';
import { DriftRecord } from '@dockyard/plugin-containers-common';
import { entityDriftTarget } from './containerTargets';

/**
 * What `GET /drift/<entity>` serves for a container never checked yet: its first check is on its
 * way (see `DriftChecker.checkUnchecked`), so the answer is a record that says so — `pending`,
 * status `unknown`, no `checkedAt` yet — rather than a 404 that reads like a missing container.
 * It holds only what container.yaml says (slug, strategy, current), nothing from upstream.
 */
export function pendingDriftRecord(entity: Entity): DriftRecord {
  const { entityRef, slug, version } = entityDriftTarget(entity);
  return {
    entityRef,
    slug,
    strategy: version?.strategy ?? '',
    current: version?.current ?? '',
    status: 'unknown',
    checkedAt: '',
    pending: true,
  };
}
