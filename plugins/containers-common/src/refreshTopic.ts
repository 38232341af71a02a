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

/**
 * Signals channel (Backstage's signals plugin) on which the `containers` backend says that a
 * drift check finished and its records are stored, so that an open drift card or overview
 * loads them again. Sent to every signed-in browser, so the message names no container.
 *
 * @public
 */
export const DRIFT_CHECKED_SIGNAL_CHANNEL = 'containers:drift-checked';

/**
 * Message of {@link DRIFT_CHECKED_SIGNAL_CHANNEL} (a type, not an interface, so that it is a
 * JSON object to the signals service).
 *
 * @public
 */
export type DriftCheckedSignal = {
  /** When the check's records were stored (ISO 8601). */
  checkedAt: string;
  /** How many containers the check covered. */
  containers: number;
};
