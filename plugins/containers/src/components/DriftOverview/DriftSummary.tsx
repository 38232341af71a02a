import ButtonBase from '@material-ui/core/ButtonBase';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { PinnedVersionStatus } from '@dockyard/plugin-containers-common';
import { OverviewSummary } from '../../lib/overviewRows';

type Tone = 'ok' | 'warning' | 'error' | 'neutral';

/** One tile per overall status: together they count every container once. */
const TILES: { status: PinnedVersionStatus; label: string; tone: Tone }[] = [
  { status: 'up-to-date', label: 'Up to date', tone: 'ok' },
  { status: 'behind', label: 'Behind upstream', tone: 'warning' },
  { status: 'rebuilt', label: 'Base image rebuilt', tone: 'warning' },
  { status: 'error', label: 'Failing checks', tone: 'error' },
  { status: 'unknown', label: 'Unknown', tone: 'neutral' },
];

function toneColor(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'error':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[500];
  }
}

const useRowStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(3),
  },
}));

const useTileStyles = makeStyles<Theme, { tone: Tone; selected: boolean }>(
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
  tone: Tone;
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
 * status), and how many need a rebuild because their base image moved whatever their status; a
 * click on a tile filters the table to those.
 */
export function DriftSummary(props: {
  summary: OverviewSummary;
  selected: PinnedVersionStatus[];
  onToggle: (status: PinnedVersionStatus) => void;
  needsRebuild: boolean;
  onToggleNeedsRebuild: () => void;
}) {
  const classes = useRowStyles();
  return (
    <div className={classes.row} role="group" aria-label="Drift summary">
      {TILES.map(tile => (
        <SummaryTile
          key={tile.status}
          count={props.summary[tile.status]}
          label={tile.label}
          tone={tile.tone}
          selected={props.selected.includes(tile.status)}
          onClick={() => props.onToggle(tile.status)}
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
    </div>
  );
}
