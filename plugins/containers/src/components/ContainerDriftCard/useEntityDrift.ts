import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { containersDriftRefreshPermission } from '@dockyard/plugin-containers-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { containersApiRef } from '../../api';

/**
 * The drift record of one container, and a refresh that only people with the
 * `containers.drift.refresh` permission get.
 */
export function useEntityDrift(entityRef: string) {
  const containersApi = useApi(containersApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canRefresh } = usePermission({
    permission: containersDriftRefreshPermission,
  });

  const drift = useAsyncRetry(
    () => containersApi.getDrift(entityRef),
    [containersApi, entityRef],
  );

  const [refreshState, refresh] = useAsyncFn(async () => {
    try {
      await containersApi.refreshDrift({ entityRef });
      alertApi.post({
        message: 'Checked upstream again.',
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      alertApi.post({
        message: `Could not check upstream: ${(error as Error).message}`,
        severity: 'error',
      });
    }
    drift.retry();
  }, [containersApi, alertApi, entityRef, drift.retry]);

  return {
    record: drift.value,
    loading: drift.loading,
    error: drift.error,
    canRefresh,
    refresh,
    refreshing: refreshState.loading,
  };
}
