import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useContainerLinks } from './useContainerLinks';

/**
 * A path from container.yaml: a link (labelled by the children, else the path) when the
 * container's folder is browsable, else the path itself in monospace so people can find the file.
 */
export function ContainerPathLink(props: {
  path: string;
  children?: ReactNode;
}) {
  const resolve = useContainerLinks();
  const href = resolve(props.path);
  if (href) {
    return <Link to={href}>{props.children ?? props.path}</Link>;
  }
  return (
    <Typography component="span" variant="body2">
      {props.children ? <>{props.children}: </> : null}
      <code>{props.path}</code>
    </Typography>
  );
}
