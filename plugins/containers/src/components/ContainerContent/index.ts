export { ContainerContent } from './ContainerContent';
