import Tooltip from '@material-ui/core/Tooltip';
import { formatAbsolute, formatRelative } from '../../lib/relativeTime';

/** "3 hours ago", with the exact time on hover. */
export function RelativeTime(props: { value: string }) {
  return (
    <Tooltip title={formatAbsolute(props.value)}>
      <time dateTime={props.value}>{formatRelative(props.value)}</time>
    </Tooltip>
  );
}
