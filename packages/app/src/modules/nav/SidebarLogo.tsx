import {
  Link,
  sidebarConfig,
  useSidebarOpenState,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  root: {
    width: sidebarConfig.drawerWidthClosed,
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    flexFlow: 'row nowrap',
    alignItems: 'center',
    marginBottom: -14,
  },
  link: {
    marginLeft: 24,
    color: theme.palette.common.white,
    fontWeight: 700,
    fontSize: 20,
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
  },
}));

/** The wordmark: "Dockyard" when the sidebar is open, an anchor glyph when it is closed. */
export const SidebarLogo = () => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  return (
    <div className={classes.root}>
      {/* The name holds the visible word (axe: label-content-name-mismatch). */}
      <Link
        to="/"
        underline="none"
        className={classes.link}
        aria-label="Dockyard home"
      >
        {isOpen ? '⚓ Dockyard' : '⚓'}
      </Link>
    </div>
  );
};
