export type { TemplateFile, RenderedFile, RenderedContainer } from './types';
export { markdownText, markdownCell } from './markdown';
export { TemplateError } from './renderText';
export {
  renderNewContainer,
  NewContainerInputError,
  CONTAINER_YAML,
  DEFAULT_BASE_IMAGE,
  DEFAULT_REGISTRY,
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
