export {
  discoverContainers,
  readContainerFile,
  isContainerFolderName,
  resolveContainersDir,
} from './discoverContainers';
export type {
  DiscoveredContainer,
  DiscoverContainersOptions,
} from './discoverContainers';
