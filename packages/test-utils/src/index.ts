/**
 * Dockyard's shared Node test helpers. Private: only ever a devDependency of the workspace's
 * packages, never published.
 *
 * @packageDocumentation
 */

export { createTestDatabases } from './databases';
