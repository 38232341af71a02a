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
import { describeDistance, MANUAL_STRATEGY } from '../../lib/driftFormat';
import {
  OverviewColumn,
  OverviewRow,
  OverviewSort,
} from '../../lib/overviewRows';
import { DriftStatusChip } from '../DriftStatusChip';
import { RelativeTime } from '../RelativeTime';

const COLUMNS: { id: OverviewColumn; label: string }[] = [
  { id: 'title', label: 'Container' },
  { id: 'status', label: 'Status' },
  { id: 'current', label: 'Current' },
  { id: 'latest', label: 'Latest' },
  { id: 'behind', label: 'Behind' },
  { id: 'checkedAt', label: 'Last checked' },
  { id: 'owner', label: 'Owner' },
  { id: 'system', label: 'System' },
];

export const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

const useStyles = makeStyles(theme => ({
  version: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
  muted: { color: theme.palette.text.secondary },
  error: {
    color: theme.palette.error.main,
    display: 'block',
    maxWidth: 320,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
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
  if (!row.error || row.status === 'up-to-date' || row.status === 'behind') {
    return chip;
  }
  return (
    <>
      {chip}
      <Tooltip title={row.error}>
        <Typography variant="caption" className={classes.error}>
          {row.error}
        </Typography>
      </Tooltip>
    </>
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
  const { sort } = props;
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Container drift">
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.id}
                  sortDirection={
                    sort.column === column.id ? sort.direction : false
                  }
                >
                  <TableSortLabel
                    active={sort.column === column.id}
                    direction={
                      sort.column === column.id ? sort.direction : 'asc'
                    }
                    onClick={() =>
                      props.onSort({
                        column: column.id,
                        direction:
                          sort.column === column.id && sort.direction === 'asc'
                            ? 'desc'
                            : 'asc',
                      })
                    }
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.rows.map(row => (
              <TableRow key={row.entityRef} hover>
                <TableCell>
                  <EntityRefLink entityRef={row.entityRef} hideIcon>
                    {row.title}
                  </EntityRefLink>
                </TableCell>
                <TableCell>
                  <StatusCell row={row} />
                </TableCell>
                <TableCell className={classes.version}>{row.current}</TableCell>
                <TableCell className={classes.version}>
                  {row.latest ?? <span className={classes.muted}>—</span>}
                </TableCell>
                <TableCell>{describeDistance(row.behind)}</TableCell>
                <TableCell>
                  {row.checkedAt ? (
                    <RelativeTime value={row.checkedAt} />
                  ) : (
                    <span className={classes.muted}>never</span>
                  )}
                </TableCell>
                <TableCell>
                  {row.owner && (
                    <EntityRefLink entityRef={row.owner} defaultKind="group" />
                  )}
                </TableCell>
                <TableCell>
                  {row.system && (
                    <EntityRefLink
                      entityRef={row.system}
                      defaultKind="system"
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
            {props.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  <Typography variant="body2" className={classes.muted}>
                    No container matches these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={props.total}
        page={props.page}
        rowsPerPage={props.rowsPerPage}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        onPageChange={(_event, page) => props.onPage(page)}
        onRowsPerPageChange={event =>
          props.onRowsPerPage(parseInt(event.target.value, 10))
        }
      />
    </>
  );
}
