import { lintContainer } from '@dockyard/plugin-containers-common';
import { useMemo } from 'react';
import type { ContainerDocument } from '../../lib/container';
import { findRollbackGaps, RollbackGaps } from '../../lib/rollbackGaps';

/** The catalog notes this container lacks, by the shared parser's lint rules. */
export function useRollbackGaps(
  container: ContainerDocument | undefined,
): RollbackGaps | undefined {
  return useMemo(() => {
    if (!container) return undefined;
    return findRollbackGaps(container.catalog, lintContainer(container));
  }, [container]);
}
