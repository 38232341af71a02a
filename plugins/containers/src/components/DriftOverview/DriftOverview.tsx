import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  containersDriftRefreshPermission,
  PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { useCallback, useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { containersApiRef } from '../../api';
import { TRANSIENT_TOAST_MS, useToastApi } from '../../hooks/useToastApi';
import {
  distinctValues,
  EMPTY_FILTER,
  filterRows,
  OverviewFilter,
  OverviewSort,
  sortRows,
  summarizeRows,
} from '../../lib/overviewRows';
import { DriftFilters } from './DriftFilters';
import { DriftSummary } from './DriftSummary';
import { DriftTable, ROWS_PER_PAGE_OPTIONS } from './DriftTable';
import { useDriftOverview } from './useDriftOverview';
import { UnloadedContainerFiles } from './UnloadedContainerFiles';

/** Worst first: failed checks, then the containers furthest behind. */
const DEFAULT_SORT: OverviewSort = { column: 'status', direction: 'asc' };

function RefreshAllButton(props: { onDone: () => void }) {
  const containersApi = useApi(containersApiRef);
  const toastApi = useToastApi();
  const { allowed } = usePermission({
    permission: containersDriftRefreshPermission,
  });
  const [state, refreshAll] = useAsyncFn(async () => {
    try {
      await containersApi.refreshDrift();
      toastApi.post({
        title:
          'Checking every container against upstream; results come in as each check finishes.',
        status: 'info',
        timeout: TRANSIENT_TOAST_MS,
      });
    } catch (error) {
      toastApi.post({
        title: `Could not check upstream: ${(error as Error).message}`,
        status: 'danger',
      });
    }
    props.onDone();
  }, [containersApi, toastApi, props.onDone]);

  if (!allowed) return null;
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={refreshAll}
      disabled={state.loading}
    >
      {state.loading ? 'Checking all…' : 'Check all now'}
    </Button>
  );
}

/**
 * Every container's drift in one table: a summary by status, filters, search and sorting,
 * paginated in the browser so thousands of containers stay quick. Without a page shell: the new
 * frontend system's page header wraps it.
 *
 * @public
 */
export function DriftOverview() {
  const { rows, loading, error, reload } = useDriftOverview();
  const [filter, setFilter] = useState<OverviewFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<OverviewSort>(DEFAULT_SORT);
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(ROWS_PER_PAGE_OPTIONS[0]);

  const summary = useMemo(() => summarizeRows(rows), [rows]);
  const owners = useMemo(() => distinctValues(rows, 'owner'), [rows]);
  const systems = useMemo(() => distinctValues(rows, 'system'), [rows]);
  const filtered = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const sorted = useMemo(() => sortRows(filtered, sort), [filtered, sort]);
  const lastPage = Math.max(0, Math.ceil(sorted.length / rowsPerPage) - 1);
  const currentPage = Math.min(page, lastPage);
  const pageRows = useMemo(
    () =>
      sorted.slice(currentPage * rowsPerPage, (currentPage + 1) * rowsPerPage),
    [sorted, currentPage, rowsPerPage],
  );

  const changeFilter = useCallback((next: OverviewFilter) => {
    setFilter(next);
    setPage(0);
  }, []);
  const toggleStatus = useCallback(
    (status: PinnedVersionStatus) =>
      changeFilter({
        ...filter,
        statuses:
          filter.statuses.length === 1 && filter.statuses[0] === status
            ? []
            : [status],
      }),
    [filter, changeFilter],
  );
  const toggleNeedsRebuild = useCallback(
    () => changeFilter({ ...filter, needsRebuild: !filter.needsRebuild }),
    [filter, changeFilter],
  );

  if (loading && rows.length === 0) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  return (
    <Box p={3}>
      <ContentHeader
        title={`${summary.total.toLocaleString('en-US')} container${
          summary.total === 1 ? '' : 's'
        }`}
        description="How far each image is behind its upstream releases and its base image"
      >
        <RefreshAllButton onDone={reload} />
      </ContentHeader>
      <UnloadedContainerFiles />
      <DriftSummary
        summary={summary}
        selected={filter.statuses}
        onToggle={toggleStatus}
        needsRebuild={filter.needsRebuild}
        onToggleNeedsRebuild={toggleNeedsRebuild}
      />
      <DriftFilters
        filter={filter}
        owners={owners}
        systems={systems}
        onChange={changeFilter}
      />
      {rows.length === 0 ? (
        <Typography variant="body1">
          No containers in the catalog yet. The catalog module adds one entity
          per <code>containers/&lt;slug&gt;/container.yaml</code>.
        </Typography>
      ) : (
        <DriftTable
          rows={pageRows}
          total={sorted.length}
          sort={sort}
          onSort={next => {
            setSort(next);
            setPage(0);
          }}
          page={currentPage}
          rowsPerPage={rowsPerPage}
          onPage={setPage}
          onRowsPerPage={next => {
            setRowsPerPage(next);
            setPage(0);
          }}
        />
      )}
    </Box>
  );
}

/**
 * The drift overview with its own page header, for apps on the legacy frontend system.
 *
 * @public
 */
export function DriftOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Container drift"
        subtitle="Every container image against its upstream releases"
      />
      <Content noPadding>
        <DriftOverview />
      </Content>
    </Page>
  );
}
