import { OverviewRow } from './overviewRows';

type ExportValue = string | number | boolean | string[] | undefined;

/**
 * The exported columns, in order: what the table shows, as plain values (numbers as numbers,
 * times as ISO 8601), plus what it shows only on hover or not at all (the entity ref, the full
 * base image reference, the upstream, tags and summary), so the export is enough on its own.
 */
const EXPORT_COLUMNS: ReadonlyArray<{
  name: string;
  value: (row: OverviewRow) => ExportValue;
}> = [
  { name: 'container', value: row => row.title },
  { name: 'entityRef', value: row => row.entityRef },
  { name: 'status', value: row => row.status },
  { name: 'statusFrom', value: row => row.statusFrom },
  { name: 'current', value: row => row.current },
  { name: 'latest', value: row => row.latest },
  { name: 'newest', value: row => row.newest },
  { name: 'behindMajor', value: row => row.behind?.major },
  { name: 'behindMinor', value: row => row.behind?.minor },
  { name: 'behindPatch', value: row => row.behind?.patch },
  { name: 'releasesBehind', value: row => row.behind?.releases },
  { name: 'daysBehind', value: row => row.behind?.days },
  {
    name: 'baseImage',
    value: ({ baseImage: base }) =>
      base &&
      `${base.image}${base.tag ? `:${base.tag}` : ''}${
        base.digest ? `@${base.digest}` : ''
      }`,
  },
  { name: 'baseImageStatus', value: row => row.baseImage?.status },
  { name: 'needsRebuild', value: row => row.needsRebuild },
  { name: 'eol', value: row => row.eol?.state },
  {
    name: 'eolCycle',
    value: ({ eol }) => eol && `${eol.product} ${eol.cycle}`.trim(),
  },
  { name: 'eolDate', value: row => row.eol?.eolDate },
  { name: 'daysToEol', value: row => row.eol?.daysToEol },
  { name: 'checkedAt', value: row => row.checkedAt },
  { name: 'owner', value: row => row.owner },
  { name: 'system', value: row => row.system },
  { name: 'upstream', value: row => row.source },
  { name: 'tags', value: row => row.tags },
  { name: 'summary', value: row => row.summary },
  { name: 'error', value: row => row.error },
];

/** The rows as JSON: an array of objects keyed by column, fields without a value left out. */
export function overviewRowsToJson(rows: OverviewRow[]): string {
  const records = rows.map(row =>
    Object.fromEntries(
      EXPORT_COLUMNS.map(column => [column.name, column.value(row)]).filter(
        ([, value]) => value !== undefined,
      ),
    ),
  );
  return `${JSON.stringify(records, null, 2)}\n`;
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and the tab and carriage return
 * OWASP lists) gets a leading apostrophe, so opening the export never runs what an upstream's
 * error message or a container.yaml put there.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function csvField(value: ExportValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = Array.isArray(value) ? value.join(' ') : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV: a header line of column names, then one line per row, CRLF line ends. */
export function overviewRowsToCsv(rows: OverviewRow[]): string {
  const lines = [
    EXPORT_COLUMNS.map(column => column.name).join(','),
    ...rows.map(row =>
      EXPORT_COLUMNS.map(column => csvField(column.value(row))).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
