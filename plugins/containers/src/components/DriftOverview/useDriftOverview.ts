import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { containerEntityFilter } from '@dockyard/plugin-containers-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { containersApiRef } from '../../api';
import { useDriftChecked } from '../../hooks/useDriftChecked';
import { buildOverviewRows } from '../../lib/overviewRows';

/** Only what the overview shows, so thousands of containers stay a small response. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/** Every container's catalog entity joined with its drift record. */
export function useDriftOverview() {
  const containersApi = useApi(containersApiRef);
  const catalogApi = useApi(catalogApiRef);

  const state = useAsyncRetry(async () => {
    const [records, { items: entities }] = await Promise.all([
      containersApi.listDrift(),
      catalogApi.getEntities({
        filter: containerEntityFilter(CATALOG_FILTER_EXISTS),
        fields: ENTITY_FIELDS,
      }),
    ]);
    return { records, entities };
  }, [containersApi, catalogApi]);
  // A finished check (scheduled, or someone's "Check now") shows without a reload.
  useDriftChecked(state);

  const rows = useMemo(
    () =>
      state.value
        ? buildOverviewRows(state.value.records, state.value.entities)
        : [],
    [state.value],
  );

  return {
    rows,
    loading: state.loading,
    error: state.error,
    reload: state.retry,
  };
}
