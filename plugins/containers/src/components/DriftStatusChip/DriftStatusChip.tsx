import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import PanToolIcon from '@material-ui/icons/PanTool';
import WarningIcon from '@material-ui/icons/Warning';
import {
  DRIFT_STATUS_LABELS,
  DRIFT_STATUS_TONES,
  type DriftTone,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { toneColor } from '../../lib/toneColor';

const useStyles = makeStyles<Theme, { tone: DriftTone }>(theme => ({
  chip: ({ tone }) => ({
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.primary,
    border: `1px solid ${toneColor(theme, tone)}`,
    // A tint of the status colour behind dark text: readable in light and dark themes.
    backgroundColor: `${toneColor(theme, tone)}29`,
  }),
  icon: ({ tone }) => ({
    color: `${toneColor(theme, tone)} !important`,
  }),
}));

/**
 * A drift status as colour, icon and words, so it reads at a glance and without colour vision.
 *
 * @public
 */
export function DriftStatusChip(props: {
  status: PinnedVersionStatus;
  /** The container's version is kept by hand: say so instead of "Unknown". */
  manual?: boolean;
  /** Other words for the status ("Newer tag" for a base image); colour and icon stay. */
  label?: string;
  size?: 'small' | 'medium';
}) {
  const { status, manual, size = 'medium' } = props;
  // A status from a newer backend reads as unknown rather than breaking the page.
  const known = status in DRIFT_STATUS_TONES ? status : 'unknown';
  const classes = useStyles({ tone: DRIFT_STATUS_TONES[known] });
  const icons: Record<PinnedVersionStatus, JSX.Element> = {
    'up-to-date': <CheckCircleIcon className={classes.icon} />,
    behind: <WarningIcon className={classes.icon} />,
    rebuilt: <AutorenewIcon className={classes.icon} />,
    error: <ErrorIcon className={classes.icon} />,
    unknown: manual ? (
      <PanToolIcon className={classes.icon} />
    ) : (
      <HelpIcon className={classes.icon} />
    ),
  };
  const label =
    props.label ??
    (manual && known === 'unknown' ? 'Manual' : DRIFT_STATUS_LABELS[known]);
  return (
    <Chip
      className={classes.chip}
      icon={icons[known]}
      label={label}
      size={size}
      data-status={known}
    />
  );
}
