export { ContainerSearchResultListItem } from './ContainerSearchResultListItem';
export type { ContainerSearchResultListItemProps } from './ContainerSearchResultListItem';
