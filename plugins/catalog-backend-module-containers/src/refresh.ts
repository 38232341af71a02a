import { NotFoundError } from '@backstage/errors';
import type {
  ContainersEntityProvider,
  ContainersRefreshSummary,
} from './ContainersEntityProvider';

/** Refreshes one target (by id) or every target; an unknown id is a NotFoundError. */
export async function refreshTargets(
  providers: ContainersEntityProvider[],
  target?: string,
): Promise<ContainersRefreshSummary[]> {
  const chosen = target
    ? providers.filter(p => p.target.id === target)
    : providers;
  if (target && chosen.length === 0) {
    throw unknownTargetError(
      target,
      providers.map(p => p.target.id),
    );
  }
  return Promise.all(chosen.map(p => p.refresh()));
}

/** The answer to a refresh of a target id that is not configured. */
export function unknownTargetError(
  target: string,
  configured: readonly string[],
): NotFoundError {
  return new NotFoundError(
    `No containers target '${target}'; configured: ${
      configured.join(', ') || 'none'
    }`,
  );
}

/** Reads the optional target id of an event payload or request body. */
export function targetOf(payload: unknown): string | undefined {
  if (payload && typeof payload === 'object' && 'target' in payload) {
    const { target } = payload;
    return typeof target === 'string' && target ? target : undefined;
  }
  return undefined;
}

/**
 * Runs `fn` once, `windowMs` after the first of any number of calls within that window, so a
 * burst of triggers is one run; a call after the run started opens a new window.
 */
export function batchCalls(windowMs: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, windowMs);
    // A pending read must not hold up the backend's shutdown.
    timer.unref?.();
  };
}
