/**
 * Events-service topic that makes the catalog's containers providers read their targets at once,
 * for example right after the scaffolder wrote a new container folder. It lives here, not in the
 * catalog module, so that a publisher needs only this package. Payload (optional): see
 * {@link ContainersRefreshEventPayload}. With the in-process event bus, `events.publish` resolves
 * once the entities are handed to the catalog.
 *
 * @public
 */
export const CONTAINERS_REFRESH_TOPIC = 'dockyard.containers.refresh';

/**
 * Payload of {@link CONTAINERS_REFRESH_TOPIC}.
 *
 * @public
 */
export interface ContainersRefreshEventPayload {
  /** The id of one target under `catalog.providers.containers`; all targets when absent. */
  target?: string;
}
