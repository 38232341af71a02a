import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import { containersDriftRefreshPermission } from '@dockyard/plugin-containers-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { containersApiRef } from '../../api';
import { TRANSIENT_TOAST_MS, useToastApi } from '../../hooks/useToastApi';

/**
 * The drift record of one container, and a refresh that only people with the
 * `containers.drift.refresh` permission get.
 */
export function useEntityDrift(entityRef: string) {
  const containersApi = useApi(containersApiRef);
  const toastApi = useToastApi();
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
      toastApi.post({
        title: 'Checked upstream again.',
        status: 'success',
        timeout: TRANSIENT_TOAST_MS,
      });
    } catch (error) {
      toastApi.post({
        title: `Could not check upstream: ${toError(error).message}`,
        status: 'danger',
      });
    }
    drift.retry();
  }, [containersApi, toastApi, entityRef, drift.retry]);

  return {
    record: drift.value,
    loading: drift.loading,
    error: drift.error,
    canRefresh,
    refresh,
    refreshing: refreshState.loading,
  };
}
