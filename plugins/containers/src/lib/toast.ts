/**
 * How long a toast that needs no action stays up: what a transient alert did before
 * the AlertApi gave way to the ToastApi. Failures get no timeout; they stay until dismissed.
 */
export const TRANSIENT_TOAST_MS = 5000;
