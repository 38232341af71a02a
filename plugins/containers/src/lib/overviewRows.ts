import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_SLUG,
  ANNOTATION_UPSTREAM_SOURCE,
  ANNOTATION_UPSTREAM_STRATEGY,
  BaseImageDrift,
  baseImageRebuilt,
  DriftDistance,
  DriftRecord,
  EolInfo,
  overallDriftStatus,
  PINNED_STATUS_ORDER,
  PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { compareDistance, driftStatusRank } from './driftFormat';
import { compareEol, countEol, EolFilter, matchesEolFilter } from './eolFilter';
import { describeParts, statusDrivers } from './pinnedVersions';

/** One line of the drift overview: a container's catalog entity joined with its drift record. */
export interface OverviewRow {
  entityRef: string;
  title: string;
  slug?: string;
  owner?: string;
  system?: string;
  /** The container's one-line summary (the entity's description). */
  summary?: string;
  tags?: string[];
  strategy?: string;
  /** The upstream feed, e.g. `github:trinodb/trino`: the last check's, else the catalog's. */
  source?: string;
  /** The overall status: the worst of the main version, the companions and the base image. */
  status: PinnedVersionStatus;
  /**
   * Which parts make the status when the main version alone does not ("companion hadoop-aws",
   * "base image"); absent otherwise.
   */
  statusFrom?: string;
  current?: string;
  latest?: string;
  newest?: string;
  behind?: DriftDistance;
  checkedAt?: string;
  lastSuccessAt?: string;
  /** Why the status is `error` or `unknown`: the message of the first part that makes it. */
  error?: string;
  /** The base image's freshness, when the container has a base image. */
  baseImage?: BaseImageDrift;
  /** The pinned tag of the base image now points at another digest: the image needs a rebuild. */
  needsRebuild: boolean;
  /** The end of life of the version in use, when container.yaml sets `version.eol`. */
  eol?: EolInfo;
  /** False when the container has no drift record yet. */
  checked: boolean;
  /** Lower-cased text the search box matches against, computed once per row. */
  searchText: string;
}

function normalizeRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Joins drift records with container entities by entity ref. A container without a record is
 * listed as not checked yet; a record whose entity is gone is still listed, so nothing hides.
 */
export function buildOverviewRows(
  records: DriftRecord[],
  entities: Entity[],
): OverviewRow[] {
  const recordsByRef = new Map(
    records.map(record => [
      record.entityRef.toLocaleLowerCase('en-US'),
      record,
    ]),
  );
  const rows: OverviewRow[] = [];

  for (const entity of entities) {
    const entityRef = stringifyEntityRef(entity);
    const key = entityRef.toLocaleLowerCase('en-US');
    const record = recordsByRef.get(key);
    recordsByRef.delete(key);
    const annotations = entity.metadata.annotations ?? {};
    const namespace = entity.metadata.namespace ?? 'default';
    rows.push(
      makeRow(entityRef, record, {
        title: entity.metadata.title ?? entity.metadata.name,
        slug: annotations[ANNOTATION_SLUG] ?? record?.slug,
        owner: normalizeRef(entity.spec?.owner, 'group', namespace),
        system: normalizeRef(entity.spec?.system, 'system', namespace),
        summary: entity.metadata.description,
        tags: entity.metadata.tags,
        strategy: record?.strategy ?? annotations[ANNOTATION_UPSTREAM_STRATEGY],
        source: record?.source ?? annotations[ANNOTATION_UPSTREAM_SOURCE],
        current: record?.current ?? annotations[ANNOTATION_CURRENT_VERSION],
      }),
    );
  }

  for (const record of recordsByRef.values()) {
    rows.push(
      makeRow(record.entityRef, record, {
        title: record.slug,
        slug: record.slug,
        strategy: record.strategy,
        source: record.source,
        current: record.current,
      }),
    );
  }
  return rows;
}

function makeRow(
  entityRef: string,
  record: DriftRecord | undefined,
  base: Pick<
    OverviewRow,
    | 'title'
    | 'slug'
    | 'owner'
    | 'system'
    | 'summary'
    | 'tags'
    | 'strategy'
    | 'source'
    | 'current'
  >,
): OverviewRow {
  const drivers = record ? statusDrivers(record) : [];
  const fromOthers = drivers.some(part => part.kind !== 'main');
  const row: Omit<OverviewRow, 'searchText'> = {
    entityRef,
    ...base,
    status: record ? overallDriftStatus(record) : 'unknown',
    statusFrom: fromOthers ? describeParts(drivers) : undefined,
    latest: record?.latest,
    newest: record?.newest,
    behind: record?.behind,
    checkedAt: record?.checkedAt,
    lastSuccessAt: record?.lastSuccessAt,
    error: record
      ? drivers.find(part => part.error)?.error ?? record.error
      : 'Not checked yet',
    baseImage: record?.baseImage,
    needsRebuild: baseImageRebuilt(record?.baseImage),
    eol: record?.eol,
    checked: record !== undefined,
  };
  const searchText = [
    row.title,
    row.slug,
    row.entityRef,
    row.current,
    row.latest,
    row.strategy,
    row.source,
    row.owner,
    row.system,
    row.summary,
    ...(row.tags ?? []),
    // Find Spark by "iceberg", or every image on python:3.12.
    ...(record?.companions ?? []).flatMap(companion => [
      companion.name,
      companion.source,
    ]),
    row.baseImage &&
      `${row.baseImage.image}${
        row.baseImage.tag ? `:${row.baseImage.tag}` : ''
      }`,
  ]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
  return { ...row, searchText };
}

/** What the overview shows: empty lists mean "any". */
export interface OverviewFilter {
  statuses: PinnedVersionStatus[];
  owners: string[];
  systems: string[];
  /** Only containers whose base image was rebuilt upstream (see {@link OverviewRow.needsRebuild}). */
  needsRebuild: boolean;
  /** Where the version in use stands in its support lifecycle (see {@link EolFilter}). */
  eol: EolFilter[];
  search: string;
}

export const EMPTY_FILTER: OverviewFilter = {
  statuses: [],
  owners: [],
  systems: [],
  needsRebuild: false,
  eol: [],
  search: '',
};

export function filterRows(
  rows: OverviewRow[],
  filter: OverviewFilter,
): OverviewRow[] {
  const statuses = new Set(filter.statuses);
  const owners = new Set(filter.owners);
  const systems = new Set(filter.systems);
  const words = filter.search
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean);
  return rows.filter(
    row =>
      (statuses.size === 0 || statuses.has(row.status)) &&
      (owners.size === 0 ||
        (row.owner !== undefined && owners.has(row.owner))) &&
      (systems.size === 0 ||
        (row.system !== undefined && systems.has(row.system))) &&
      (!filter.needsRebuild || row.needsRebuild) &&
      matchesEolFilter(row.eol, filter.eol) &&
      words.every(word => row.searchText.includes(word)),
  );
}

/** The sortable columns, in the table's order. */
export const OVERVIEW_COLUMNS = [
  'title',
  'status',
  'current',
  'latest',
  'behind',
  'baseImage',
  'eol',
  'checkedAt',
  'owner',
  'system',
] as const;

export type OverviewColumn = (typeof OVERVIEW_COLUMNS)[number];

export interface OverviewSort {
  column: OverviewColumn;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'base',
});

/** Compares optional strings with missing values last in either direction. */
function compareText(a: string | undefined, b: string | undefined): number {
  return collator.compare(a ?? '', b ?? '');
}

const comparators: Record<
  OverviewColumn,
  (a: OverviewRow, b: OverviewRow) => number
> = {
  title: (a, b) => compareText(a.title, b.title),
  status: (a, b) =>
    driftStatusRank(a.status) - driftStatusRank(b.status) ||
    compareDistance(b.behind, a.behind),
  current: (a, b) => compareText(a.current, b.current),
  latest: (a, b) => compareText(a.latest, b.latest),
  behind: (a, b) => compareDistance(a.behind, b.behind),
  // Worst first when ascending, like the status column; then by tag.
  baseImage: (a, b) =>
    driftStatusRank(a.baseImage!.status) -
      driftStatusRank(b.baseImage!.status) ||
    compareText(a.baseImage!.tag, b.baseImage!.tag),
  // Worst first when ascending: longest past end of life, then soonest to end.
  eol: (a, b) => compareEol(a.eol, b.eol),
  checkedAt: (a, b) =>
    Date.parse(a.checkedAt ?? '') - Date.parse(b.checkedAt ?? '') || 0,
  owner: (a, b) => compareText(a.owner, b.owner),
  system: (a, b) => compareText(a.system, b.system),
};

function isMissing(row: OverviewRow, column: OverviewColumn): boolean {
  switch (column) {
    case 'current':
    case 'latest':
    case 'checkedAt':
    case 'owner':
    case 'system':
    case 'baseImage':
    case 'eol':
      return !row[column];
    default:
      return false;
  }
}

/**
 * Sorts a copy of the rows. Ties keep a stable order by title; rows missing the sorted value
 * (never checked, no owner) go last whatever the direction, so they never crowd the top.
 */
export function sortRows(
  rows: OverviewRow[],
  sort: OverviewSort,
): OverviewRow[] {
  const compare = comparators[sort.column];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const missingA = isMissing(a, sort.column);
    const missingB = isMissing(b, sort.column);
    if (missingA !== missingB) return missingA ? 1 : -1;
    return sign * compare(a, b) || compareText(a.title, b.title);
  });
}

/**
 * How many containers have each overall status, how many need a rebuild, how many are past
 * their end of life or inside its warning window, and how many in all.
 */
export type OverviewSummary = Record<PinnedVersionStatus, number> & {
  needsRebuild: number;
  pastEol: number;
  eolSoon: number;
  total: number;
};

export function summarizeRows(rows: OverviewRow[]): OverviewSummary {
  const summary = Object.fromEntries(
    PINNED_STATUS_ORDER.map(status => [status, 0]),
  ) as OverviewSummary;
  summary.needsRebuild = 0;
  Object.assign(summary, countEol(rows));
  summary.total = rows.length;
  for (const row of rows) {
    // A status from a newer backend counts as unknown, as it is shown.
    summary[
      PINNED_STATUS_ORDER.includes(row.status) ? row.status : 'unknown'
    ] += 1;
    if (row.needsRebuild) summary.needsRebuild += 1;
  }
  return summary;
}

/** The distinct values of a column, sorted, for the filter pickers. */
export function distinctValues(
  rows: OverviewRow[],
  column: 'owner' | 'system',
): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = row[column];
    if (value) values.add(value);
  }
  return [...values].sort(compareText);
}
