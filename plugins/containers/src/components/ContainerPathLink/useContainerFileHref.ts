import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import {
  containerFileHref,
  isLocalContainer,
  isViewablePath,
} from '../../lib/containerFiles';

/**
 * For containers read from the portal's own disk, turns paths written in container.yaml into
 * in-app links that open the file in the portal's file viewer (`ContainerFileDialog`).
 * Undefined for other containers and for paths the viewer cannot open.
 */
export function useContainerFileHref(): (path: string) => string | undefined {
  const { entity } = useEntity();
  const { pathname, search } = useLocation();
  const local = useMemo(() => isLocalContainer(entity), [entity]);
  return useCallback(
    (path: string) =>
      local && isViewablePath(path)
        ? containerFileHref({ pathname, search }, path)
        : undefined,
    [local, pathname, search],
  );
}
