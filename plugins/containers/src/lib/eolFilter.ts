import type { EolInfo, EolState } from '@dockyard/plugin-containers-common';

/**
 * The end-of-life dimension of the drift overview: where a container's version in use stands,
 * or `none` when its container.yaml sets no `version.eol`.
 */
export type EolFilter = EolState | 'none';

/** In the order the filter lists them: what needs action first. */
export const EOL_FILTERS: readonly EolFilter[] = [
  'eol',
  'warning',
  'supported',
  'unknown',
  'none',
];

/** The words of each value, on the tiles, in the filter and in the table. */
export const EOL_FILTER_LABELS: Record<EolFilter, string> = {
  eol: 'Past EOL',
  warning: 'EOL soon',
  supported: 'Supported',
  unknown: 'EOL unknown',
  none: 'EOL not tracked',
};

export function isEolFilter(value: string): value is EolFilter {
  return (EOL_FILTERS as readonly string[]).includes(value);
}

/** Where an end of life stands; a state from a newer backend counts as unknown, as it is shown. */
export function eolFilterOf(eol: EolInfo | undefined): EolFilter {
  if (!eol) return 'none';
  const state: string = eol.state;
  return state !== 'none' && isEolFilter(state) ? state : 'unknown';
}

/** Whether a row's end of life is one of those selected; none selected lets every row through. */
export function matchesEolFilter(
  eol: EolInfo | undefined,
  selected: readonly EolFilter[],
): boolean {
  return selected.length === 0 || selected.includes(eolFilterOf(eol));
}

/** How many containers are past their end of life, and how many inside the warning window. */
export function countEol(rows: Iterable<{ eol?: EolInfo }>): {
  pastEol: number;
  eolSoon: number;
} {
  let pastEol = 0;
  let eolSoon = 0;
  for (const row of rows) {
    const state = eolFilterOf(row.eol);
    if (state === 'eol') pastEol += 1;
    else if (state === 'warning') eolSoon += 1;
  }
  return { pastEol, eolSoon };
}

/**
 * Orders ends of life worst first: past EOL (longest past first), then soonest to end, then
 * supported ones by their date (the undated last), then unknown, then untracked.
 */
export function compareEol(
  a: EolInfo | undefined,
  b: EolInfo | undefined,
): number {
  const rank = (eol: EolInfo | undefined) =>
    EOL_FILTERS.indexOf(eolFilterOf(eol));
  const byState = rank(a) - rank(b);
  if (byState !== 0) return byState;
  const days = (eol: EolInfo | undefined) =>
    eol?.daysToEol ?? Number.POSITIVE_INFINITY;
  const da = days(a);
  const db = days(b);
  if (da === db) return 0;
  return da < db ? -1 : 1;
}
