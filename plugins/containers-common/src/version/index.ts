export { VERSION_SCHEMES, VERSION_STRATEGIES } from './types';
export type {
  UpstreamVersion,
  VersionSchemeName,
  VersionStrategy,
} from './types';
export {
  KNOWN_TAG_PREFIXES,
  prefixFamily,
  splitTagPrefix,
  tagPrefixes,
} from './prefix';
export type { StripPrefixOptions, TagParts } from './prefix';
export {
  compareNumbers,
  compareStages,
  isCommitHash,
  splitVersionParts,
} from './versionParts';
export type { Stage, StageKind, VersionParts } from './versionParts';
export {
  inferScheme,
  namedGroups,
  regexScheme,
  versionScheme,
} from './schemes';
export type { ParsedVersion, VersionScheme } from './schemes';
export { matchesTrack, trackProblem } from './track';
export {
  compileUserPattern,
  countCaptureGroups,
  MAX_PATTERN_PAGE_LENGTH,
  MAX_PATTERN_TEXT_LENGTH,
  MAX_USER_PATTERN_LENGTH,
  MAX_USER_PATTERN_SIZE,
  PATTERN_PAGE_BUDGET,
  UserPatternError,
  userPatternProblem,
} from './userPattern';
export type { UserPattern, UserPatternMatch } from './userPattern';
export { computeVersionDrift } from './computeDrift';
export type {
  VersionDrift,
  VersionParseMemo,
  VersionStep,
} from './computeDrift';
export { baseImageTrack, computeBaseImageTagDrift } from './baseImageTag';
export type { BaseImageTagDrift } from './baseImageTag';
