import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The drift overview page. */
export const rootRouteRef = createRouteRef({ id: 'containers' });

/**
 * A template's page in the scaffolder (`/create/templates/:namespace/:templateName`), where the
 * drift card's "Bump to …" button opens the Bump container template. Bound to the scaffolder's
 * `selectedTemplate` route by default in the new frontend system; without a binding (a legacy app
 * that does not bind it) the card shows no button.
 */
export const scaffolderTemplateRouteRef = createExternalRouteRef({
  id: 'scaffolder-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
