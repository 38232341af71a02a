import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import {
  containerSlugValidation,
  ContainerSlugPicker as ContainerSlugPickerComponent,
} from './ContainerSlugPicker';

/** The `ContainerSlugPicker` form field (new frontend system). */
export const ContainerSlugPicker = createFormField({
  name: 'ContainerSlugPicker',
  component: ContainerSlugPickerComponent,
  validation: containerSlugValidation,
  schema: makeFieldSchema({ output: z => z.string() }),
});

export { checkContainerSlug, slugFromName } from './slugAvailability';
export type { SlugCheck } from './slugAvailability';
