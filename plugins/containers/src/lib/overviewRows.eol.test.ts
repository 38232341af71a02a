import type { DriftRecord, EolInfo } from '@dockyard/plugin-containers-common';
import { containerEntity, driftRecord } from '../__testUtils__/fixtures';
import { overviewRowsToCsv, overviewRowsToJson } from './overviewExport';
import { parseOverviewQuery, serializeOverviewQuery } from './overviewQuery';
import {
  buildOverviewRows,
  EMPTY_FILTER,
  filterRows,
  sortRows,
  summarizeRows,
} from './overviewRows';

function eol(state: EolInfo['state'], daysToEol?: number): EolInfo {
  return {
    product: 'postgresql',
    cycle: '17',
    state,
    daysToEol,
    eolDate: daysToEol === undefined ? undefined : '2026-01-01',
  };
}

function record(name: string, info?: EolInfo): DriftRecord {
  return driftRecord({
    entityRef: `component:default/${name}`,
    slug: name,
    ...(info && { eol: info }),
  });
}

const records = [
  record('supported', eol('supported', 400)),
  record('soon', eol('warning', 20)),
  record('past', eol('eol', -5)),
  record('long-past', eol('eol', -300)),
  record('unknown', eol('unknown')),
  record('untracked'),
];
const rows = buildOverviewRows(
  records,
  records.map(r => containerEntity(r.slug)),
);
const names = (list: typeof rows) => list.map(row => row.slug);

describe('the overview’s end-of-life dimension', () => {
  it('puts each record’s eol on its row', () => {
    expect(rows.find(row => row.slug === 'soon')?.eol).toEqual(
      eol('warning', 20),
    );
    expect(rows.find(row => row.slug === 'untracked')?.eol).toBeUndefined();
  });

  it('counts the containers past EOL and inside the warning window for the tiles', () => {
    expect(summarizeRows(rows)).toMatchObject({
      pastEol: 2,
      eolSoon: 1,
      total: 6,
    });
  });

  it('filters by end of life, with the other filters', () => {
    expect(names(filterRows(rows, { ...EMPTY_FILTER, eol: ['eol'] }))).toEqual([
      'past',
      'long-past',
    ]);
    expect(
      names(filterRows(rows, { ...EMPTY_FILTER, eol: ['eol', 'warning'] })),
    ).toEqual(['soon', 'past', 'long-past']);
    expect(names(filterRows(rows, { ...EMPTY_FILTER, eol: ['none'] }))).toEqual(
      ['untracked'],
    );
    expect(
      names(
        filterRows(rows, { ...EMPTY_FILTER, eol: ['eol'], search: 'long' }),
      ),
    ).toEqual(['long-past']);
    expect(filterRows(rows, EMPTY_FILTER)).toHaveLength(6);
  });

  it('sorts by end of life worst first, untracked last either way', () => {
    expect(names(sortRows(rows, { column: 'eol', direction: 'asc' }))).toEqual([
      'long-past',
      'past',
      'soon',
      'supported',
      'unknown',
      'untracked',
    ]);
    expect(names(sortRows(rows, { column: 'eol', direction: 'desc' }))).toEqual(
      ['unknown', 'supported', 'soon', 'past', 'long-past', 'untracked'],
    );
  });

  it('keeps the filter and the sort in the URL, dropping values it does not know', () => {
    const query = parseOverviewQuery(
      new URLSearchParams('eol=eol&eol=warning&eol=retired&sort=eol'),
    );
    expect(query.filter.eol).toEqual(['eol', 'warning']);
    expect(query.sort).toEqual({ column: 'eol', direction: 'asc' });
    expect(serializeOverviewQuery(query).toString()).toBe(
      'eol=eol&eol=warning&sort=eol',
    );
    expect(parseOverviewQuery(new URLSearchParams('')).filter.eol).toEqual([]);
  });

  it('exports the end of life of each row', () => {
    const [past] = JSON.parse(
      overviewRowsToJson(rows.filter(row => row.slug === 'past')),
    );
    expect(past).toMatchObject({
      eol: 'eol',
      eolCycle: 'postgresql 17',
      eolDate: '2026-01-01',
      daysToEol: -5,
    });
    const [header, line] = overviewRowsToCsv(
      rows.filter(row => row.slug === 'soon'),
    ).split('\r\n');
    const cells = line.split(',');
    const at = (name: string) => cells[header.split(',').indexOf(name)];
    expect([at('eol'), at('eolCycle'), at('daysToEol')]).toEqual([
      'warning',
      'postgresql 17',
      '20',
    ]);
  });
});
