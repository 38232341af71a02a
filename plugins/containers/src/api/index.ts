export { containersApiRef } from './ContainersApi';
export type { ContainersApi } from './ContainersApi';
export { ContainersClient } from './ContainersClient';
