import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    alignItems: 'baseline',
  },
  term: {
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
}));

/** One labelled value; `undefined`/`null` values are left out so lists never show blanks. */
export interface Fact {
  label: string;
  value: ReactNode;
}

/** Label/value pairs in two aligned columns, as a description list for screen readers. */
export function FactList(props: { facts: Fact[] }) {
  const classes = useStyles();
  const facts = props.facts.filter(
    fact =>
      fact.value !== undefined && fact.value !== null && fact.value !== '',
  );
  return (
    <dl className={classes.list}>
      {facts.map(fact => (
        <Typography
          component="div"
          variant="body2"
          key={fact.label}
          style={{ display: 'contents' }}
        >
          <dt className={classes.term}>{fact.label}</dt>
          <dd className={classes.value}>{fact.value}</dd>
        </Typography>
      ))}
    </dl>
  );
}
