import { NotFoundError } from '@backstage/errors';
import type {
  ContainersEntityProvider,
  ContainersRefreshSummary,
} from './ContainersEntityProvider';

/**
 * Events-service topic that makes the containers providers read their targets at once, for
 * example right after the scaffolder wrote a new container folder. Payload (optional):
 * `{ target?: string }`, the id of one target under `catalog.providers.containers`; all targets
 * when absent. With the in-process event bus, `events.publish` resolves once the entities are
 * handed to the catalog.
 */
export const CONTAINERS_REFRESH_TOPIC = 'dockyard.containers.refresh';

/** Payload of {@link CONTAINERS_REFRESH_TOPIC}. */
export interface ContainersRefreshEventPayload {
  target?: string;
}

/** Refreshes one target (by id) or every target; an unknown id is a NotFoundError. */
export async function refreshTargets(
  providers: ContainersEntityProvider[],
  target?: string,
): Promise<ContainersRefreshSummary[]> {
  const chosen = target
    ? providers.filter(p => p.target.id === target)
    : providers;
  if (target && chosen.length === 0) {
    throw new NotFoundError(
      `No containers target '${target}'; configured: ${
        providers.map(p => p.target.id).join(', ') || 'none'
      }`,
    );
  }
  return Promise.all(chosen.map(p => p.refresh()));
}

/** Reads the optional target id of an event payload or request body. */
export function targetOf(payload: unknown): string | undefined {
  if (payload && typeof payload === 'object' && 'target' in payload) {
    const { target } = payload as { target?: unknown };
    return typeof target === 'string' && target ? target : undefined;
  }
  return undefined;
}
