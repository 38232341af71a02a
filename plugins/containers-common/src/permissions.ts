import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets a user trigger a drift check now, for one container or for all of them.
 *
 * @public
 */
export const containersDriftRefreshPermission = createPermission({
  name: 'containers.drift.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the containers plugin.
 *
 * @public
 */
export const containersPermissions = [containersDriftRefreshPermission];
