import { containerEntityFilter } from '@dockyard/plugin-containers-common';

/**
 * Which entities get the cards and the tab, as an entity predicate for the new frontend
 * system's `filter` (app-config can override it per extension): containers-common's one
 * definition of a container entity, the one `isContainerEntity` tests for legacy apps.
 */
export const containerEntityPredicate = containerEntityFilter({
  $exists: true,
});
