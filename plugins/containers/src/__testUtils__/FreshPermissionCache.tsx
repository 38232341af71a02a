import { ReactNode } from 'react';
import { SWRConfig } from 'swr';

/**
 * usePermission caches decisions in SWR's global cache, keyed by the permission: without a fresh
 * cache, the first test's allow/deny would leak into every later test of the file.
 */
export function FreshPermissionCache(props: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}
