/**
 * container.yaml schema, parser, version logic and shared types for Dockyard (isomorphic).
 *
 * @packageDocumentation
 */
export * from './container';
export type {
  BaseImageDrift,
  BaseImageStatus,
  CompanionDrift,
  DriftDistance,
  DriftRecord,
  DriftResult,
  DriftStatus,
  PinnedVersionStatus,
} from './drift/types';
export {
  baseImageRebuilt,
  overallDriftStatus,
  PINNED_STATUS_ORDER,
  worstStatus,
} from './drift/status';
export {
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  describeDistance,
  describeLag,
  describeStatusCounts,
  describeStep,
  pinnedStatusLabel,
  plural,
  shortDigest,
} from './drift/wording';
export type { DriftTone } from './drift/wording';
export {
  ANNOTATION_CONTAINER_YAML,
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_IMAGE,
  ANNOTATION_PROBLEMS,
  ANNOTATION_SLUG,
  ANNOTATION_UPSTREAM_SOURCE,
  ANNOTATION_UPSTREAM_STRATEGY,
  CONTAINER_COMPONENT_TYPE,
  CONTAINER_ENTITY_KIND,
  containerEntityFilter,
  containerProblemsOf,
  isContainerEntity,
} from './entity';
export type { ContainerFile } from './files/types';
export { CONTAINER_FILE_NAME, CONTAINERS_FOLDER_NAME } from './layout';
export {
  containersDriftRefreshPermission,
  containersPermissions,
} from './permissions';
export { CONTAINERS_REFRESH_TOPIC } from './refreshTopic';
export type { ContainersRefreshEventPayload } from './refreshTopic';
export { containerSlugProblem, MAX_CONTAINER_SLUG_LENGTH } from './slug';
export {
  DEFAULT_UPSTREAM_ENDPOINTS,
  describeUpstream,
  DOCKER_HUB_HOST,
  githubWebUrl,
  helmIndexUrl,
  httpDirectoryPattern,
  imagePageUrl,
  mavenCoordinates,
  mavenRepositoryBase,
  parseGithubRepo,
  parseImageName,
  pypiPackageName,
  requireSourceField,
} from './upstream';
export type {
  GithubRepo,
  ImageName,
  UpstreamEndpoints,
  UpstreamRef,
  UpstreamSpec,
} from './upstream';
export {
  baseImageTrack,
  compareNumbers,
  compareStages,
  compileUserPattern,
  computeBaseImageTagDrift,
  computeVersionDrift,
  countCaptureGroups,
  inferScheme,
  isCommitHash,
  KNOWN_TAG_PREFIXES,
  matchesTrack,
  MAX_PATTERN_PAGE_LENGTH,
  MAX_PATTERN_TEXT_LENGTH,
  MAX_USER_PATTERN_LENGTH,
  MAX_USER_PATTERN_SIZE,
  namedGroups,
  PATTERN_PAGE_BUDGET,
  prefixFamily,
  regexScheme,
  splitTagPrefix,
  splitVersionParts,
  tagPrefixes,
  trackProblem,
  UserPatternError,
  userPatternProblem,
  VERSION_SCHEMES,
  VERSION_STRATEGIES,
  versionScheme,
} from './version';
export type {
  BaseImageTagDrift,
  ParsedVersion,
  Stage,
  StageKind,
  StripPrefixOptions,
  TagParts,
  UpstreamVersion,
  UserPattern,
  UserPatternMatch,
  VersionDrift,
  VersionParseMemo,
  VersionParts,
  VersionScheme,
  VersionSchemeName,
  VersionStrategy,
} from './version';
