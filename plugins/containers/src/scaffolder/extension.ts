import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * `scaffolder-form-field:containers/container-slug-picker`: the `ContainerSlugPicker` field of the
 * New container template (slug rule and catalog check as you type).
 *
 * @alpha
 */
export const containerSlugFormField = FormFieldBlueprint.make({
  name: 'container-slug-picker',
  params: {
    field: () => import('./index').then(m => m.ContainerSlugPicker),
  },
});
