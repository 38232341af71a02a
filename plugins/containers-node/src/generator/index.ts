export type { TemplateFile, RenderedFile, RenderedContainer } from './types';
export { markdownText, markdownCell } from './markdown';
export { TemplateError } from './renderText';
export {
  NewContainerInputError,
  DEFAULT_BASE_IMAGE,
  DEFAULT_REGISTRY,
} from './renderContainer';
export {
  readTemplateFolder,
  writeNewContainer,
  containerFolderExists,
  containerExistsError,
  TEMPLATE_FOLDER,
} from './files';
export { generateContainer } from './generateContainer';
export type {
  GenerateContainerOptions,
  GeneratedContainer,
  ContainerDestination,
} from './generateContainer';
export { LocalContainerPlatform } from './platform';
export type { ContainerPlatform } from './platform';
export {
  updateReadmeContainers,
  readmeContainerRow,
  ReadmeBlockError,
  README_BLOCK_BEGIN,
  README_BLOCK_END,
} from './readmeTable';
export type { ReadmeContainer, UpdateReadmeOptions } from './readmeTable';
