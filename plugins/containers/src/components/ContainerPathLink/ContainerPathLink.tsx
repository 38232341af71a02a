import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { safeHref } from '../../lib/safeLink';
import { useContainerFileHref } from './useContainerFileHref';
import { useContainerLinks } from './useContainerLinks';

/**
 * A path from container.yaml, as a link labelled by the children (else the path): to the file's
 * web address when the container's folder is browsable, else, for a container read from the
 * portal's own disk, to the portal's file viewer. Otherwise (also for a `javascript:` or other
 * scheme that is not a web link) the path itself in monospace, so people can find the file.
 */
export function ContainerPathLink(props: {
  path: string;
  children?: ReactNode;
}) {
  const resolveUrl = useContainerLinks();
  const resolveFile = useContainerFileHref();
  // Both the path as written (`//host/x` is not a path) and the link it resolves to.
  const href =
    safeHref(props.path) &&
    safeHref(resolveUrl(props.path) ?? resolveFile(props.path));
  if (href) {
    return (
      <Link to={href} title={props.children ? props.path : undefined}>
        {props.children ?? props.path}
      </Link>
    );
  }
  return (
    <Typography component="span" variant="body2">
      {props.children ? <>{props.children}: </> : null}
      <code>{props.path}</code>
    </Typography>
  );
}
