export type {
  NewContainerInput,
  NewContainerSource,
  NewContainerPort,
  NewContainerEnv,
  NewContainerCatalog,
  CatalogServiceType,
  CatalogDecisionStatus,
  TemplateFile,
  RenderedFile,
  RenderedContainer,
} from './types';
export {
  DEFAULT_BASE_IMAGE,
  DEFAULT_REGISTRY,
  newContainerInputProblems,
  requiredSourceFields,
  optionalSourceFields,
  isContainerStrategy,
} from './inputs';
export {
  isPinnedImageReference,
  isImageRepository,
  isRegistry,
  isVersion,
  isEntityRef,
} from './patterns';
export { markdownText, markdownCell } from './markdown';
export { TemplateError } from './renderText';
export {
  renderNewContainer,
  NewContainerInputError,
  CONTAINER_YAML,
} from './renderContainer';
export type { RenderNewContainerOptions } from './renderContainer';
export {
  readTemplateFolder,
  writeNewContainer,
  containerFolderExists,
  containerExistsError,
  TEMPLATE_FOLDER,
  CONTAINERS_FOLDER,
} from './files';
export { generateContainer } from './generateContainer';
export type {
  GenerateContainerOptions,
  GeneratedContainer,
} from './generateContainer';
export {
  updateReadmeContainers,
  readmeContainerRow,
  ReadmeBlockError,
  README_BLOCK_BEGIN,
  README_BLOCK_END,
} from './readmeTable';
export type { ReadmeContainer, UpdateReadmeOptions } from './readmeTable';
