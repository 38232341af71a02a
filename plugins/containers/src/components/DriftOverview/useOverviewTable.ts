import { PinnedVersionStatus } from '@dockyard/plugin-containers-common';
import { useCallback, useMemo, useState } from 'react';
import {
  distinctValues,
  EMPTY_FILTER,
  filterRows,
  OverviewFilter,
  OverviewRow,
  OverviewSort,
  sortRows,
  summarizeRows,
} from '../../lib/overviewRows';
import { ROWS_PER_PAGE_OPTIONS } from './DriftTable';

/** Worst first: failed checks, then the containers furthest behind. */
const DEFAULT_SORT: OverviewSort = { column: 'status', direction: 'asc' };

/**
 * What the overview shows of `rows`: the summary, the filter choices and the current page, with
 * the filter, sort and paging state behind them. Any change of filter, sort or page size goes
 * back to the first page; a page past the end (after the rows shrank) shows the last one.
 */
export function useOverviewTable(rows: OverviewRow[]) {
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
  const changeSort = useCallback((next: OverviewSort) => {
    setSort(next);
    setPage(0);
  }, []);
  const changeRowsPerPage = useCallback((next: number) => {
    setRowsPerPage(next);
    setPage(0);
  }, []);

  return {
    summary,
    owners,
    systems,
    filter,
    changeFilter,
    toggleStatus,
    toggleNeedsRebuild,
    sort,
    changeSort,
    pageRows,
    total: sorted.length,
    page: currentPage,
    setPage,
    rowsPerPage,
    changeRowsPerPage,
  };
}
