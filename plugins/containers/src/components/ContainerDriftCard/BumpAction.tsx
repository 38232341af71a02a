import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { createPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { readContainer } from '../../lib/container';
import { safeHref } from '../../lib/safeLink';
import { scaffolderTemplateRouteRef } from '../../routes';
import { ContainerPathLink } from '../ContainerPathLink';

/**
 * The scaffolder's `taskCreatePermission` (`@backstage/plugin-scaffolder-common/alpha`), by its
 * name and attributes: what the scaffolder's own template cards check before "Choose". A
 * permission is decided by its name, so this is the same permission without a dependency on the
 * scaffolder's packages.
 */
export const scaffolderTaskCreatePermission = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

/** The template the button opens: templates/bump-container/template.yaml. */
export const BUMP_TEMPLATE = {
  namespace: 'default',
  templateName: 'bump-container',
};

/**
 * The template page with the form filled in (the scaffolder reads `?formData=` as JSON): the
 * container's entity ref and the version to move to.
 */
export function bumpTemplateHref(
  templatePath: string,
  entityRef: string,
  version: string,
): string {
  const query = new URLSearchParams({
    formData: JSON.stringify({ container: entityRef, version }),
  });
  return `${templatePath}?${query}`;
}

const useStyles = makeStyles(theme => ({
  root: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(2),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  warning: {
    marginBottom: theme.spacing(1.5),
    // A link inside the sentence: underlined, not told apart by colour alone (WCAG 1.4.1).
    '& a': { textDecoration: 'underline' },
  },
  hint: { display: 'block', marginTop: theme.spacing(0.75) },
}));

/** Where the way back is written: the runbook, else the rollback card's steps, else nowhere. */
function RollbackNotes(props: {
  rollback?: { runbook?: string; steps?: string[] };
}) {
  const { rollback } = props;
  if (rollback?.runbook) {
    return (
      <>
        Read the{' '}
        <ContainerPathLink path={rollback.runbook}>
          rollback notes
        </ContainerPathLink>{' '}
        (and the release notes) before bumping, so you know how to go back.
      </>
    );
  }
  if (rollback?.steps?.length) {
    return (
      <>
        Read the rollback steps in the <b>Iceberg catalog and rollback</b> card
        on this page (and the release notes) before bumping, so you know how to
        go back.
      </>
    );
  }
  return (
    <>
      This container has no rollback notes (<code>catalog.rollback</code> in its
      container.yaml): read the release notes and plan how to go back before
      bumping.
    </>
  );
}

/**
 * "Bump to <latest>" on a container that is behind: opens the Bump container template with the
 * container and the version filled in. Shown only to people the scaffolder lets start tasks, and
 * only where the app binds the template route. A major bump says so first and links the
 * container's rollback notes.
 */
export function BumpAction(props: { record: DriftRecord; entityRef: string }) {
  const { record, entityRef } = props;
  const classes = useStyles();
  const { entity } = useEntity();
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  const { allowed } = usePermission({
    permission: scaffolderTaskCreatePermission,
  });
  if (record.status !== 'behind' || !record.latest || !templateRoute) {
    return null;
  }
  if (!allowed) return null;
  // Built here from the app's route and JSON in the query; checked like every rendered link.
  const href = safeHref(
    bumpTemplateHref(templateRoute(BUMP_TEMPLATE), entityRef, record.latest),
  );
  if (!href) return null;
  const major = (record.behind?.major ?? 0) > 0;
  return (
    <Box className={classes.root}>
      {major && (
        <Alert severity="warning" className={classes.warning}>
          <AlertTitle>Major version: read the rollback notes first</AlertTitle>
          <Typography variant="body2">
            {record.current} → {record.latest} moves to another major version,
            which may change configuration, data formats or behaviour.{' '}
            <RollbackNotes
              rollback={readContainer(entity)?.catalog?.rollback}
            />
          </Typography>
        </Alert>
      )}
      <LinkButton
        to={href}
        variant="contained"
        color="primary"
        size="small"
        startIcon={<ArrowUpwardIcon />}
      >
        Bump to {record.latest}
      </LinkButton>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.hint}
      >
        Opens the Bump container template: version.current and what follows it,
        as one commit on a branch or a pull request.
      </Typography>
    </Box>
  );
}
