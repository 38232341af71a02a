export { bumpContainers } from './bumpContainers';
export type { BumpContainersOptions } from './bumpContainers';
export { planBump, versionProblem } from './planBump';
export type { PlanBumpOptions, PlannedBump } from './planBump';
export { editContainerYaml, ContainerEditError } from './yamlEdit';
export type { ContainerPin } from './yamlEdit';
export { pinTarget } from './pinTarget';
export type { PinTarget } from './pinTarget';
export { classifyBump } from './classifyBump';
export type { BumpChange } from './classifyBump';
export {
  renderPullRequestBody,
  renderPullRequestTitle,
  UPSTREAM_UPDATES_TITLE,
} from './pullRequest';
export type { PullRequestBodyOptions } from './pullRequest';
export { formatBumpDiff } from './diff';
export type { BuildArgChange } from './dockerfileArgs';
export { BumpError } from './types';
export type {
  BaseImageMove,
  BaseImageMoveReason,
  BumpFileChange,
  BumpLogger,
  BumpRequest,
  BumpResult,
  BumpStatus,
  CompanionMove,
  SkippedMove,
} from './types';
