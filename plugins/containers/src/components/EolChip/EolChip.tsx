import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpIcon from '@material-ui/icons/Help';
import HighlightOffIcon from '@material-ui/icons/HighlightOff';
import ScheduleIcon from '@material-ui/icons/Schedule';
import {
  describeEol,
  type DriftTone,
  type EolInfo,
} from '@dockyard/plugin-containers-common';
import { EOL_FILTER_LABELS, eolFilterOf } from '../../lib/eolFilter';
import { toneColor } from '../../lib/toneColor';

const useStyles = makeStyles<Theme, { tone: DriftTone }>(theme => ({
  // As the drift status chips: dark text on a tint of the tone, the tone in border and icon.
  chip: ({ tone }) => ({
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.primary,
    border: `1px solid ${toneColor(theme, tone)}`,
    backgroundColor: `${toneColor(theme, tone)}29`,
  }),
  icon: ({ tone }) => ({
    color: `${toneColor(theme, tone)} !important`,
  }),
}));

/**
 * Where the version in use stands in its support lifecycle, as colour, icon and words:
 * "Supported", "EOL soon" (inside the warning window), "Past EOL", "EOL unknown".
 */
export function EolChip(props: { eol: EolInfo; size?: 'small' | 'medium' }) {
  const state = eolFilterOf(props.eol);
  const known = state === 'none' ? 'unknown' : state;
  const { tone } = describeEol({ state: known });
  const classes = useStyles({ tone });
  const icons = {
    supported: <CheckCircleIcon className={classes.icon} />,
    warning: <ScheduleIcon className={classes.icon} />,
    eol: <HighlightOffIcon className={classes.icon} />,
    unknown: <HelpIcon className={classes.icon} />,
  };
  return (
    <Chip
      className={classes.chip}
      icon={icons[known]}
      label={EOL_FILTER_LABELS[known]}
      size={props.size ?? 'medium'}
      data-eol={known}
    />
  );
}
