export { ContainerPathLink } from './ContainerPathLink';
export { useContainerLinks } from './useContainerLinks';
