import { useApiHolder } from '@backstage/core-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import {
  containerBaseUrl,
  resolveContainerLink,
  ResolveUrl,
} from '../../lib/containerLinks';

const resolveAsUrl: ResolveUrl = ({ url, base }) =>
  new URL(url, base).toString();

/**
 * Turns paths written in the current entity's container.yaml into links. Uses the app's SCM
 * integrations, so GitHub and friends get their own file URLs; plain URL resolution otherwise.
 */
export function useContainerLinks(): (path: string) => string | undefined {
  const { entity } = useEntity();
  const scmIntegrations = useApiHolder().get(scmIntegrationsApiRef);
  const baseUrl = useMemo(() => containerBaseUrl(entity), [entity]);
  return useCallback(
    (path: string) =>
      resolveContainerLink(
        path,
        baseUrl,
        scmIntegrations
          ? options => scmIntegrations.resolveUrl(options)
          : resolveAsUrl,
      ),
    [baseUrl, scmIntegrations],
  );
}
