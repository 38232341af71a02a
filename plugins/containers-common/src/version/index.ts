export * from './types';
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
  compileUserRegex,
  inferScheme,
  namedGroups,
  regexScheme,
  versionScheme,
} from './schemes';
export type { ParsedVersion, VersionScheme } from './schemes';
export { matchesTrack, trackProblem } from './track';
export { computeVersionDrift } from './computeDrift';
export type { VersionDrift, VersionParseMemo } from './computeDrift';
