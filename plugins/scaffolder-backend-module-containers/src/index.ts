/**
 * Scaffolder actions that create a new platform container from `containers/_template`
 * (`containers:create`, `containers:add-to-readme`), bump one to another upstream version
 * (`containers:bump`), publish either into a local checkout (`containers:publish-local`), and name
 * the configured pull-request repository (`containers:pull-request-target`).
 *
 * @packageDocumentation
 */
export { scaffolderModuleContainers as default } from './module';
export { createContainersCreateAction } from './actions/create';
export type { ContainersCreateActionOptions } from './actions/create';
export { createContainersAddToReadmeAction } from './actions/addToReadme';
export type { ContainersAddToReadmeActionOptions } from './actions/addToReadme';
export { createContainersBumpAction } from './actions/bump';
export type { ContainersBumpActionOptions } from './actions/bump';
export { bumpBranchName, BUMP_BRANCH_PREFIX } from './bumpBranch';
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
