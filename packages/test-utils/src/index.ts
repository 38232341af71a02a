/**
 * Dockyard's shared Node test helpers. Private: only ever a devDependency of the workspace's
 * packages, never published.
 *
 * @packageDocumentation
 */

export { createTestDatabases } from './databases';
export { snapshotTree, tempDir } from './files';
export { git, initGitRepository, isolateGitConfig } from './git';
export { sendJson, startTestServer } from './http';
export type { SeenRequest, TestServer } from './http';
export { REPO_ROOT, REPO_TEMPLATE_DIR } from './repository';
export { backendRequest, runScaffolderTask, waitFor } from './scaffolderTasks';
export type { BackendRequest, ScaffolderTaskResult } from './scaffolderTasks';
export { changedLines } from './text';
