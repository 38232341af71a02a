import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  baseImageRebuilt,
  describeDistance,
  overallDriftStatus,
  pinnedStatusLabel,
  shortDigest,
  type BaseImageDrift,
  type CompanionDrift,
  type DriftDistance,
  type DriftRecord,
  type PinnedVersionStatus,
} from '@dockyard/plugin-containers-common';
import { ReactNode } from 'react';
import {
  hasPinnedExtras,
  overallStatusReason,
  pinnedBaseRef,
} from '../../lib/pinnedVersions';
import { errorTextColor } from '../../lib/readableColor';
import { safeHref } from '../../lib/safeLink';
import { DriftStatusChip } from '../DriftStatusChip';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  reason: { flexBasis: '100%' },
  section: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px dashed ${theme.palette.divider}` },
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  name: { fontWeight: theme.typography.fontWeightBold as number },
  version: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  detail: { marginTop: theme.spacing(0.5) },
  error: { color: errorTextColor(theme), overflowWrap: 'anywhere' },
}));

/** The card's headline chip: the overall status, the worst of every pinned version. */
export function OverallStatusChip(props: { record: DriftRecord }) {
  return <DriftStatusChip status={overallDriftStatus(props.record)} />;
}

/**
 * Which pinned versions make the overall status, when that is not the main version alone
 * ("Companion iceberg-spark-runtime is behind."). Nothing otherwise.
 */
export function OverallStatusReason(props: { record: DriftRecord }) {
  const classes = useStyles();
  const reason = overallStatusReason(props.record);
  if (!reason) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      className={classes.reason}
      data-testid="overall-status-reason"
    >
      {reason}
    </Typography>
  );
}

function Version(props: { children: ReactNode }) {
  const classes = useStyles();
  return <span className={classes.version}>{props.children}</span>;
}

/** `a` or `a → b`, with how far behind. */
function CurrentToLatest(props: {
  current: string;
  latest?: string;
  behind?: DriftDistance;
}) {
  const distance = describeDistance(props.behind);
  return (
    <>
      <Version>{props.current}</Version>
      {props.latest && props.latest !== props.current && (
        <>
          {' → '}
          <Version>{props.latest}</Version>
        </>
      )}
      {distance && ` · ${distance} behind`}
    </>
  );
}

/** When this part was checked and, after a failed check, when it was last good. */
function Checked(props: {
  checkedAt: string;
  status: PinnedVersionStatus;
  lastSuccessAt?: string;
}) {
  const lastGood =
    props.status === 'error' &&
    props.lastSuccessAt &&
    props.lastSuccessAt !== props.checkedAt;
  return (
    <>
      {' · checked '}
      <RelativeTime value={props.checkedAt} />
      {lastGood && (
        <>
          {', last good '}
          <RelativeTime value={props.lastSuccessAt!} />
        </>
      )}
    </>
  );
}

function Upstream(props: { label?: string; url?: string }) {
  if (!props.label) return null;
  // Feeds and container.yaml write these URLs: only web links become links.
  const href = safeHref(props.url);
  return (
    <Typography component="span" variant="body2" color="textSecondary">
      {href ? <Link to={href}>{props.label}</Link> : props.label}
    </Typography>
  );
}

function Entry(props: {
  status: PinnedVersionStatus;
  statusLabel: string;
  name: ReactNode;
  upstream?: ReactNode;
  detail: ReactNode;
  error?: string;
}) {
  const classes = useStyles();
  return (
    <li className={classes.entry}>
      <div className={classes.head}>
        <DriftStatusChip
          status={props.status}
          label={props.statusLabel}
          size="small"
        />
        <span className={classes.name}>{props.name}</span>
        {props.upstream}
      </div>
      <Typography variant="body2" className={classes.detail}>
        {props.detail}
      </Typography>
      {props.error && (
        <Typography
          variant="body2"
          className={props.status === 'error' ? classes.error : undefined}
          color={props.status === 'error' ? undefined : 'textSecondary'}
        >
          {props.error}
        </Typography>
      )}
    </li>
  );
}

function MainEntry(props: { record: DriftRecord }) {
  const { record } = props;
  return (
    <Entry
      status={record.status}
      statusLabel={pinnedStatusLabel(record.status)}
      name="Main version"
      upstream={<Upstream label={record.source} url={record.sourceUrl} />}
      detail={
        <>
          <CurrentToLatest
            current={record.current}
            latest={record.latest}
            behind={record.behind}
          />
          <Checked
            checkedAt={record.checkedAt}
            status={record.status}
            lastSuccessAt={record.lastSuccessAt}
          />
        </>
      }
      // The card already shows the main version's error in full above.
    />
  );
}

function CompanionEntry(props: {
  companion: CompanionDrift;
  checkedAt: string;
}) {
  const { companion } = props;
  return (
    <Entry
      status={companion.status}
      statusLabel={pinnedStatusLabel(companion.status)}
      name={companion.name}
      upstream={
        <Upstream
          label={companion.source ?? companion.strategy}
          url={companion.sourceUrl}
        />
      }
      detail={
        <>
          <CurrentToLatest
            current={companion.current}
            latest={companion.latest}
            behind={companion.behind}
          />
          {companion.pinnedBy && (
            <>
              {' · pinned by '}
              <Version>{companion.pinnedBy}</Version>
            </>
          )}
          <Checked
            checkedAt={props.checkedAt}
            status={companion.status}
            lastSuccessAt={companion.lastSuccessAt}
          />
        </>
      }
      error={companion.error}
    />
  );
}

function BaseImageEntry(props: {
  baseImage: BaseImageDrift;
  checkedAt: string;
}) {
  const { baseImage } = props;
  const rebuilt = baseImageRebuilt(baseImage);
  const newerTag =
    baseImage.latestTag && baseImage.latestTag !== baseImage.tag
      ? baseImage.latestTag
      : undefined;
  const distance = describeDistance(baseImage.behind);
  return (
    <Entry
      status={baseImage.status}
      statusLabel={pinnedStatusLabel(baseImage.status, 'base-image')}
      name="Base image"
      upstream={
        <Upstream
          label={baseImage.source ?? baseImage.image}
          url={baseImage.sourceUrl}
        />
      }
      detail={
        <>
          <Version>{pinnedBaseRef(baseImage)}</Version>
          {newerTag && (
            <>
              {' → newer tag in lane '}
              <Version>{newerTag}</Version>
              {distance && ` (${distance})`}
            </>
          )}
          {baseImage.newestTag &&
            baseImage.newestTag !== (newerTag ?? baseImage.tag) && (
              <>
                {' · newest '}
                <Version>{baseImage.newestTag}</Version>
              </>
            )}
          {rebuilt && (
            <>
              {' · rebuilt upstream'}
              {baseImage.rebuiltAt && (
                <>
                  {' '}
                  <RelativeTime value={baseImage.rebuiltAt} />
                </>
              )}
              {', now '}
              <Version>{shortDigest(baseImage.latestDigest!)}</Version>
            </>
          )}
          <Checked
            checkedAt={props.checkedAt}
            status={baseImage.status}
            lastSuccessAt={baseImage.lastSuccessAt}
          />
        </>
      }
      error={baseImage.error}
    />
  );
}

/**
 * Every version the image pins, one entry each: the main version, each companion
 * (`version.companions[]`) and the base image, with current → latest, how far, when checked and
 * each one's own error. Nothing for a container that pins no more than its main version.
 */
export function PinnedVersions(props: { record: DriftRecord }) {
  const classes = useStyles();
  const { record } = props;
  if (!hasPinnedExtras(record)) return null;
  return (
    <div className={classes.section}>
      <Typography variant="subtitle2" component="h3">
        Pinned versions
      </Typography>
      <ul className={classes.list} aria-label="Pinned versions">
        <MainEntry record={record} />
        {(record.companions ?? []).map(companion => (
          <CompanionEntry
            key={companion.name}
            companion={companion}
            checkedAt={record.checkedAt}
          />
        ))}
        {record.baseImage && (
          <BaseImageEntry
            baseImage={record.baseImage}
            checkedAt={record.checkedAt}
          />
        )}
      </ul>
    </div>
  );
}
