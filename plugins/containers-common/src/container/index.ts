export {
  containerSchema,
  CONTAINER_STRATEGIES,
  CONTAINER_VERSION_SCHEMES,
  CONTAINER_LIFECYCLES,
  CONTAINER_PATTERNS,
  METASTORE_ROLES,
  METASTORE_PROVIDED_KINDS,
  METASTORE_SERVICE_TYPES,
  METASTORE_DECISION_STATUSES,
  CLOUD_NATIVE_METASTORE_TYPES,
  SIGNING_METHODS,
  STRATEGY_SOURCE_FIELDS,
} from './schema';
export type {
  ContainerSpec,
  ContainerStrategy,
  ContainerVersionSpec,
  ContainerCompanionSpec,
  ContainerVersionSource,
  ContainerVersionFilter,
  ContainerMetastore,
  ContainerPublish,
  ContainerScalar,
} from './schema';
export {
  formatProblem,
  formatContainerPath,
  sortProblems,
  unreadableFileProblem,
  wholeFileProblem,
} from './problems';
export type {
  ContainerProblem,
  ContainerProblemRule,
  ContainerParseResult,
  ContainerPath,
  ContainerLocation,
  ContainerLocator,
} from './problems';
export { parseContainerYaml } from './parse';
export { containerTooLarge } from './parse/limits';
export { DEFAULT_MAX_CONTAINER_YAML_BYTES } from './parse/constants';
export type { ParseContainerYamlOptions } from './parse';
export { companionBuildArg } from './companionBuildArg';
export { lintContainer } from './lint';
export {
  resolveTokens,
  resolveContainerTokens,
  isTokenFreeField,
  ContainerTokenError,
} from './tokens';
export type { ContainerTokenProblem } from './tokens';
export { deriveTags, deriveImageTags, revisionPrefix } from './tags';
export type { DeriveTagsOptions, ContainerImageTags } from './tags';
export { describeField } from './fields';
export {
  newContainerInputSchema,
  checkNewContainerInput,
  isContainerStrategy,
  isPlainVersion,
  requiredSourceFields,
  optionalSourceFields,
} from './newContainerInput';
export type {
  NewContainerInput,
  NewContainerInputCheck,
  NewContainerSource,
  NewContainerPort,
  NewContainerEnv,
  NewContainerMetastore,
} from './newContainerInput';
export {
  containerJsonSchema,
  CONTAINER_JSON_SCHEMA_MODELINE,
} from './jsonSchema';
