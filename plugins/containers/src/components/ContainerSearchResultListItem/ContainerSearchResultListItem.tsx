import { Link } from '@backstage/core-components';
import type { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  DRIFT_STATUS_TONES,
  type ContainerSearchDocument,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import type { ReactNode } from 'react';
import { DriftStatusChip } from '../DriftStatusChip';

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    content: { flexWrap: 'wrap', width: '100%' },
    text: { wordBreak: 'break-word', marginBottom: theme.spacing(1) },
    facts: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(1),
    },
    value: { color: theme.palette.text.primary },
  }),
  { name: 'DockyardContainerSearchResultListItem' },
);

/**
 * Props of {@link ContainerSearchResultListItem}: what the search page hands every result item.
 *
 * @public
 */
export interface ContainerSearchResultListItemProps {
  /** The document (of type `dockyard-container`). */
  result?: { title: string; text: string; location: string };
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode | ((result: unknown) => ReactNode);
  /** Lines of the summary shown before it is cut off. */
  lineClamp?: number;
}

/**
 * A container in search results: its name, summary, upstream, current version (and the newer
 * one, when behind) and drift status as it was when the search index was built.
 *
 * @public
 */
export function ContainerSearchResultListItem(
  props: ContainerSearchResultListItemProps,
) {
  const classes = useStyles();
  if (!props.result) return null;
  const container = props.result as Partial<ContainerSearchDocument>;
  const { highlight, lineClamp = 3 } = props;
  const highlighted = (field: string, fallback: string) =>
    highlight?.fields[field] ? (
      <HighlightedSearchResultText
        text={highlight.fields[field]}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      fallback
    );
  const status = knownStatus(container.driftStatus);
  const newer =
    container.latestVersion &&
    container.latestVersion !== container.currentVersion
      ? container.latestVersion
      : undefined;
  const icon =
    typeof props.icon === 'function' ? props.icon(props.result) : props.icon;

  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.content}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={props.result.location}>
              {highlighted('title', props.result.title)}
            </Link>
          }
          secondary={
            container.summary ? (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
                style={{
                  display: '-webkit-box',
                  WebkitBoxOrient: 'vertical',
                  WebkitLineClamp: lineClamp,
                  overflow: 'hidden',
                }}
              >
                {highlighted('summary', container.summary)}
              </Typography>
            ) : undefined
          }
        />
        <Box className={classes.facts}>
          {status && (
            <DriftStatusChip
              status={status}
              manual={container.upstreamStrategy === 'manual'}
              size="small"
            />
          )}
          {container.currentVersion && (
            <Fact label="Version" classes={classes}>
              {container.currentVersion}
              {newer && ` → ${newer}`}
            </Fact>
          )}
          {container.upstream && (
            <Fact label="Upstream" classes={classes}>
              {container.upstream}
            </Fact>
          )}
          {container.image && (
            <Fact label="Image" classes={classes}>
              {container.image}
            </Fact>
          )}
          {container.metastoreRole && container.metastoreRole !== 'none' && (
            <Fact label="Iceberg metastore" classes={classes}>
              {container.metastoreRole}
            </Fact>
          )}
        </Box>
      </div>
    </div>
  );
}

function Fact(props: {
  label: string;
  classes: ReturnType<typeof useStyles>;
  children: ReactNode;
}) {
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      {props.label}:{' '}
      <span className={props.classes.value}>{props.children}</span>
    </Typography>
  );
}

/** The indexed status, when it is one this plugin shows (an index built by a newer module may differ). */
function knownStatus(value: unknown): PinnedVersionStatus | undefined {
  return typeof value === 'string' && Object.hasOwn(DRIFT_STATUS_TONES, value)
    ? (value as PinnedVersionStatus)
    : undefined;
}
