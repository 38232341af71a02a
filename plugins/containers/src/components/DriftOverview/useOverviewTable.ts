import { PinnedVersionStatus } from '@dockyard/plugin-containers-common';
import { useCallback, useMemo } from 'react';
import {
  distinctValues,
  filterRows,
  OverviewFilter,
  OverviewRow,
  OverviewSort,
  sortRows,
  summarizeRows,
} from '../../lib/overviewRows';
import type { EolFilter } from '../../lib/eolFilter';
import { useOverviewQuery } from './useOverviewQuery';

/**
 * What the overview shows of `rows`: the summary, the filter choices, every row the filters let
 * through in order (what an export writes) and the current page, with the filter, sort and
 * paging state behind them, which lives in the URL. Any change of filter, sort or page size goes
 * back to the first page; a page past the end (after the rows shrank) shows the last one.
 */
export function useOverviewTable(rows: OverviewRow[]) {
  const [query, setQuery] = useOverviewQuery();
  const { page, rowsPerPage } = query;
  // By value: a new page or page size parses into new objects, and must not filter or sort again.
  const filterKey = JSON.stringify(query.filter);
  const filter = useMemo(
    () => JSON.parse(filterKey) as OverviewFilter,
    [filterKey],
  );
  const { column, direction } = query.sort;
  const sort = useMemo(() => ({ column, direction }), [column, direction]);

  const summary = useMemo(() => summarizeRows(rows), [rows]);
  const owners = useMemo(() => distinctValues(rows, 'owner'), [rows]);
  const systems = useMemo(() => distinctValues(rows, 'system'), [rows]);
  // Sorted first, then filtered (which keeps the order): a keystroke in the search box filters
  // the sorted rows again, one linear pass, and never sorts.
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const visibleRows = useMemo(
    () => filterRows(sorted, filter),
    [sorted, filter],
  );
  const lastPage = Math.max(0, Math.ceil(visibleRows.length / rowsPerPage) - 1);
  const currentPage = Math.min(page, lastPage);
  const pageRows = useMemo(
    () =>
      visibleRows.slice(
        currentPage * rowsPerPage,
        (currentPage + 1) * rowsPerPage,
      ),
    [visibleRows, currentPage, rowsPerPage],
  );

  const changeFilter = useCallback(
    (next: OverviewFilter) => setQuery({ ...query, filter: next, page: 0 }),
    [query, setQuery],
  );
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
  // A tile shows only its end-of-life state; a second click shows every container again.
  const toggleEol = useCallback(
    (state: EolFilter) =>
      changeFilter({
        ...filter,
        eol: filter.eol.length === 1 && filter.eol[0] === state ? [] : [state],
      }),
    [filter, changeFilter],
  );
  const changeSort = useCallback(
    (next: OverviewSort) => setQuery({ ...query, sort: next, page: 0 }),
    [query, setQuery],
  );
  const setPage = useCallback(
    (next: number) => setQuery({ ...query, page: next }),
    [query, setQuery],
  );
  const changeRowsPerPage = useCallback(
    (next: number) => setQuery({ ...query, rowsPerPage: next, page: 0 }),
    [query, setQuery],
  );

  return {
    summary,
    owners,
    systems,
    filter,
    changeFilter,
    toggleStatus,
    toggleNeedsRebuild,
    toggleEol,
    sort,
    changeSort,
    visibleRows,
    pageRows,
    total: visibleRows.length,
    page: currentPage,
    setPage,
    rowsPerPage,
    changeRowsPerPage,
  };
}
