import type { PinnedVersionStatus } from '@dockyard/plugin-containers-common';
import { OVERVIEW_STATUSES } from './driftFormat';
import { isEolFilter } from './eolFilter';
import {
  EMPTY_FILTER,
  OVERVIEW_COLUMNS,
  OverviewColumn,
  OverviewFilter,
  OverviewSort,
} from './overviewRows';

/** The page sizes the table offers; the first is the default. */
export const ROWS_PER_PAGE_OPTIONS: readonly number[] = [25, 50, 100];

/** Worst first: failed checks, then the containers furthest behind. */
export const DEFAULT_SORT: OverviewSort = {
  column: 'status',
  direction: 'asc',
};

/** Everything the drift overview's URL holds: what a shared link or the back button restores. */
export interface OverviewQuery {
  filter: OverviewFilter;
  sort: OverviewSort;
  /** Zero-based; the URL says `page=2` for the second. */
  page: number;
  rowsPerPage: number;
}

export const DEFAULT_QUERY: OverviewQuery = {
  filter: EMPTY_FILTER,
  sort: DEFAULT_SORT,
  page: 0,
  rowsPerPage: ROWS_PER_PAGE_OPTIONS[0],
};

/**
 * How one field of the state is read from and written to the URL. Reading never fails: a value
 * that is not one the overview knows (a hand-edited or outdated link) is dropped, so the link
 * still opens, with the default in its place. Writing leaves the default out, so the plain
 * overview has a plain URL.
 */
interface QueryParam<T> {
  names: string[];
  read(params: URLSearchParams): T;
  write(value: T, params: URLSearchParams): void;
}

function listParam<T extends string>(
  name: string,
  accept: (value: string) => value is T,
): QueryParam<T[]>;
function listParam(name: string): QueryParam<string[]>;
function listParam(
  name: string,
  accept: (value: string) => boolean = value => value !== '',
): QueryParam<string[]> {
  return {
    names: [name],
    // Repeated (`status=behind&status=error`) rather than joined: no separator to escape.
    read: params => [...new Set(params.getAll(name).filter(accept))],
    write: (values, params) => values.forEach(v => params.append(name, v)),
  };
}

function flagParam(name: string): QueryParam<boolean> {
  return {
    names: [name],
    read: params => params.get(name) === 'true',
    write: (value, params) => {
      if (value) params.set(name, 'true');
    },
  };
}

function textParam(name: string): QueryParam<string> {
  return {
    names: [name],
    read: params => params.get(name) ?? '',
    write: (value, params) => {
      if (value !== '') params.set(name, value);
    },
  };
}

function isOverviewStatus(value: string): value is PinnedVersionStatus {
  return (OVERVIEW_STATUSES as readonly string[]).includes(value);
}

/**
 * One URL parameter per filter field. The mapped type makes a new field of `OverviewFilter` a
 * compile error until it has its parameter here: one line for a new filter.
 */
const FILTER_PARAMS: {
  [K in keyof OverviewFilter]-?: QueryParam<OverviewFilter[K]>;
} = {
  search: textParam('q'),
  statuses: listParam('status', isOverviewStatus),
  owners: listParam('owner'),
  systems: listParam('system'),
  needsRebuild: flagParam('rebuild'),
  eol: listParam('eol', isEolFilter),
};

const SORT_PARAM: QueryParam<OverviewSort> = {
  names: ['sort', 'dir'],
  read: params => {
    const column = params.get('sort');
    if (!column || !(OVERVIEW_COLUMNS as readonly string[]).includes(column)) {
      return DEFAULT_SORT;
    }
    return {
      column: column as OverviewColumn,
      direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
    };
  },
  write: (sort, params) => {
    if (
      sort.column === DEFAULT_SORT.column &&
      sort.direction === DEFAULT_SORT.direction
    ) {
      return;
    }
    params.set('sort', sort.column);
    if (sort.direction === 'desc') params.set('dir', 'desc');
  },
};

const PAGE_PARAM: QueryParam<number> = {
  names: ['page'],
  read: params => {
    const page = Number(params.get('page'));
    return Number.isSafeInteger(page) && page >= 1 ? page - 1 : 0;
  },
  write: (page, params) => {
    if (page > 0) params.set('page', String(page + 1));
  },
};

const ROWS_PARAM: QueryParam<number> = {
  names: ['rows'],
  read: params => {
    const rows = Number(params.get('rows'));
    return ROWS_PER_PAGE_OPTIONS.includes(rows)
      ? rows
      : ROWS_PER_PAGE_OPTIONS[0];
  },
  write: (rows, params) => {
    if (rows !== ROWS_PER_PAGE_OPTIONS[0]) params.set('rows', String(rows));
  },
};

const FILTER_ENTRIES = Object.entries(FILTER_PARAMS) as Array<
  [keyof OverviewFilter, QueryParam<unknown>]
>;

/** Every parameter name the overview owns; others in the URL are left as they are. */
const OWN_NAMES = new Set(
  [
    ...FILTER_ENTRIES.map(([, param]) => param),
    SORT_PARAM,
    PAGE_PARAM,
    ROWS_PARAM,
  ].flatMap(param => param.names),
);

/** The overview's state from its URL's query string. */
export function parseOverviewQuery(params: URLSearchParams): OverviewQuery {
  const filter = Object.fromEntries(
    FILTER_ENTRIES.map(([key, param]) => [key, param.read(params)]),
  ) as unknown as OverviewFilter;
  return {
    filter,
    sort: SORT_PARAM.read(params),
    page: PAGE_PARAM.read(params),
    rowsPerPage: ROWS_PARAM.read(params),
  };
}

/**
 * The query string of `query`, defaults left out. Parameters of `base` that the overview does not
 * own (another extension's, a tracking tag) are kept, ahead of the overview's own.
 */
export function serializeOverviewQuery(
  query: OverviewQuery,
  base?: URLSearchParams,
): URLSearchParams {
  const params = new URLSearchParams();
  base?.forEach((value, name) => {
    if (!OWN_NAMES.has(name)) params.append(name, value);
  });
  for (const [key, param] of FILTER_ENTRIES) {
    param.write(query.filter[key], params);
  }
  SORT_PARAM.write(query.sort, params);
  PAGE_PARAM.write(query.page, params);
  ROWS_PARAM.write(query.rowsPerPage, params);
  return params;
}

/**
 * Whether going from `previous` to `next` adds a browser history entry or replaces the current
 * one. Editing a search that is already there (typing on, correcting, clearing it) replaces, so
 * Back does not step through every keystroke; starting a search, and every other change (a
 * filter, the sort, a page), adds one, so Back returns to the view before it.
 */
export function historyModeFor(
  previous: OverviewQuery,
  next: OverviewQuery,
): 'push' | 'replace' {
  if (
    previous.filter.search === '' ||
    previous.filter.search === next.filter.search
  ) {
    return 'push';
  }
  // The rest must be the same; the page does not count, as a new search starts on the first.
  const rest = (query: OverviewQuery) =>
    serializeOverviewQuery({
      ...query,
      filter: { ...query.filter, search: '' },
      page: 0,
    }).toString();
  return rest(previous) === rest(next) ? 'replace' : 'push';
}
