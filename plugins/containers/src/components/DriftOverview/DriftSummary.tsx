import ButtonBase from '@material-ui/core/ButtonBase';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  type DriftTone,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { OVERVIEW_STATUSES } from '../../lib/driftFormat';
import { EOL_FILTER_LABELS, type EolFilter } from '../../lib/eolFilter';
import { OverviewSummary } from '../../lib/overviewRows';
import { toneColor } from '../../lib/toneColor';

const useRowStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(3),
  },
}));

const useTileStyles = makeStyles<Theme, { tone: DriftTone; selected: boolean }>(
  theme => ({
    tile: ({ tone, selected }) => ({
      display: 'block',
      width: '100%',
      textAlign: 'left',
      padding: theme.spacing(1.5, 2),
      borderRadius: theme.shape.borderRadius,
      backgroundColor: theme.palette.background.paper,
      border: `1px solid ${
        selected ? theme.palette.text.primary : theme.palette.divider
      }`,
      borderLeft: `6px solid ${toneColor(theme, tone)}`,
      boxShadow: selected ? `0 0 0 1px ${theme.palette.text.primary}` : 'none',
    }),
    count: {
      fontSize: '2rem',
      fontWeight: theme.typography.fontWeightBold as number,
      lineHeight: 1.2,
    },
  }),
);

function SummaryTile(props: {
  count: number;
  label: string;
  tone: DriftTone;
  selected: boolean;
  onClick: () => void;
  /** What "these" are, when the label alone does not say. */
  hint?: string;
}) {
  const classes = useTileStyles({
    tone: props.tone,
    selected: props.selected,
  });
  return (
    <ButtonBase
      className={classes.tile}
      onClick={props.onClick}
      aria-pressed={props.selected}
      title={
        props.selected
          ? 'Showing only these; click to show all'
          : props.hint ?? 'Show only these'
      }
    >
      <Typography component="span" display="block" className={classes.count}>
        {props.count}
      </Typography>
      <Typography component="span" display="block" variant="body2">
        {props.label}
      </Typography>
    </ButtonBase>
  );
}

/**
 * How many containers are up to date, behind, rebuilt upstream, failing or unknown (their overall
 * status), how many need a rebuild because their base image moved whatever their status, and
 * how many run a version past its end of life or inside its warning window (a dimension of its
 * own); a click on a tile filters the table to those.
 */
export function DriftSummary(props: {
  summary: OverviewSummary;
  selected: PinnedVersionStatus[];
  onToggle: (status: PinnedVersionStatus) => void;
  needsRebuild: boolean;
  onToggleNeedsRebuild: () => void;
  /** The end-of-life states the table is filtered to. */
  eolSelected?: EolFilter[];
  onToggleEol?: (state: EolFilter) => void;
}) {
  const classes = useRowStyles();
  return (
    <div className={classes.row} role="group" aria-label="Drift summary">
      {/* One tile per overall status, in the words and tone of the table's status chips:
          together they count every container once. */}
      {OVERVIEW_STATUSES.map(status => (
        <SummaryTile
          key={status}
          count={props.summary[status]}
          label={DRIFT_STATUS_LABELS[status]}
          tone={DRIFT_STATUS_TONES[status]}
          selected={props.selected.includes(status)}
          onClick={() => props.onToggle(status)}
        />
      ))}
      <SummaryTile
        count={props.summary.needsRebuild}
        label="Needs rebuild"
        tone="warning"
        selected={props.needsRebuild}
        onClick={props.onToggleNeedsRebuild}
        hint="Show only containers whose base image tag now points at another digest"
      />
      <SummaryTile
        count={props.summary.pastEol}
        label={EOL_FILTER_LABELS.eol}
        tone="error"
        selected={props.eolSelected?.includes('eol') ?? false}
        onClick={() => props.onToggleEol?.('eol')}
        hint="Show only containers whose version in use is past its end of life"
      />
      <SummaryTile
        count={props.summary.eolSoon}
        label={EOL_FILTER_LABELS.warning}
        tone="warning"
        selected={props.eolSelected?.includes('warning') ?? false}
        onClick={() => props.onToggleEol?.('warning')}
        hint="Show only containers whose version in use reaches its end of life within the warning window"
      />
    </div>
  );
}
