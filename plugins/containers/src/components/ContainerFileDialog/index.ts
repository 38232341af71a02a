export { ContainerFileDialog } from './ContainerFileDialog';
