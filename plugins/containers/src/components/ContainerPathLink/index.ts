export { ContainerPathLink } from './ContainerPathLink';
export { useContainerFileHref } from './useContainerFileHref';
export { useContainerLinks } from './useContainerLinks';
