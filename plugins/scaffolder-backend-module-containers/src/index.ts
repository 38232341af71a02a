/**
 * Scaffolder actions that create a new platform container from `containers/_template`:
 * `containers:create`, `containers:add-to-readme` and `containers:publish-local`, and
 * `containers:pull-request-target` (the configured pull-request repository).
 *
 * @packageDocumentation
 */
export { scaffolderModuleContainers as default } from './module';
export { createContainersCreateAction } from './actions/create';
export type { ContainersCreateActionOptions } from './actions/create';
export { createContainersAddToReadmeAction } from './actions/addToReadme';
export type { ContainersAddToReadmeActionOptions } from './actions/addToReadme';
export { createContainersPublishLocalAction } from './actions/publishLocal';
export type { ContainersPublishLocalActionOptions } from './actions/publishLocal';
export { createContainersPullRequestTargetAction } from './actions/pullRequestTarget';
export type { ContainersPullRequestTargetActionOptions } from './actions/pullRequestTarget';
export { parseRepoTarget, repoUrlOf } from './repoTarget';
export type { RepoTarget } from './repoTarget';
export {
  LocalPlatformRepository,
  UrlPlatformRepository,
  platformRepository,
} from './platform';
export type { PlatformRepository } from './platform';
export { readContainersScaffolderConfig } from './config';
export type {
  ContainersScaffolderConfig,
  GuestPolicy,
  LocalPublishConfig,
  PlatformLocation,
} from './config';
