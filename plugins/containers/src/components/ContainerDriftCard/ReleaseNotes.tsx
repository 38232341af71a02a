import { Link, MarkdownContent } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  MAX_RELEASE_BODY_LENGTH,
  plural,
  type DriftResult,
  type ReleaseNote,
} from '@dockyard/plugin-containers-common';
import { useId, useState } from 'react';
import {
  bodyPreview,
  RELEASE_HIGHLIGHT_LABELS,
  releaseBodyHref,
  releaseDay,
} from '../../lib/releaseNotes';
import { safeHref } from '../../lib/safeLink';

/** Releases listed before "Show all". */
const FIRST_RELEASES = 5;

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  release: {
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px dashed ${theme.palette.divider}` },
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  version: {
    fontFamily: 'monospace',
    fontWeight: theme.typography.fontWeightBold as number,
    overflowWrap: 'anywhere',
  },
  body: {
    marginTop: theme.spacing(0.5),
    overflowWrap: 'anywhere',
    // Upstream's headings are a release's sections, not the card's: body-sized.
    '& h1, & h2, & h3, & h4, & h5, & h6': {
      fontSize: theme.typography.body1.fontSize,
      margin: theme.spacing(1, 0, 0.5),
    },
    '& p, & ul, & ol, & pre': { margin: theme.spacing(0.5, 0) },
  },
}));

/** A release's notes: the first lines, then all of them on "Show more". */
function ReleaseBody(props: { note: ReleaseNote & { body: string } }) {
  const classes = useStyles();
  const { note } = props;
  const [open, setOpen] = useState(false);
  const id = useId();
  const { preview, more } = bodyPreview(note.body);
  const href = safeHref(note.url);
  return (
    <>
      <div id={id} className={classes.body} data-testid="release-body">
        {/*
         * Upstream wrote this Markdown: MarkdownContent drops raw HTML that is not safe (GitHub's
         * sanitising schema), links go through releaseBodyHref (web and mail links only) and
         * images are not loaded from the hosts the notes name.
         */}
        <MarkdownContent
          content={open || !more ? note.body : preview}
          transformLinkUri={link => releaseBodyHref(link, note.url)}
          transformImageUri={() => ''}
        />
      </div>
      {more && (
        <Button
          size="small"
          color="primary"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : 'Show more'}
        </Button>
      )}
      {open && note.bodyTruncated && (
        <Typography variant="body2" color="textSecondary">
          Cut at {MAX_RELEASE_BODY_LENGTH.toLocaleString('en-US')} characters
          {href ? (
            <>
              : <Link to={href}>read the full notes</Link>
            </>
          ) : (
            '.'
          )}
        </Typography>
      )}
    </>
  );
}

function Release(props: { note: ReleaseNote }) {
  const classes = useStyles();
  const { note } = props;
  const href = safeHref(note.url);
  const day = releaseDay(note.publishedAt);
  const title = note.name && note.name !== note.version ? note.name : undefined;
  return (
    <li className={classes.release}>
      <div className={classes.head}>
        <span className={classes.version}>{note.version}</span>
        {href ? (
          <Link to={href}>{title ?? `Release notes of ${note.version}`}</Link>
        ) : (
          title && <span>{title}</span>
        )}
        {day && (
          <Typography component="span" variant="body2" color="textSecondary">
            <time dateTime={note.publishedAt}>{day}</time>
          </Typography>
        )}
        {(note.highlights ?? [])
          .filter(h => RELEASE_HIGHLIGHT_LABELS[h])
          .map(h => (
            <Chip
              key={h}
              size="small"
              variant="outlined"
              label={RELEASE_HIGHLIGHT_LABELS[h]}
              data-highlight={h}
            />
          ))}
      </div>
      {note.body && <ReleaseBody note={{ ...note, body: note.body }} />}
    </li>
  );
}

/** The releases of one pinned version: the first few, then all on "Show all". */
function ReleaseList(props: {
  title: string;
  releases: ReleaseNote[];
  /** All releases behind (`behind.releases`), when more than listed. */
  total?: number;
  sourceUrl?: string;
}) {
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const { releases } = props;
  const shown = all ? releases : releases.slice(0, FIRST_RELEASES);
  const older = (props.total ?? 0) - releases.length;
  const sourceHref = safeHref(props.sourceUrl);
  return (
    <section className={classes.section} aria-label={props.title}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      <ul className={classes.list}>
        {shown.map(note => (
          <Release key={note.version} note={note} />
        ))}
      </ul>
      {shown.length < releases.length && (
        <Button size="small" color="primary" onClick={() => setAll(true)}>
          Show all {releases.length} releases
        </Button>
      )}
      {shown.length === releases.length && older > 0 && (
        <Typography variant="body2" color="textSecondary">
          … and {plural(older, 'older release')}
          {sourceHref && (
            <>
              {' '}
              (<Link to={sourceHref}>all releases</Link>)
            </>
          )}
          .
        </Typography>
      )}
    </section>
  );
}

/**
 * What changed upstream since the version in use: each release after `current` up to `latest`
 * of the main version and of every companion, with its name, date, link, highlight chips
 * (breaking, deprecation, removal, security, major) and its notes, collapsed after a few lines.
 * Nothing when no pinned version has releases to show.
 */
export function ReleaseNotes(props: { record: DriftResult }) {
  const { record } = props;
  const parts = [
    {
      title: `Releases since ${record.current}`,
      releases: record.releases,
      total: record.behind?.releases,
      sourceUrl: record.sourceUrl,
    },
    ...(record.companions ?? []).map(companion => ({
      title: `${companion.name}: releases since ${companion.current}`,
      releases: companion.releases,
      total: companion.behind?.releases,
      sourceUrl: companion.sourceUrl,
    })),
  ].filter(part => part.releases && part.releases.length > 0);
  if (parts.length === 0) return null;
  return (
    <>
      {parts.map(part => (
        <ReleaseList
          key={part.title}
          title={part.title}
          releases={part.releases!}
          total={part.total}
          sourceUrl={part.sourceUrl}
        />
      ))}
    </>
  );
}
