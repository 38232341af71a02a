export {
  discoverContainers,
  readContainerFile,
  isContainerFolderName,
  resolveContainersDir,
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
} from './discoverContainers';
export type {
  DiscoveredContainer,
  DiscoverContainersOptions,
} from './discoverContainers';
