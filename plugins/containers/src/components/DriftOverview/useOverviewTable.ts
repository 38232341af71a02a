import { PinnedVersionStatus } from '@dockyard/plugin-containers-common';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
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
import type { OverviewQuery } from '../../lib/overviewQuery';
import { useOverviewQuery } from './useOverviewQuery';

/** How long typing pauses before the search goes into the URL. */
export const SEARCH_TO_URL_DELAY_MS = 300;

/**
 * The search box's text: the URL's search, or what is being typed. A keystroke changes only this
 * (the table follows at once); the URL takes it once typing pauses, so a keystroke does not
 * navigate, which would render the whole app again. Back, Forward or a link set it from the URL.
 * `written` is what went into the URL last, so that its arrival does not undo what was typed
 * since; whoever writes the URL sets it.
 */
function useTypedSearch(
  urlSearch: string,
  writeSearch: (search: string) => void,
) {
  const [typed, setTyped] = useState(urlSearch);
  const written = useRef(urlSearch);
  useEffect(() => {
    if (urlSearch !== written.current) setTyped(urlSearch);
    written.current = urlSearch;
  }, [urlSearch]);
  useEffect(() => {
    if (typed === urlSearch) return undefined;
    const timer = setTimeout(() => {
      written.current = typed;
      writeSearch(typed);
    }, SEARCH_TO_URL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, urlSearch, writeSearch]);
  return { typed, setTyped, written };
}

/**
 * What the overview shows of `rows`: the summary, the filter choices, every row the filters let
 * through in order (what an export writes) and the current page, with the filter, sort and
 * paging state behind them, which lives in the URL. Any change of filter, sort or page size goes
 * back to the first page; a page past the end (after the rows shrank) shows the last one.
 */
export function useOverviewTable(rows: OverviewRow[]) {
  const [query, setQuery] = useOverviewQuery();
  const { rowsPerPage } = query;
  // By value: a new page or page size parses into new objects, and must not filter or sort again.
  const filterKey = JSON.stringify(query.filter);
  const urlFilter = useMemo(
    () => JSON.parse(filterKey) as OverviewFilter,
    [filterKey],
  );
  const writeSearch = useCallback(
    (search: string) =>
      setQuery({ ...query, filter: { ...urlFilter, search }, page: 0 }),
    [query, urlFilter, setQuery],
  );
  const { typed, setTyped, written } = useTypedSearch(
    urlFilter.search,
    writeSearch,
  );
  const filter = useMemo(
    () => ({ ...urlFilter, search: typed }),
    [urlFilter, typed],
  );
  // The table may lag a keystroke behind the box while it renders; typing never waits for it.
  const shownSearch = useDeferredValue(typed);
  // By value too: when the URL takes the search already shown, nothing is filtered again.
  const shownKey = JSON.stringify({ ...urlFilter, search: shownSearch });
  const shownFilter = useMemo(
    () => JSON.parse(shownKey) as OverviewFilter,
    [shownKey],
  );
  // A new search starts on the first page, before the URL says so.
  const page = typed === urlFilter.search ? query.page : 0;

  const { column, direction } = query.sort;
  const sort = useMemo(() => ({ column, direction }), [column, direction]);

  const summary = useMemo(() => summarizeRows(rows), [rows]);
  const owners = useMemo(() => distinctValues(rows, 'owner'), [rows]);
  const systems = useMemo(() => distinctValues(rows, 'system'), [rows]);
  // Sorted first, then filtered (which keeps the order): a keystroke in the search box filters
  // the sorted rows again, one linear pass, and never sorts.
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const visibleRows = useMemo(
    () => filterRows(sorted, shownFilter),
    [sorted, shownFilter],
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

  // The callbacks read the latest state from here, so they stay the same while a search is
  // typed, and the summary and the table, which take them, need not render again.
  const latest = useRef({ query, filter, page: currentPage });
  latest.current = { query, filter, page: currentPage };
  /** Puts a change in the URL at once, with the search as typed so far. */
  const navigate = useCallback(
    (change: Partial<OverviewQuery>) => {
      const next = {
        ...latest.current.query,
        filter: latest.current.filter,
        page: latest.current.page,
        ...change,
      };
      written.current = next.filter.search;
      setQuery(next);
    },
    [setQuery, written],
  );
  const changeFilter = useCallback(
    (next: OverviewFilter) => {
      const { search, ...rest } = next;
      const { search: current, ...before } = latest.current.filter;
      if (
        search !== current &&
        JSON.stringify(rest) === JSON.stringify(before)
      ) {
        setTyped(search);
      } else {
        navigate({ filter: next, page: 0 });
      }
    },
    [navigate, setTyped],
  );
  const toggleStatus = useCallback(
    (status: PinnedVersionStatus) => {
      const current = latest.current.filter;
      changeFilter({
        ...current,
        statuses:
          current.statuses.length === 1 && current.statuses[0] === status
            ? []
            : [status],
      });
    },
    [changeFilter],
  );
  const toggleNeedsRebuild = useCallback(() => {
    const current = latest.current.filter;
    changeFilter({ ...current, needsRebuild: !current.needsRebuild });
  }, [changeFilter]);
  // A tile shows only its end-of-life state; a second click shows every container again.
  const toggleEol = useCallback(
    (state: EolFilter) => {
      const current = latest.current.filter;
      changeFilter({
        ...current,
        eol:
          current.eol.length === 1 && current.eol[0] === state ? [] : [state],
      });
    },
    [changeFilter],
  );
  const changeSort = useCallback(
    (next: OverviewSort) => navigate({ sort: next, page: 0 }),
    [navigate],
  );
  const setPage = useCallback(
    (next: number) => navigate({ page: next }),
    [navigate],
  );
  const changeRowsPerPage = useCallback(
    (next: number) => navigate({ rowsPerPage: next, page: 0 }),
    [navigate],
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
