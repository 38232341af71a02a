import { useApi } from '@backstage/core-plugin-api';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  type DriftRecord,
  type PinnedVersionStatus,
  plural,
} from '@dockyard/plugin-containers-common';
import useAsync from 'react-use/esm/useAsync';
import { containersApiRef } from '../../api';
import {
  daysSince,
  type DriftStatusChange,
  formatDay,
  statusChanges,
  timelineSegments,
} from '../../lib/driftHistory';
import { formatAbsolute } from '../../lib/relativeTime';
import { toneColor } from '../../lib/toneColor';

/** The span of the card's timeline. */
export const TIMELINE_DAYS = 90;
/** Changes listed before "… and N earlier". */
const LISTED_CHANGES = 5;

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(2),
  },
  strip: {
    position: 'relative',
    height: theme.spacing(1),
    borderRadius: theme.spacing(0.5),
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
    margin: theme.spacing(1, 0, 0.5),
  },
  segment: {
    position: 'absolute',
    top: 0,
    bottom: 0,
  },
  ends: {
    display: 'flex',
    justifyContent: 'space-between',
  },
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
  },
  item: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0),
  },
  dot: {
    flex: 'none',
    width: theme.spacing(1),
    height: theme.spacing(1),
    borderRadius: '50%',
    alignSelf: 'center',
  },
  date: {
    minWidth: '7em',
  },
}));

/** The status's colour (a status from a newer backend reads as unknown). */
function useStatusColor(status: PinnedVersionStatus): string {
  const theme = useTheme();
  return toneColor(theme, DRIFT_STATUS_TONES[status] ?? 'neutral');
}

/** "476 → 478", or the version alone when nothing newer was known. */
function versions(change: DriftStatusChange): string | undefined {
  if (!change.current) return undefined;
  return change.latest && change.latest !== change.current
    ? `${change.current} → ${change.latest}`
    : change.current;
}

function ChangeItem(props: { change: DriftStatusChange }) {
  const classes = useStyles();
  const { change } = props;
  const color = useStatusColor(change.status);
  const label = DRIFT_STATUS_LABELS[change.status] ?? change.status;
  const text = versions(change);
  return (
    <Typography component="li" variant="body2" className={classes.item}>
      {/* The colour repeats the words beside it. */}
      <span
        className={classes.dot}
        aria-hidden
        style={{ backgroundColor: color }}
      />
      <time
        dateTime={change.at}
        title={formatAbsolute(change.at)}
        className={classes.date}
      >
        {formatDay(change.at)}
      </time>
      <span>
        <b>{label}</b>
        {text && <>: {text}</>}
      </span>
    </Typography>
  );
}

/**
 * Since when the container has been behind, and its drift over the last 90 days: a strip of its
 * overall status over time (a picture only) and the list of changes, newest first, in words.
 * Nothing before the history has loaded or when it has nothing to show.
 */
export function DriftTimeline(props: { record: DriftRecord }) {
  const classes = useStyles();
  const { record } = props;
  const containersApi = useApi(containersApiRef);
  // Loaded again after each check of the container, so a refresh shows its own point.
  const { value: history, error } = useAsync(
    () =>
      containersApi.getDriftHistory(record.entityRef, { days: TIMELINE_DAYS }),
    [containersApi, record.entityRef, record.checkedAt],
  );
  const behindSince = record.behindSince ?? history?.behindSince;
  const changes = history ? statusChanges(history.points) : [];
  if (!behindSince && changes.length === 0 && !error) return null;

  const listed = changes.slice(-LISTED_CHANGES).reverse();
  const earlier = changes.length - listed.length;
  return (
    <section className={classes.section} aria-label="Drift history">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        History
      </Typography>
      {behindSince && (
        <Typography variant="body2">
          Behind since{' '}
          <time dateTime={behindSince} title={formatAbsolute(behindSince)}>
            {formatDay(behindSince)}
          </time>{' '}
          ({plural(daysSince(behindSince), 'day')})
        </Typography>
      )}
      {error && (
        <Typography variant="body2" color="textSecondary">
          The drift history could not be loaded: {error.message}
        </Typography>
      )}
      {history && changes.length > 0 && (
        <>
          <TimelineStrip changes={changes} from={history.from} />
          <ol
            className={classes.list}
            aria-label={`Status changes in the last ${TIMELINE_DAYS} days, newest first`}
          >
            {listed.map(change => (
              <ChangeItem key={change.at} change={change} />
            ))}
          </ol>
          {earlier > 0 && (
            <Typography variant="body2" color="textSecondary">
              … and {plural(earlier, 'earlier change')}
            </Typography>
          )}
        </>
      )}
    </section>
  );
}

/** The overall status over the window as coloured stretches; the list says the same in words. */
function TimelineStrip(props: { changes: DriftStatusChange[]; from: string }) {
  const classes = useStyles();
  const segments = timelineSegments(props.changes, props.from);
  return (
    <div aria-hidden>
      <div className={classes.strip}>
        {segments.map(segment => (
          <SegmentBar key={segment.start} {...segment} />
        ))}
      </div>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        className={classes.ends}
      >
        <span>{formatDay(props.from)}</span>
        <span>today</span>
      </Typography>
    </div>
  );
}

function SegmentBar(props: {
  status: PinnedVersionStatus;
  start: number;
  end: number;
}) {
  const classes = useStyles();
  const color = useStatusColor(props.status);
  return (
    <div
      className={classes.segment}
      data-status={props.status}
      style={{
        left: `${props.start * 100}%`,
        width: `${(props.end - props.start) * 100}%`,
        backgroundColor: color,
      }}
    />
  );
}
