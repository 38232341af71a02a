import { createRouteRef } from '@backstage/core-plugin-api';

/** The drift overview page. */
export const rootRouteRef = createRouteRef({ id: 'containers' });
