import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  historyModeFor,
  OverviewQuery,
  parseOverviewQuery,
  serializeOverviewQuery,
} from '../../lib/overviewQuery';

/**
 * The overview's filters, search, sort and page, held in the URL's query string: a link shares
 * the view, a reload keeps it, and the browser's Back returns to the one before. A change adds a
 * history entry, except while a search is typed, which replaces the current one (see
 * `historyModeFor`).
 */
export function useOverviewQuery(): [
  OverviewQuery,
  (next: OverviewQuery) => void,
] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // Parsed once per URL, so the same URL gives the same objects and memos downstream hold.
  const query = useMemo(
    () => parseOverviewQuery(new URLSearchParams(search)),
    [search],
  );
  const setQuery = useCallback(
    (next: OverviewQuery) =>
      setParams(current => serializeOverviewQuery(next, current), {
        replace: historyModeFor(query, next) === 'replace',
      }),
    [setParams, query],
  );
  return [query, setQuery];
}
