import { EMPTY_FILTER } from './overviewRows';
import {
  DEFAULT_QUERY,
  historyModeFor,
  OverviewQuery,
  parseOverviewQuery,
  serializeOverviewQuery,
} from './overviewQuery';

const parse = (query: string) => parseOverviewQuery(new URLSearchParams(query));
const serialize = (query: OverviewQuery, base?: string) =>
  serializeOverviewQuery(query, new URLSearchParams(base)).toString();

const SHARED: OverviewQuery = {
  filter: {
    search: 'python 3.12',
    statuses: ['behind', 'error'],
    owners: ['group:default/query'],
    systems: ['system:default/lakehouse'],
    needsRebuild: true,
    eol: ['eol', 'warning'],
  },
  sort: { column: 'checkedAt', direction: 'desc' },
  page: 2,
  rowsPerPage: 50,
};

describe('parseOverviewQuery and serializeOverviewQuery', () => {
  it('gives the plain overview a plain URL, and reads it back', () => {
    expect(serialize(DEFAULT_QUERY)).toBe('');
    expect(parse('')).toEqual(DEFAULT_QUERY);
  });

  it('round-trips every field, repeating list parameters', () => {
    const query = serialize(SHARED);
    expect(query).toBe(
      'q=python+3.12&status=behind&status=error&owner=group%3Adefault%2Fquery' +
        '&system=system%3Adefault%2Flakehouse&rebuild=true&eol=eol&eol=warning' +
        '&sort=checkedAt&dir=desc&page=3&rows=50',
    );
    expect(parse(query)).toEqual(SHARED);
  });

  it('keeps text that needs escaping exactly', () => {
    const search = 'a&b=c #d %e + "f" \u00e9';
    const query = serialize({
      ...DEFAULT_QUERY,
      filter: { ...EMPTY_FILTER, search },
    });
    expect(parse(query).filter.search).toBe(search);
  });

  it('drops what it does not know, so an old or hand-edited link still opens', () => {
    expect(
      parse(
        'status=behind&status=stale&status=behind&sort=size&dir=up&page=-2&rows=7&rebuild=yes&owner=',
      ),
    ).toEqual({
      ...DEFAULT_QUERY,
      filter: { ...EMPTY_FILTER, statuses: ['behind'] },
    });
    expect(parse('page=1.5').page).toBe(0);
    expect(parse('page=99999999999999999999').page).toBe(0);
    // An ascending sort of another column has no `dir`.
    expect(parse('sort=title')).toMatchObject({
      sort: { column: 'title', direction: 'asc' },
    });
  });

  it('keeps the parameters it does not own, ahead of its own', () => {
    expect(
      serialize(
        { ...DEFAULT_QUERY, filter: { ...EMPTY_FILTER, search: 'trino' } },
        'range=90d&q=old&status=error',
      ),
    ).toBe('range=90d&q=trino');
  });
});

describe('historyModeFor', () => {
  const withSearch = (search: string, extra: Partial<OverviewQuery> = {}) => ({
    ...DEFAULT_QUERY,
    ...extra,
    filter: { ...EMPTY_FILTER, ...extra.filter, search },
  });

  it('adds an entry when a search starts, then replaces it while it is typed and cleared', () => {
    expect(historyModeFor(withSearch(''), withSearch('t'))).toBe('push');
    expect(historyModeFor(withSearch('t'), withSearch('tr'))).toBe('replace');
    expect(historyModeFor(withSearch('tr'), withSearch(''))).toBe('replace');
    // Typing on page 3 of the results goes back to the first page, still one entry.
    expect(
      historyModeFor(withSearch('tr', { page: 2 }), withSearch('tri')),
    ).toBe('replace');
  });

  it('adds an entry for every other change, with or without a search', () => {
    const behind = withSearch('tr', {
      filter: { ...EMPTY_FILTER, statuses: ['behind'] },
    });
    expect(historyModeFor(withSearch('tr'), behind)).toBe('push');
    expect(
      historyModeFor(withSearch('tr'), withSearch('tr', { page: 1 })),
    ).toBe('push');
    expect(
      historyModeFor(
        withSearch('tr'),
        withSearch('trino', { sort: { column: 'title', direction: 'asc' } }),
      ),
    ).toBe('push');
    expect(historyModeFor(DEFAULT_QUERY, { ...DEFAULT_QUERY, page: 1 })).toBe(
      'push',
    );
  });
});
