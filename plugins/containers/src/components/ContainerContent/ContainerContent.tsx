import { EmptyState, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useMemo } from 'react';
import { ContainerDocument, readContainer, Scalar } from '../../lib/container';
import {
  publishedImages,
  resolveContainer,
  REVISION_TAG_RULE,
  trackedBuildArgs,
} from '../../lib/containerDerived';
import { FactList } from '../FactList';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    overflowWrap: 'anywhere',
  },
  muted: { color: theme.palette.text.secondary },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.75) },
  tag: { fontFamily: 'monospace' },
  ruleTag: { fontFamily: 'monospace', borderStyle: 'dashed' },
  table: { '& td, & th': { verticalAlign: 'top' } },
  name: { whiteSpace: 'nowrap' },
  argName: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
}));

function Code(props: { children: ReactNode }) {
  const classes = useStyles();
  return <code className={classes.code}>{props.children}</code>;
}

function argv(values: string[] | undefined): ReactNode {
  if (!values || values.length === 0) return undefined;
  return <Code>{JSON.stringify(values)}</Code>;
}

function display(value: Scalar | undefined): string {
  return value === undefined ? '' : String(value);
}

function SmallTable(props: {
  label: string;
  head: string[];
  rows: ReactNode[][];
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={props.label} className={classes.table}>
      <TableHead>
        <TableRow>
          {props.head.map(cell => (
            <TableCell key={cell}>{cell}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((row, index) => (
          <TableRow key={index}>
            {row.map((cell, cellIndex) => (
              // The first column holds names (VARIABLE, ARG): never broken mid-word.
              <TableCell
                key={cellIndex}
                className={cellIndex === 0 ? classes.name : undefined}
              >
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RuntimeCard(props: { container: ContainerDocument }) {
  const runtime = props.container.runtime;
  if (!runtime) {
    return (
      <InfoCard title="Runtime">
        <Typography variant="body2">
          No runtime block in container.yaml.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Runtime" variant="gridItem">
      <FactList
        facts={[
          {
            label: 'Base image',
            value: runtime.base_image && <Code>{runtime.base_image}</Code>,
          },
          {
            label: 'User',
            value: runtime.user !== undefined && (
              <Code>{String(runtime.user)}</Code>
            ),
          },
          {
            label: 'Workdir',
            value: runtime.workdir && <Code>{runtime.workdir}</Code>,
          },
          { label: 'Entrypoint', value: argv(runtime.entrypoint) },
          { label: 'Command', value: argv(runtime.cmd) },
          {
            label: 'Ports',
            value: runtime.ports?.length ? (
              <>
                {runtime.ports.map(port => (
                  <div key={`${port.container_port}/${port.protocol ?? 'tcp'}`}>
                    <Code>
                      {port.container_port}/{port.protocol ?? 'tcp'}
                    </Code>{' '}
                    {port.name}
                  </div>
                ))}
              </>
            ) : undefined,
          },
          {
            label: 'Volumes',
            value: runtime.volumes?.length ? (
              <>
                {runtime.volumes.map(volume => (
                  <div key={volume.path}>
                    <Code>{volume.path}</Code> {volume.name}
                  </div>
                ))}
              </>
            ) : undefined,
          },
        ]}
      />
    </InfoCard>
  );
}

function EnvironmentCard(props: { container: ContainerDocument }) {
  const classes = useStyles();
  const env = props.container.runtime?.env ?? [];
  if (env.length === 0) return null;
  return (
    <InfoCard title={`Environment (${env.length})`} noPadding>
      <SmallTable
        label="Environment variables"
        head={['Variable', 'Default', 'What it does']}
        rows={env.map(variable => [
          <Code>{variable.name}</Code>,
          variable.default === undefined || variable.default === '' ? (
            <span className={classes.muted}>(empty)</span>
          ) : (
            <Code>{display(variable.default)}</Code>
          ),
          variable.description,
        ])}
      />
    </InfoCard>
  );
}

type BuildBlock = NonNullable<ContainerDocument['build']>;

function BuildFacts(props: { build: BuildBlock }) {
  const classes = useStyles();
  const { build } = props;
  return (
    <FactList
      facts={[
        { label: 'Context', value: <Code>{build.context ?? '.'}</Code> },
        {
          label: 'Dockerfile',
          value: <Code>{build.dockerfile ?? 'Dockerfile'}</Code>,
        },
        {
          label: 'Platforms',
          value: (
            <div className={classes.chips}>
              {(build.platforms ?? ['linux/amd64']).map(platform => (
                <Chip
                  key={platform}
                  size="small"
                  label={platform}
                  className={classes.tag}
                />
              ))}
            </div>
          ),
        },
        {
          label: 'Files',
          value: build.files?.length ? (
            <>
              {build.files.map(file => (
                <div key={`${file.source}->${file.destination}`}>
                  <Code>{file.source}</Code> → <Code>{file.destination}</Code>
                </div>
              ))}
            </>
          ) : undefined,
        },
      ]}
    />
  );
}

/** A build arg's name, with a chip for each companion it pins: a bump edits the arg. */
function BuildArgName(props: { name: string; companions: string[] }) {
  const classes = useStyles();
  return (
    <span className={classes.argName}>
      <Code>{props.name}</Code>
      {props.companions.map(companion => (
        <Chip
          key={companion}
          size="small"
          variant="outlined"
          label={`tracked: ${companion}`}
          title={`version.companions: ${companion} is checked against its upstream, and a bump edits this arg`}
        />
      ))}
    </span>
  );
}

/** The resolved value, and under it the token it came from when the arg was written as one. */
function BuildArgValue(props: { raw: Scalar; resolved?: Scalar }) {
  const classes = useStyles();
  const { raw } = props;
  const value = display(props.resolved ?? raw);
  const isToken = typeof raw === 'string' && raw.includes('!');
  return (
    <>
      <Code>{value}</Code>
      {isToken && value !== raw && (
        <Typography variant="caption" component="div" className={classes.muted}>
          from <Code>{String(raw)}</Code>
        </Typography>
      )}
    </>
  );
}

function BuildArgs(props: {
  container: ContainerDocument;
  resolved?: ContainerDocument;
}) {
  const args = Object.entries(props.container.build?.args ?? {});
  if (args.length === 0) return null;
  const resolvedArgs = props.resolved?.build?.args ?? {};
  // Args that pin a companion the drift check tracks: a bump edits them.
  const tracked = trackedBuildArgs(props.container);
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Build args
      </Typography>
      <SmallTable
        label="Build args"
        head={['Arg', 'Value']}
        rows={args.map(([name, raw]) => [
          <BuildArgName name={name} companions={tracked.get(name) ?? []} />,
          <BuildArgValue raw={raw} resolved={resolvedArgs[name]} />,
        ])}
      />
    </>
  );
}

function BuildCard(props: {
  container: ContainerDocument;
  resolved?: ContainerDocument;
}) {
  const build = props.container.build;
  if (!build) {
    return (
      <InfoCard title="Build">
        <Typography variant="body2">
          No build block in container.yaml.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Build" variant="gridItem">
      <BuildFacts build={build} />
      <BuildArgs container={props.container} resolved={props.resolved} />
    </InfoCard>
  );
}

function yesNo(value: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value ? 'yes' : 'no';
}

function provenanceWords(
  value: boolean | string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (value === false) return 'off';
  if (value === true) return 'on';
  return `${value} (buildx --provenance=mode=${value})`;
}

function signingWords(
  signing: NonNullable<ContainerDocument['publish']>['signing'],
): string | undefined {
  if (!signing) return undefined;
  if (signing.method === 'none') return 'not signed';
  if (signing.keyless) return `${signing.method}, keyless (OIDC)`;
  if (signing.key) return `${signing.method}, key ${signing.key}`;
  return signing.method;
}

function TagChips(props: { tags: string[] }) {
  const classes = useStyles();
  return (
    <div className={classes.chips}>
      {props.tags.map(tag =>
        tag === REVISION_TAG_RULE ? (
          // The browser's own title, not MUI v4's Tooltip: that one calls the deprecated
          // findDOMNode on its child, which React 18.3 reports.
          <Chip
            key={tag}
            size="small"
            variant="outlined"
            label={tag}
            className={classes.ruleTag}
            title="sha- and the first 12 hex digits of the git revision each build is made from"
          />
        ) : (
          <Chip key={tag} size="small" label={tag} className={classes.tag} />
        ),
      )}
    </div>
  );
}

function PublishCard(props: { resolved: ContainerDocument }) {
  const publish = props.resolved.publish;
  const images = useMemo(
    () => publishedImages(props.resolved),
    [props.resolved],
  );
  if (!publish) {
    return (
      <InfoCard title="Publish">
        <Typography variant="body2">
          No publish block in container.yaml.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Publish" variant="gridItem">
      <FactList
        facts={[
          ...images.map((image, index) => ({
            label: index === 0 ? 'Image' : 'Also pushed to',
            value: (
              <>
                <Code>{image.image}</Code>
                <TagChips tags={image.tags} />
              </>
            ),
          })),
          { label: 'Provenance', value: provenanceWords(publish.provenance) },
          { label: 'SBOM', value: yesNo(publish.sbom) },
          { label: 'Signing', value: signingWords(publish.signing) },
        ]}
      />
    </InfoCard>
  );
}

function TestsCard(props: { container: ContainerDocument }) {
  const tests = props.container.tests ?? [];
  return (
    <InfoCard title="Tests" variant="gridItem">
      {tests.length === 0 ? (
        <Typography variant="body2">
          No tests in container.yaml: add{' '}
          <Code>tests: [{'{name, command}'}]</Code>.
        </Typography>
      ) : (
        <SmallTable
          label="Tests"
          head={['Test', 'Command (run from the container folder)']}
          rows={tests.map(test => [test.name, <Code>{test.command}</Code>])}
        />
      )}
    </InfoCard>
  );
}

function VersionCard(props: { container: ContainerDocument }) {
  const version = props.container.version;
  if (!version) return null;
  const fields = (record: Record<string, unknown> | undefined) =>
    record && Object.keys(record).length > 0 ? (
      <>
        {Object.entries(record).map(([key, value]) => (
          <div key={key}>
            {key}:{' '}
            <Code>
              {typeof value === 'string' ? value : JSON.stringify(value)}
            </Code>
          </div>
        ))}
      </>
    ) : undefined;
  return (
    <InfoCard title="Upstream version">
      <FactList
        facts={[
          {
            label: 'Current',
            value: version.current && <Code>{version.current}</Code>,
          },
          {
            label: 'Strategy',
            value: version.strategy && <Code>{version.strategy}</Code>,
          },
          { label: 'Component', value: version.component },
          { label: 'Source', value: fields(version.source) },
          { label: 'Filter', value: fields(version.filter) },
          {
            label: 'Companions',
            value: version.companions?.length ? (
              <>
                {version.companions.map(companion => (
                  <div key={companion.name}>
                    {companion.name}: <Code>{companion.current}</Code> (
                    {companion.strategy})
                  </div>
                ))}
              </>
            ) : undefined,
          },
          {
            label: 'Notes',
            value: version.notes && (
              <Typography variant="body2" style={{ whiteSpace: 'pre-line' }}>
                {version.notes}
              </Typography>
            ),
          },
        ]}
      />
    </InfoCard>
  );
}

/**
 * The "Container" tab: how the image runs, is built, published and tested, from container.yaml.
 *
 * @public
 */
export function ContainerContent() {
  const { entity } = useEntity();
  const container = useMemo(() => readContainer(entity), [entity]);
  const resolution = useMemo(
    () => (container ? resolveContainer(container) : undefined),
    [container],
  );

  if (!container || !resolution) {
    return (
      <EmptyState
        missing="data"
        title="No container.yaml on this entity"
        description="The catalog module puts the parsed container.yaml in spec.container; this entity has none."
      />
    );
  }
  const { resolved, problems } = resolution;

  return (
    <Grid container spacing={3} alignItems="stretch">
      {problems.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="warning">
            Some tokens could not be resolved and are shown as written:{' '}
            {problems.join('; ')}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <RuntimeCard container={resolved} />
      </Grid>
      <Grid item xs={12} md={6}>
        <BuildCard container={container} resolved={resolved} />
      </Grid>
      <Grid item xs={12}>
        <EnvironmentCard container={resolved} />
      </Grid>
      <Grid item xs={12} md={6}>
        <PublishCard resolved={resolved} />
      </Grid>
      <Grid item xs={12} md={6}>
        <TestsCard container={container} />
      </Grid>
      <Grid item xs={12}>
        <VersionCard container={container} />
      </Grid>
    </Grid>
  );
}
