import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  checkContainerSlug,
  SlugCheck,
  slugFromName,
} from './slugAvailability';
import { containersApiRef } from '../api';

/** How long typing pauses before the catalog is asked. */
const CHECK_DELAY_MS = 300;

/**
 * `ui:field: ContainerSlugPicker`: the slug of a new container, checked as it is typed against
 * the slug rule and the catalog, with a suggestion from the form's `name`.
 */
export const ContainerSlugPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    onChange,
    required,
    schema: { title = 'Slug', description },
    rawErrors,
    formData,
    formContext,
    idSchema,
    uiSchema,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const containersApi = useApiHolder().get(containersApiRef);
  const [check, setCheck] = useState<SlugCheck>({ status: 'empty' });
  const suggestion = slugFromName(formContext?.formData?.name);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      checkContainerSlug(catalogApi, formData, containersApi).then(result => {
        if (current) setCheck(result);
      });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalogApi, containersApi, formData]);

  const pending = Boolean(formData) && check.status === 'empty';
  const problem = check.status === 'invalid' || check.status === 'taken';
  let helperText = description;
  if (pending) helperText = 'Checking the catalog…';
  else if (check.status !== 'empty') helperText = check.message;
  else if (suggestion)
    helperText = `${description ?? ''} Suggested: ${suggestion}`.trim();

  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      placeholder={suggestion}
      helperText={helperText}
      required={required}
      value={formData ?? ''}
      onChange={event => {
        setCheck({ status: 'empty' });
        onChange(event.target.value);
      }}
      onBlur={() => {
        if (!formData && suggestion) onChange(suggestion);
      }}
      margin="normal"
      error={problem || (rawErrors?.length ?? 0) > 0}
      inputProps={{ autoFocus: uiSchema?.['ui:autofocus'], spellCheck: false }}
      FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
    />
  );
};

/** Blocks "Next" on an invalid or taken slug (the form validates before leaving the step). */
export const containerSlugValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) {
    return;
  }
  const result = await checkContainerSlug(
    catalogApi,
    value,
    context.apiHolder.get(containersApiRef),
  );
  if (result.status === 'invalid' || result.status === 'taken') {
    validation.addError(result.message);
  }
};
