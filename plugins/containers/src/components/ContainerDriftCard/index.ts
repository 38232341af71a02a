export { ContainerDriftCard } from './ContainerDriftCard';
