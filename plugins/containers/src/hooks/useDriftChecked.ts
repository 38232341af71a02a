import { useSignal } from '@backstage/plugin-signals-react';
import {
  DRIFT_CHECKED_SIGNAL_CHANNEL,
  DriftCheckedSignal,
} from '@dockyard/plugin-containers-common';
import { useEffect, useRef } from 'react';

/**
 * Loads again each time the backend says a drift check finished and its records are stored (a
 * signal from Backstage's signals plugin), so an open card or overview shows the new result
 * without a page reload. A signal that comes while a load is under way (which may have read the
 * records before they were stored) loads again once it is done. Does nothing where the signals
 * plugin is not installed.
 */
export function useDriftChecked(state: {
  loading: boolean;
  retry: () => void;
}): void {
  const { lastSignal } = useSignal<DriftCheckedSignal>(
    DRIFT_CHECKED_SIGNAL_CHANNEL,
  );
  const latest = useRef(state);
  const missed = useRef(false);
  useEffect(() => {
    latest.current = state;
  });
  useEffect(() => {
    if (!lastSignal) return;
    if (latest.current.loading) missed.current = true;
    else latest.current.retry();
  }, [lastSignal]);
  useEffect(() => {
    if (!state.loading && missed.current) {
      missed.current = false;
      latest.current.retry();
    }
  }, [state.loading]);
}
