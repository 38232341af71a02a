import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ANNOTATION_CURRENT_VERSION,
  ANNOTATION_UPSTREAM_SOURCE,
  ANNOTATION_UPSTREAM_STRATEGY,
  describeDistance,
  DriftRecord,
} from '@dockyard/plugin-containers-common';
import { hasLastGoodResult, isManual } from '../../lib/driftFormat';
import { formatAbsolute } from '../../lib/relativeTime';
import { safeHref } from '../../lib/safeLink';
import { DriftStatusChip } from '../DriftStatusChip';
import { FactList } from '../FactList';
import { RelativeTime } from '../RelativeTime';
import { BumpAction } from './BumpAction';
import { DriftTimeline } from './DriftTimeline';
import { EolStatus } from './EolStatus';
import {
  OverallStatusChip,
  OverallStatusReason,
  PinnedVersions,
} from './PinnedVersions';
import { ReleaseNotes } from './ReleaseNotes';
import { useEntityDrift } from './useEntityDrift';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
  version: {
    fontFamily: theme.typography.fontFamily,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  notice: {
    marginBottom: theme.spacing(2),
  },
}));

/** What the status means for this container, in one sentence. */
function headline(record: DriftRecord): string {
  const distance = describeDistance(record.behind);
  switch (record.status) {
    case 'up-to-date':
      return `${record.current} is the latest release in its lane.`;
    case 'behind':
      return `${record.current} → ${record.latest}${
        distance ? ` (${distance} behind)` : ''
      }`;
    case 'error':
      return hasLastGoodResult(record) && record.latest
        ? `Last good check: ${record.current} → ${record.latest}${
            distance ? ` (${distance} behind)` : ''
          }`
        : 'Upstream could not be read.';
    default:
      return record.error ?? 'Drift is unknown.';
  }
}

function RefreshButton(props: {
  onClick: () => void;
  busy: boolean;
  label: string;
}) {
  return (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={props.onClick}
      disabled={props.busy}
    >
      {props.busy ? 'Checking…' : props.label}
    </Button>
  );
}

function UpstreamLink(props: { record: DriftRecord }) {
  const { source, sourceUrl, strategy } = props.record;
  const label = source ?? strategy;
  // Feeds and container.yaml write these URLs: only web links become links.
  const href = safeHref(sourceUrl);
  return (
    <>
      {href ? <Link to={href}>{label}</Link> : label}
      {source && (
        <Typography component="span" variant="body2" color="textSecondary">
          {' '}
          ({strategy})
        </Typography>
      )}
    </>
  );
}

function ReleaseNotesLink(props: { url: string; version?: string }) {
  const href = safeHref(props.url);
  return href ? (
    <Link to={href}>
      Release notes of {props.version ?? 'the latest version'}
    </Link>
  ) : (
    <code>{props.url}</code>
  );
}

function DriftFacts(props: { record: DriftRecord }) {
  const { record } = props;
  const classes = useStyles();
  return (
    <FactList
      facts={[
        {
          label: 'Current',
          value: <span className={classes.version}>{record.current}</span>,
        },
        {
          label: 'Latest in lane',
          value: record.latest && (
            <>
              <span className={classes.version}>{record.latest}</span>
              {record.latestReleasedAt && (
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  {' '}
                  released <RelativeTime value={record.latestReleasedAt} />
                </Typography>
              )}
            </>
          ),
        },
        {
          label: 'Newest overall',
          value:
            record.newest && record.newest !== record.latest ? (
              <span className={classes.version}>{record.newest}</span>
            ) : undefined,
        },
        { label: 'How far behind', value: describeDistance(record.behind) },
        { label: 'Upstream', value: <UpstreamLink record={record} /> },
        {
          label: 'Release notes',
          value: record.releaseNotesUrl && (
            <ReleaseNotesLink
              url={record.releaseNotesUrl}
              version={record.latest}
            />
          ),
        },
        {
          label: 'Checked',
          value: <RelativeTime value={record.checkedAt} />,
        },
      ]}
    />
  );
}

function LastErrorNotice(props: { record: DriftRecord }) {
  const { record } = props;
  const classes = useStyles();
  return (
    <Alert severity="error" className={classes.notice}>
      <AlertTitle>
        The last check failed <RelativeTime value={record.checkedAt} />
      </AlertTitle>
      <Typography variant="body2" gutterBottom>
        {record.error ?? 'No reason was given.'}
      </Typography>
      <Typography variant="body2">
        {record.lastSuccessAt ? (
          <>
            Last good result: <RelativeTime value={record.lastSuccessAt} /> (
            {formatAbsolute(record.lastSuccessAt)}); the versions below are from
            that check.
          </>
        ) : (
          'No check of this container has succeeded yet.'
        )}
      </Typography>
    </Alert>
  );
}

function ManualNotice(props: { current?: string; reason?: string }) {
  const classes = useStyles();
  return (
    <Alert severity="info" className={classes.notice}>
      <AlertTitle>Version kept by hand: no drift to compute</AlertTitle>
      <Typography variant="body2" gutterBottom>
        This container uses <code>version.strategy: manual</code>, so there is
        no upstream feed to compare <b>{props.current ?? 'its version'}</b>{' '}
        with. {props.reason}
      </Typography>
      <Typography variant="body2">
        To track upstream releases, set <code>version.strategy</code> (for
        example <code>github-release</code>, <code>docker-tags</code> or{' '}
        <code>pypi</code>) and its <code>version.source</code> in
        container.yaml.
      </Typography>
    </Alert>
  );
}

/** The overall status chip, what it means in one sentence, and which part makes it. */
function DriftHeadline(props: { record: DriftRecord }) {
  const classes = useStyles();
  const { record } = props;
  return (
    <Box className={classes.headline}>
      <OverallStatusChip record={record} />
      <Typography variant="body1" component="p">
        {headline(record)}
      </Typography>
      <OverallStatusReason record={record} />
    </Box>
  );
}

/** A version kept by hand: nothing to compare the main version with, but its pinned parts. */
function ManualDrift(props: { record?: DriftRecord; current?: string }) {
  const classes = useStyles();
  const { record, current } = props;
  return (
    <>
      <Box className={classes.headline}>
        <DriftStatusChip status="unknown" manual />
      </Box>
      <ManualNotice current={current} reason={record?.error} />
      <FactList
        facts={[
          { label: 'Current', value: current },
          {
            label: 'Checked',
            value: record && <RelativeTime value={record.checkedAt} />,
          },
        ]}
      />
      {/* A hand-kept main version can still pin companions and a base image that are checked. */}
      {record && <PinnedVersions record={record} />}
      <EolStatus eol={record?.eol} />
    </>
  );
}

function NotCheckedYet(props: { current?: string; upstream?: string }) {
  return (
    <>
      <Typography variant="body1" gutterBottom>
        Not checked yet.
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Dockyard checks every container's upstream on a schedule; the first
        result appears a few minutes after the container is added.
      </Typography>
      <FactList
        facts={[
          { label: 'Current', value: props.current },
          { label: 'Upstream', value: props.upstream },
        ]}
      />
    </>
  );
}

/** A container never checked: its first check is on its way and shows here by itself. */
function FirstCheckUnderWay(props: { current?: string; upstream?: string }) {
  const classes = useStyles();
  return (
    <>
      <Box className={classes.headline} role="status">
        <CircularProgress size={20} aria-hidden />
        <Typography variant="body1" component="p">
          Checking…
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        The first check of this container's upstream is under way; its result
        appears here within seconds.
      </Typography>
      <FactList
        facts={[
          { label: 'Current', value: props.current },
          { label: 'Upstream', value: props.upstream },
        ]}
      />
    </>
  );
}

function CheckedDrift(props: { record: DriftRecord; entityRef: string }) {
  const { record } = props;
  return (
    <>
      <DriftHeadline record={record} />
      {record.status === 'error' && <LastErrorNotice record={record} />}
      <DriftFacts record={record} />
      <PinnedVersions record={record} />
      <EolStatus eol={record.eol} />
      <DriftTimeline record={record} />
      <ReleaseNotes record={record} />
      <BumpAction record={record} entityRef={props.entityRef} />
    </>
  );
}

/**
 * The version drift of a container: current and latest version, how far behind, the upstream,
 * when it was checked, the last error, and, for people who may run templates, "Bump to <latest>".
 *
 * @public
 */
export function ContainerDriftCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { record, loading, error, canRefresh, refresh, refreshing } =
    useEntityDrift(entityRef);
  const annotations = entity.metadata.annotations ?? {};
  const manual = isManual(record, annotations[ANNOTATION_UPSTREAM_STRATEGY]);
  const current = record?.current || annotations[ANNOTATION_CURRENT_VERSION];
  // Served for a container never checked: nothing from upstream in it yet.
  const pending = record?.pending === true;
  const checked = pending ? undefined : record;

  const action =
    canRefresh && !manual ? (
      <Box mt={1} mr={1}>
        <RefreshButton
          onClick={refresh}
          busy={refreshing}
          label={checked ? 'Check now' : 'Check for the first time'}
        />
      </Box>
    ) : undefined;

  let content: JSX.Element;
  if (loading && !record) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (manual) {
    content = <ManualDrift record={checked} current={current} />;
  } else if (pending) {
    content = (
      <FirstCheckUnderWay
        current={current}
        upstream={annotations[ANNOTATION_UPSTREAM_SOURCE]}
      />
    );
  } else if (!record) {
    content = (
      <NotCheckedYet
        current={current}
        upstream={annotations[ANNOTATION_UPSTREAM_SOURCE]}
      />
    );
  } else {
    content = <CheckedDrift record={record} entityRef={entityRef} />;
  }

  return (
    <InfoCard title="Version drift" action={action}>
      {content}
    </InfoCard>
  );
}
