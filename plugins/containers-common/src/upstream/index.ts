export {
  DEFAULT_UPSTREAM_ENDPOINTS,
  describeUpstream,
} from './describeUpstream';
export type { UpstreamEndpoints, UpstreamRef } from './describeUpstream';
export { githubWebUrl, parseGithubRepo } from './githubRepo';
export type { GithubRepo } from './githubRepo';
export { DOCKER_HUB_HOST, imagePageUrl, parseImageName } from './imageName';
export type { ImageName } from './imageName';
export {
  helmIndexUrl,
  httpDirectoryPattern,
  mavenCoordinates,
  mavenRepositoryBase,
  pypiPackageName,
  requireSourceField,
} from './sourceFields';
export type { UpstreamSpec } from './sourceFields';
