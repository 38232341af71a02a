import { alertApiRef, useApiHolder } from '@backstage/core-plugin-api';
import {
  toastApiRef,
  type ToastApi,
  type ToastApiMessage,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

/**
 * How long a toast that needs no action stays up: what a transient alert did before the
 * AlertApi gave way to the ToastApi. Failures get no timeout; they stay until dismissed.
 */
export const TRANSIENT_TOAST_MS = 5000;

const ALERT_SEVERITY = {
  neutral: 'info',
  info: 'info',
  success: 'success',
  warning: 'warning',
  danger: 'error',
} as const;

/**
 * The app's ToastApi. The new frontend system always has one; a legacy app has one only when
 * its apis.ts bridges it (Backstage's app template does, older apps do not), so without it the
 * toast is posted as an alert rather than failing the component. Put all a toast says in its
 * title: the alert, like Backstage's own bridge, shows the title only.
 */
export function useToastApi(): ToastApi {
  const apis = useApiHolder();
  return useMemo(() => {
    const toastApi = apis.get(toastApiRef);
    if (toastApi) return toastApi;
    const alertApi = apis.get(alertApiRef);
    return {
      post(toast: ToastApiMessage) {
        alertApi?.post({
          message: String(toast.title),
          severity: ALERT_SEVERITY[toast.status ?? 'success'],
          display: toast.timeout ? 'transient' : 'permanent',
        });
        return { close: () => {} };
      },
    };
  }, [apis]);
}
