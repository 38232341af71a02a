import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { containersDriftRefreshPermission } from '@dockyard/plugin-containers-common';
import { memo, useMemo } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { containersApiRef } from '../../api';
import { TRANSIENT_TOAST_MS, useToastApi } from '../../hooks/useToastApi';
import { DriftFilters } from './DriftFilters';
import { DriftSummary } from './DriftSummary';
import { DriftTable } from './DriftTable';
import { DriftTrendChart } from './DriftTrendChart';
import { ExportButtons } from './ExportButtons';
import { useDriftOverview } from './useDriftOverview';
import { useOverviewTable } from './useOverviewTable';
import { UnloadedContainerFiles } from './UnloadedContainerFiles';

// A keystroke in the search box renders the overview again: these skip it unless their props
// changed (the summary never does; the table only once the rows shown change).
const Summary = memo(DriftSummary);
const Table = memo(DriftTable);

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
        title: `Could not check upstream: ${toError(error).message}`,
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

/** How many containers, what the page shows, and the button to check them all. */
function OverviewHeader(props: { total: number; onRefreshed: () => void }) {
  return (
    <ContentHeader
      title={`${props.total.toLocaleString('en-US')} container${
        props.total === 1 ? '' : 's'
      }`}
      description="How far each image is behind its upstream releases and its base image"
    >
      <RefreshAllButton onDone={props.onRefreshed} />
    </ContentHeader>
  );
}

function NoContainersYet() {
  return (
    <Typography variant="body1">
      No containers in the catalog yet. The catalog module adds one entity per{' '}
      <code>containers/&lt;slug&gt;/container.yaml</code>.
    </Typography>
  );
}

/**
 * The overview without a landmark of its own: the summary, then the filters, the export and the
 * table on one surface (the card background, which its text colours are chosen against).
 */
function DriftOverviewContent() {
  const { rows, loading, error, reload } = useDriftOverview();
  const table = useOverviewTable(rows);
  const trendChart = useMemo(() => <DriftTrendChart />, []);

  if (loading && rows.length === 0) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  return (
    <>
      <OverviewHeader total={table.summary.total} onRefreshed={reload} />
      <UnloadedContainerFiles />
      <Summary
        summary={table.summary}
        selected={table.filter.statuses}
        onToggle={table.toggleStatus}
        needsRebuild={table.filter.needsRebuild}
        onToggleNeedsRebuild={table.toggleNeedsRebuild}
        eolSelected={table.filter.eol}
        onToggleEol={table.toggleEol}
      />
      <Paper variant="outlined">
        <Box
          px={2}
          pt={2}
          display="flex"
          flexWrap="wrap"
          alignItems="flex-end"
          style={{ gap: 16 }}
        >
          <Box flex="1 1 480px">
            <DriftFilters
              filter={table.filter}
              owners={table.owners}
              systems={table.systems}
              onChange={table.changeFilter}
            />
          </Box>
          <Box mb={2}>
            <ExportButtons rows={table.visibleRows} />
          </Box>
        </Box>
        {rows.length === 0 ? (
          <Box p={2}>
            <NoContainersYet />
          </Box>
        ) : (
          <Table
            rows={table.pageRows}
            total={table.total}
            sort={table.sort}
            onSort={table.changeSort}
            page={table.page}
            rowsPerPage={table.rowsPerPage}
            onPage={table.setPage}
            onRowsPerPage={table.changeRowsPerPage}
          />
        )}
      </Paper>
      {trendChart}
    </>
  );
}

/**
 * Every container's drift in one table: a summary by status, filters, search and sorting held in
 * the URL, an export of what is shown, paginated in the browser so thousands of containers stay
 * quick. Without a page header, which the new frontend system's page layout adds; its content is
 * the page's `main` landmark, as on Backstage's entity pages.
 *
 * @public
 */
export function DriftOverview() {
  return (
    <Box component="main" p={3}>
      <DriftOverviewContent />
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
      {/* Page is the main landmark already. */}
      <Content>
        <DriftOverviewContent />
      </Content>
    </Page>
  );
}
