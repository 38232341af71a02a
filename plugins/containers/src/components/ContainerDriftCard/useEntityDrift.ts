import { useApi } from '@backstage/core-plugin-api';
import { toError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import { containersDriftRefreshPermission } from '@dockyard/plugin-containers-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { containersApiRef } from '../../api';
import { useDriftChecked } from '../../hooks/useDriftChecked';
import { TRANSIENT_TOAST_MS, useToastApi } from '../../hooks/useToastApi';

/** How often a card asks again while the first check of its container is under way. */
export const PENDING_POLL_MS = 5_000;

/**
 * The drift record of one container, and a refresh that only people with the
 * `containers.drift.refresh` permission get. Loaded again when a check finishes (a signal), and
 * every few seconds while the first check is still pending, in case no signal comes.
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
  useDriftChecked(drift);
  const pending = drift.value?.pending === true;
  const { retry, loading } = drift;
  useEffect(() => {
    if (!pending || loading) return undefined;
    const timer = setTimeout(retry, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, loading, retry]);

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
