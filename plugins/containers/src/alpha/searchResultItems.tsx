import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import AllInboxIcon from '@material-ui/icons/AllInbox';
import { CONTAINER_SEARCH_TYPE } from '@dockyard/plugin-containers-common';

/**
 * `search-result-list-item:containers`: a container in search results, with its upstream,
 * version and drift status (documents of `@dockyard/plugin-search-backend-module-containers`).
 *
 * @alpha
 */
export const containerSearchResultListItem = SearchResultListItemBlueprint.make(
  {
    params: {
      icon: <AllInboxIcon />,
      predicate: result => result.type === CONTAINER_SEARCH_TYPE,
      component: () =>
        import('../components/ContainerSearchResultListItem').then(
          m => m.ContainerSearchResultListItem,
        ),
    },
  },
);

/**
 * `search-filter-result-type:containers`: "Containers" among the search page's result types.
 *
 * @alpha
 */
export const containerSearchResultType = SearchFilterResultTypeBlueprint.make({
  params: {
    value: CONTAINER_SEARCH_TYPE,
    name: 'Containers',
    icon: <AllInboxIcon />,
  },
});
