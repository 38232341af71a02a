import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  describeEol,
  type EolInfo,
  plural,
  utcToday,
} from '@dockyard/plugin-containers-common';
import { eolFilterOf } from '../../lib/eolFilter';
import { safeHref } from '../../lib/safeLink';
import { EolChip } from '../EolChip';
import { FactList } from '../FactList';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    margin: theme.spacing(1, 0),
  },
}));

/** "EOL since 2025-11-13, 18 days ago": the sentence beside the chip. */
function eolSentence(eol: EolInfo): string {
  if (eolFilterOf(eol) === 'unknown') {
    return eol.error ?? 'The end of life of this version is not known.';
  }
  const { text } = describeEol(eol);
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  if (eol.state === 'eol' && eol.daysToEol !== undefined) {
    return eol.daysToEol === 0
      ? `${sentence}, today.`
      : `${sentence}, ${plural(-eol.daysToEol, 'day')} ago.`;
  }
  return `${sentence}.`;
}

/** The product's page on endoflife.date, where its cycles and dates are listed. */
function ProductLink(props: { eol: EolInfo }) {
  const { product, cycle } = props.eol;
  const href = safeHref(
    `https://endoflife.date/${encodeURIComponent(product)}`,
  );
  const label = cycle ? `${product} ${cycle}` : product;
  return href ? <Link to={href}>{label}</Link> : <>{label}</>;
}

/** The newest supported cycle, said plainly when it is the one in use. */
function newestCycle(eol: EolInfo): string | undefined {
  if (!eol.latestCycle) return undefined;
  return eol.latestCycle === eol.cycle
    ? `${eol.latestCycle} (the one in use)`
    : eol.latestCycle;
}

/** When active support (bug fixes) ends or ended, when the product says. */
function activeSupport(eol: EolInfo): string | undefined {
  if (!eol.supportedUntil) return undefined;
  return eol.supportedUntil < utcToday()
    ? `ended ${eol.supportedUntil}`
    : `until ${eol.supportedUntil}`;
}

/**
 * The end of life of the version in use (`version.eol`), on the drift card: "supported until …",
 * "EOL in N days" (in the warning colour inside the window the backend is configured with), or
 * "EOL since …", its cycle on endoflife.date and the newest supported cycle. Nothing for a
 * container that does not track its end of life.
 */
export function EolStatus(props: { eol?: EolInfo }) {
  const classes = useStyles();
  const { eol } = props;
  if (!eol) return null;
  const known = eolFilterOf(eol) !== 'unknown';
  return (
    <section className={classes.section} aria-label="End of life">
      <Typography variant="subtitle2" component="h3">
        End of life
      </Typography>
      <div className={classes.headline}>
        <EolChip eol={eol} />
        <Typography variant="body2" component="p">
          {eolSentence(eol)}
        </Typography>
      </div>
      <FactList
        facts={[
          { label: 'Release cycle', value: <ProductLink eol={eol} /> },
          { label: 'Newest supported cycle', value: newestCycle(eol) },
          { label: 'Active support', value: activeSupport(eol) },
          // A known state with an error: the last lookup failed, its dates are from before.
          {
            label: 'Last lookup',
            value: known && eol.error ? `failed: ${eol.error}` : undefined,
          },
        ]}
      />
    </section>
  );
}
