/**
 * The containers plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
export {
  default,
  containersApi,
  containerDriftEntityCard,
  metastoreRollbackEntityCard,
  containerEntityContent,
  driftOverviewPage,
} from './alpha/plugin';
export { containerSlugFormField } from './scaffolder/extension';
export {
  containerSearchResultListItem,
  containerSearchResultType,
} from './alpha/searchResultItems';
