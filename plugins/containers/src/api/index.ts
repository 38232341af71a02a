export { containersApiRef } from './ContainersApi';
export type { ContainersApi, UnloadedContainerFile } from './ContainersApi';
export { ContainersClient } from './ContainersClient';
export { unloadedContainerFiles } from './unloadedContainerFiles';
