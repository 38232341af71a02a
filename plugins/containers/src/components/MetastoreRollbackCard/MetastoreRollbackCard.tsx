import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Fragment, ReactNode, useId, useMemo, useState } from 'react';
import {
  MetastoreBlock,
  MetastoreUse,
  readContainer,
} from '../../lib/container';
import { RollbackGaps } from '../../lib/rollbackGaps';
import { ContainerFileDialog } from '../ContainerFileDialog';
import { ContainerPathLink } from '../ContainerPathLink';
import { metastoreName } from './metastoreLabels';
import { useRollbackGaps } from './useRollbackGaps';

const useStyles = makeStyles(theme => ({
  section: {
    '& + &': {
      marginTop: theme.spacing(2.5),
      paddingTop: theme.spacing(2),
      borderTop: `1px solid ${theme.palette.divider}`,
    },
  },
  heading: {
    marginBottom: theme.spacing(1),
    fontWeight: theme.typography.fontWeightBold as number,
  },
  uses: { listStyle: 'none', margin: 0, padding: 0 },
  use: {
    display: 'grid',
    gridTemplateColumns: '96px minmax(0, 1fr)',
    alignItems: 'start',
    columnGap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    '& .MuiChip-root': { justifySelf: 'start' },
  },
  active: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  checklist: { margin: 0, paddingLeft: theme.spacing(3) },
  checklistItem: {
    '& .MuiFormControlLabel-root': { alignItems: 'flex-start' },
    '& .MuiCheckbox-root': { paddingTop: 2 },
  },
  done: { textDecoration: 'line-through', color: theme.palette.text.secondary },
  change: { marginBottom: theme.spacing(1.5) },
  diffLine: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.borderRadius,
    overflowWrap: 'anywhere',
  },
  from: {
    backgroundColor: `${theme.palette.error.main}1f`,
    textDecoration: 'line-through',
  },
  to: { backgroundColor: `${theme.palette.success.main}1f` },
  links: { display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap' },
}));

function Section(props: { title: ReactNode; children: ReactNode }) {
  const classes = useStyles();
  const headingId = useId();
  return (
    <section className={classes.section} aria-labelledby={headingId}>
      <Typography
        id={headingId}
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
}

const DECISION_TONES: Record<string, 'primary' | 'default'> = {
  accepted: 'primary',
};

function MetastoreUses(props: { uses: MetastoreUse[] }) {
  const classes = useStyles();
  // Active first: that is what runs today; alternatives are what a switch or rollback goes to.
  const ordered = [...props.uses].sort(
    (a, b) => Number(Boolean(b.active)) - Number(Boolean(a.active)),
  );
  return (
    <ul className={classes.uses} aria-label="Catalogs">
      {ordered.map((use, index) => (
        <li key={`${use.type}-${index}`} className={classes.use}>
          {use.active ? (
            <Chip size="small" label="Active" className={classes.active} />
          ) : (
            <Chip size="small" label="Alternative" variant="outlined" />
          )}
          <div>
            <Typography variant="body2" component="span">
              <b>{metastoreName(use.type)}</b>
            </Typography>
            {use.uri && (
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                {' '}
                <code>{use.uri}</code>
              </Typography>
            )}
            {use.config_file && (
              <Typography variant="caption" component="div">
                config <ContainerPathLink path={use.config_file} />
              </Typography>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Checklist(props: { items: string[]; label: string }) {
  const classes = useStyles();
  const [done, setDone] = useState<boolean[]>(() =>
    props.items.map(() => false),
  );
  return (
    <ol className={classes.checklist} aria-label={props.label}>
      {props.items.map((item, index) => (
        <li key={index} className={classes.checklistItem}>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={done[index] ?? false}
                onChange={(_event, checked) =>
                  setDone(previous => {
                    const next = [...previous];
                    next[index] = checked;
                    return next;
                  })
                }
              />
            }
            label={
              <Typography
                variant="body2"
                className={done[index] ? classes.done : undefined}
              >
                {item}
              </Typography>
            }
          />
        </li>
      ))}
    </ol>
  );
}

/** "A", "A and B", "A, B and C". */
function inWords(items: JSX.Element[]): ReactNode {
  return items.map((item, index) => (
    <Fragment key={index}>
      {index > 0 && (index === items.length - 1 ? ' and ' : ', ')}
      {item}
    </Fragment>
  ));
}

function MissingNotesWarning(props: { gaps: RollbackGaps }) {
  const { gaps } = props;
  return (
    <Box mb={2}>
      <Alert severity="warning">
        <AlertTitle>Rollback notes are missing</AlertTitle>
        {gaps.reasons.map(reason => (
          <Typography variant="body2" key={reason.path} gutterBottom>
            <code>{reason.path}</code> {reason.message}
          </Typography>
        ))}
        {gaps.snippet && (
          <>
            <Typography variant="body2" gutterBottom>
              Add{' '}
              {inWords(gaps.missing.map(key => <code key={key}>{key}</code>))}{' '}
              to this container's <code>container.yaml</code>, for example:
            </Typography>
            <CodeSnippet
              text={gaps.snippet}
              language="yaml"
              showCopyCodeButton
            />
          </>
        )}
      </Alert>
    </Box>
  );
}

function Provides(props: {
  provides: NonNullable<MetastoreBlock['provides']>;
}) {
  const { kind, protocols, open_standard: openStandard } = props.provides;
  return (
    <Typography variant="body2">
      Runs <b>{metastoreName(kind)}</b>
      {protocols && protocols.length > 0 && (
        <>
          {' '}
          — speaks{' '}
          {protocols.map(p => (
            <code key={p}>{p} </code>
          ))}
        </>
      )}
      {openStandard !== undefined && (
        <> ({openStandard ? 'an open standard' : 'not an open standard'})</>
      )}
    </Typography>
  );
}

function Decision(props: {
  decision: NonNullable<MetastoreBlock['decision']>;
}) {
  const {
    adr,
    status,
    cloud_service: cloudService,
    rationale,
  } = props.decision;
  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={1}
      >
        {status && (
          <Chip
            size="small"
            label={status}
            color={DECISION_TONES[status] ?? 'default'}
          />
        )}
        {cloudService && (
          <Typography variant="body2">
            Cloud service: <b>{cloudService}</b>
          </Typography>
        )}
        {adr && (
          <Typography variant="body2">
            <ContainerPathLink path={adr}>
              Decision record (ADR)
            </ContainerPathLink>
          </Typography>
        )}
      </Box>
      {rationale && <Typography variant="body2">{rationale}</Typography>}
    </>
  );
}

function Rollback(props: {
  rollback: NonNullable<MetastoreBlock['rollback']>;
}) {
  const classes = useStyles();
  const {
    steps,
    config_changes: configChanges,
    metadata_migration: metadataMigration,
    verification,
  } = props.rollback;
  return (
    <>
      {steps && steps.length > 0 && (
        <Section title="Steps, in order">
          <Checklist items={steps} label="Rollback steps" />
        </Section>
      )}
      {configChanges && configChanges.length > 0 && (
        <Section title="Config changes">
          {configChanges.map((change, index) => (
            <div key={index} className={classes.change}>
              <Typography variant="body2" gutterBottom>
                <ContainerPathLink path={change.file} />
              </Typography>
              <div className={`${classes.diffLine} ${classes.from}`}>
                <span aria-label="from">− </span>
                {change.from}
              </div>
              <div className={`${classes.diffLine} ${classes.to}`}>
                <span aria-label="to">+ </span>
                {change.to}
              </div>
            </div>
          ))}
        </Section>
      )}
      {metadataMigration && (
        <Section title="Metadata migration">
          <Typography variant="body2">{metadataMigration}</Typography>
        </Section>
      )}
      {verification && verification.length > 0 && (
        <Section title="Verify">
          <Checklist items={verification} label="Verification steps" />
        </Section>
      )}
    </>
  );
}

function subheader(metastore: MetastoreBlock): string {
  if (metastore.role === 'provider') {
    return `Provides ${metastoreName(metastore.provides?.kind)}`;
  }
  const active = metastore.uses?.find(use => use.active);
  const alternatives = (metastore.uses?.length ?? 0) - (active ? 1 : 0);
  if (active) {
    return `Uses ${metastoreName(active.type)}${
      alternatives > 0
        ? `, ${alternatives} alternative${alternatives === 1 ? '' : 's'}`
        : ''
    }`;
  }
  return 'Iceberg catalog consumer';
}

/**
 * The Iceberg catalog (metadata service) a container provides or uses, the decision behind it,
 * and how to roll it back.
 *
 * @public
 */
export function MetastoreRollbackCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const container = useMemo(() => readContainer(entity), [entity]);
  const metastore = container?.catalog;
  const gaps = useRollbackGaps(container);
  const title = 'Iceberg catalog and rollback';

  if (!metastore || !metastore.role || metastore.role === 'none') {
    return (
      <InfoCard title={title}>
        {gaps && <MissingNotesWarning gaps={gaps} />}
        <Typography variant="body2" color="textSecondary">
          This image neither provides nor uses an Iceberg catalog (
          <code>catalog.role: {metastore?.role ?? 'none'}</code>), so it has no
          catalog rollback.
        </Typography>
      </InfoCard>
    );
  }

  const rollback = metastore.rollback;
  return (
    <InfoCard title={title} subheader={subheader(metastore)}>
      {gaps && <MissingNotesWarning gaps={gaps} />}
      <Section
        title={metastore.role === 'provider' ? 'Provides' : 'Catalogs used'}
      >
        {metastore.provides && <Provides provides={metastore.provides} />}
        {metastore.uses && metastore.uses.length > 0 && (
          <MetastoreUses uses={metastore.uses} />
        )}
      </Section>
      {metastore.decision && (
        <Section title="Decision">
          <Decision decision={metastore.decision} />
        </Section>
      )}
      {rollback && (
        <Section
          title={`Rollback${
            rollback.previous ? ` to ${metastoreName(rollback.previous)}` : ''
          }`}
        >
          <div className={classes.links}>
            {rollback.runbook && (
              <Typography variant="body2">
                <ContainerPathLink path={rollback.runbook}>
                  Runbook
                </ContainerPathLink>
              </Typography>
            )}
            {metastore.compose_example && (
              <Typography variant="body2">
                <ContainerPathLink path={metastore.compose_example}>
                  Compose example
                </ContainerPathLink>
              </Typography>
            )}
          </div>
        </Section>
      )}
      {!rollback && metastore.compose_example && (
        <Section title="Compose example">
          <ContainerPathLink path={metastore.compose_example} />
        </Section>
      )}
      {rollback && <Rollback rollback={rollback} />}
      {/* Where the paths above open for containers read from the portal's own disk. */}
      <ContainerFileDialog />
    </InfoCard>
  );
}
