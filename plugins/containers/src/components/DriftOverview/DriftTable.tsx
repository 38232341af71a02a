import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  describeLag,
  describeStep,
  type EolInfo,
  pinnedStatusLabel,
  plural,
} from '@dockyard/plugin-containers-common';
import { memo, ReactNode } from 'react';
import { errorReason, MANUAL_STRATEGY } from '../../lib/driftFormat';
import {
  OverviewColumn,
  OverviewRow,
  OverviewSort,
} from '../../lib/overviewRows';
import { ROWS_PER_PAGE_OPTIONS } from '../../lib/overviewQuery';
import { pinnedBaseRef } from '../../lib/pinnedVersions';
import { errorTextColor } from '../../lib/readableColor';
import { DriftStatusChip } from '../DriftStatusChip';
import { EolChip } from '../EolChip';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  // Ten columns side by side: tighter than MUI's default cell padding.
  table: {
    '& th, & td': { padding: theme.spacing(0.75, 1.25) },
    '& th:first-child, & td:first-child': { paddingLeft: theme.spacing(2) },
  },
  head: { whiteSpace: 'nowrap' },
  name: { minWidth: 180 },
  nowrap: { whiteSpace: 'nowrap' },
  // Long versions (RELEASE.2025-09-07T16-13-09Z) wrap rather than widen the table.
  version: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    minWidth: 135,
    maxWidth: 200,
    overflowWrap: 'anywhere',
  },
  secondary: {
    display: 'block',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  muted: { color: theme.palette.text.secondary },
  // Which pinned parts make the status: a few names, wrapped rather than widening the column.
  from: {
    display: 'block',
    color: theme.palette.text.secondary,
    maxWidth: 200,
    marginTop: theme.spacing(0.5),
    overflowWrap: 'anywhere',
  },
  tag: {
    display: 'block',
    fontFamily: 'monospace',
    maxWidth: 200,
    marginTop: theme.spacing(0.5),
    overflowWrap: 'anywhere',
  },
  // Two lines of the error at most; the whole message is in the tooltip.
  error: {
    color: errorTextColor(theme),
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    minWidth: 150,
    maxWidth: 200,
    marginTop: theme.spacing(0.5),
    overflowWrap: 'anywhere',
  },
}));

function StatusCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  const { row } = props;
  const chip = (
    <DriftStatusChip
      status={row.status}
      manual={row.strategy === MANUAL_STRATEGY}
      size="small"
    />
  );
  const showError =
    row.error && (row.status === 'error' || row.status === 'unknown');
  return (
    <>
      {chip}
      {row.statusFrom && (
        <Typography variant="caption" className={classes.from}>
          from {row.statusFrom}
        </Typography>
      )}
      {showError && (
        <Tooltip title={row.error!}>
          <Typography variant="caption" className={classes.error}>
            {errorReason(row.error!)}
          </Typography>
        </Tooltip>
      )}
    </>
  );
}

/** The base image's status with its tag: the newer tag in its lane, or when it was rebuilt. */
function BaseImageCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  const base = props.row.baseImage;
  if (!base) return <span className={classes.muted}>—</span>;
  const newerTag =
    base.latestTag && base.latestTag !== base.tag ? base.latestTag : undefined;
  const pinned = pinnedBaseRef(base);
  // The whole reference, digest in full, for whoever compares it with a Dockerfile.
  const fullReference = `${base.image}${base.tag ? `:${base.tag}` : ''}${
    base.digest ? `@${base.digest}` : ''
  }`;
  return (
    <>
      <DriftStatusChip
        status={base.status}
        label={pinnedStatusLabel(base.status, 'base-image')}
        size="small"
      />
      <Tooltip title={fullReference}>
        <Typography variant="caption" className={classes.tag}>
          {base.tag ?? pinned}
          {newerTag && ` → ${newerTag}`}
        </Typography>
      </Tooltip>
      {props.row.needsRebuild && base.rebuiltAt && (
        <Typography variant="caption" className={classes.secondary}>
          rebuilt <RelativeTime value={base.rebuiltAt} />
        </Typography>
      )}
      {base.error && (base.status === 'error' || base.status === 'unknown') && (
        <Tooltip title={base.error}>
          <Typography variant="caption" className={classes.error}>
            {errorReason(base.error)}
          </Typography>
        </Tooltip>
      )}
    </>
  );
}

/** When the end of life is, beside its chip: "until 2029-11-08", "in 12 days", "since 2025-11-13". */
function eolWhen(eol: EolInfo): string | undefined {
  switch (eol.state) {
    case 'supported':
      return eol.eolDate && `until ${eol.eolDate}`;
    case 'warning':
      return eol.daysToEol === undefined
        ? undefined
        : `in ${plural(eol.daysToEol, 'day')}`;
    case 'eol':
      return eol.eolDate && `since ${eol.eolDate}`;
    default:
      return undefined;
  }
}

/** The end of life of the version in use: its state, when, its cycle and the newest supported. */
function EolCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  const { eol } = props.row;
  if (!eol) return <span className={classes.muted}>—</span>;
  const when = eolWhen(eol);
  const cycle = `${eol.product}${eol.cycle ? ` ${eol.cycle}` : ''}`;
  return (
    <>
      <EolChip eol={eol} size="small" />
      {when && (
        <Typography variant="caption" className={classes.secondary}>
          {when}
        </Typography>
      )}
      <Tooltip title={eol.error ?? ''}>
        <Typography variant="caption" className={classes.from}>
          {cycle}
          {eol.latestCycle &&
            eol.latestCycle !== eol.cycle &&
            ` · newest ${eol.latestCycle}`}
        </Typography>
      </Tooltip>
    </>
  );
}

/** The latest version in the lane, and the newest overall when that is another lane's. */
function LatestCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  const { row } = props;
  return (
    <>
      {row.latest ?? <span className={classes.muted}>—</span>}
      {row.newest && row.newest !== row.latest && (
        <Typography variant="caption" className={classes.secondary}>
          newest {row.newest}
        </Typography>
      )}
    </>
  );
}

function BehindCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  const { behind } = props.row;
  if (!behind) return null;
  return (
    <>
      <b>{describeStep(behind) ?? ''}</b>
      <Typography variant="caption" className={classes.secondary}>
        {describeLag(behind)}
      </Typography>
    </>
  );
}

function CheckedAtCell(props: { row: OverviewRow }) {
  const classes = useStyles();
  return props.row.checkedAt ? (
    <RelativeTime value={props.row.checkedAt} />
  ) : (
    <span className={classes.muted}>never</span>
  );
}

/** One column of the table: its header, which of the table's styles its cells take, and its cell. */
interface DriftColumn {
  id: OverviewColumn;
  label: string;
  cellClass?: 'name' | 'version' | 'nowrap';
  render: (row: OverviewRow) => ReactNode;
}

/** The columns in order; the header, every row and the empty row's width all come from here. */
const COLUMNS: DriftColumn[] = [
  {
    id: 'title',
    label: 'Container',
    cellClass: 'name',
    render: row => (
      <EntityRefLink entityRef={row.entityRef} hideIcon>
        {row.title}
      </EntityRefLink>
    ),
  },
  { id: 'status', label: 'Status', render: row => <StatusCell row={row} /> },
  {
    id: 'current',
    label: 'Current',
    cellClass: 'version',
    render: row => row.current,
  },
  {
    id: 'latest',
    label: 'Latest',
    cellClass: 'version',
    render: row => <LatestCell row={row} />,
  },
  {
    id: 'behind',
    label: 'Behind',
    cellClass: 'nowrap',
    render: row => <BehindCell row={row} />,
  },
  {
    id: 'baseImage',
    label: 'Base image',
    render: row => <BaseImageCell row={row} />,
  },
  {
    id: 'eol',
    label: 'End of life',
    render: row => <EolCell row={row} />,
  },
  {
    id: 'checkedAt',
    label: 'Last checked',
    cellClass: 'nowrap',
    render: row => <CheckedAtCell row={row} />,
  },
  {
    id: 'owner',
    label: 'Owner',
    cellClass: 'nowrap',
    render: row =>
      row.owner && (
        <EntityRefLink entityRef={row.owner} defaultKind="group" hideIcon />
      ),
  },
  {
    id: 'system',
    label: 'System',
    cellClass: 'nowrap',
    render: row =>
      row.system && (
        <EntityRefLink entityRef={row.system} defaultKind="system" hideIcon />
      ),
  },
];

/** The header row: every column sorts, a second click on the sorted one reverses it. */
function SortableHead(props: {
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
}) {
  const classes = useStyles();
  const { sort, onSort } = props;
  return (
    <TableHead>
      <TableRow>
        {COLUMNS.map(column => {
          const sorted = sort.column === column.id;
          return (
            <TableCell
              key={column.id}
              className={classes.head}
              sortDirection={sorted ? sort.direction : false}
            >
              <TableSortLabel
                active={sorted}
                direction={sorted ? sort.direction : 'asc'}
                onClick={() =>
                  onSort({
                    column: column.id,
                    direction:
                      sorted && sort.direction === 'asc' ? 'desc' : 'asc',
                  })
                }
              >
                {column.label}
              </TableSortLabel>
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}

/**
 * One container's row. Rows are the same objects whatever the filter, so a row that stays on the
 * page while a search is typed is not rendered again, and only new ones mount.
 */
const DriftTableRow = memo(function DriftTableRowCells(props: {
  row: OverviewRow;
}) {
  const classes = useStyles();
  return (
    <TableRow hover>
      {COLUMNS.map(column => (
        <TableCell
          key={column.id}
          className={column.cellClass && classes[column.cellClass]}
        >
          {column.render(props.row)}
        </TableCell>
      ))}
    </TableRow>
  );
});

function NoMatchingRow() {
  const classes = useStyles();
  return (
    <TableRow>
      <TableCell colSpan={COLUMNS.length}>
        <Typography variant="body2" className={classes.muted}>
          No container matches these filters.
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/** One page of the drift overview, sortable by every column. */
export function DriftTable(props: {
  rows: OverviewRow[];
  total: number;
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
  page: number;
  rowsPerPage: number;
  onPage: (page: number) => void;
  onRowsPerPage: (rowsPerPage: number) => void;
}) {
  const classes = useStyles();
  return (
    <>
      <TableContainer>
        <Table
          size="small"
          aria-label="Container drift"
          className={classes.table}
        >
          <SortableHead sort={props.sort} onSort={props.onSort} />
          <TableBody>
            {props.rows.map(row => (
              <DriftTableRow key={row.entityRef} row={row} />
            ))}
            {props.rows.length === 0 && <NoMatchingRow />}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={props.total}
        page={props.page}
        rowsPerPage={props.rowsPerPage}
        rowsPerPageOptions={[...ROWS_PER_PAGE_OPTIONS]}
        onPageChange={(_event, page) => props.onPage(page)}
        onRowsPerPageChange={event =>
          props.onRowsPerPage(parseInt(event.target.value, 10))
        }
      />
    </>
  );
}
