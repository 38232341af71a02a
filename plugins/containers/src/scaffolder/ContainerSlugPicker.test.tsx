import { useState } from 'react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ContainerSlugPicker,
  containerSlugValidation,
} from './ContainerSlugPicker';

const catalogApi = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'trino', namespace: 'default' },
      spec: { type: 'container' },
    },
  ],
});

function Field(props: { name?: string }) {
  const [value, setValue] = useState<string | undefined>(undefined);
  return (
    <ContainerSlugPicker
      {...({
        onChange: setValue,
        required: true,
        schema: { title: 'Slug', description: 'Folder name.' },
        rawErrors: [],
        formData: value,
        formContext: { formData: { name: props.name } },
        idSchema: { $id: 'root_slug' },
        uiSchema: {},
      } as any)}
    />
  );
}

async function renderField(name?: string) {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <Field name={name} />
    </TestApiProvider>,
  );
  return screen.getByRole('textbox', { name: /slug/i });
}

describe('ContainerSlugPicker', () => {
  it('says as you type whether the slug is free or taken in the catalog', async () => {
    const input = await renderField();
    await userEvent.type(input, 'kafka');
    expect(await screen.findByText('kafka is free')).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, 'trino');
    expect(
      await screen.findByText(
        'component:default/trino already exists in the catalog: choose another slug',
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('explains an unsafe slug', async () => {
    const input = await renderField();
    await userEvent.type(input, '../etc');
    expect(
      await screen.findByText(
        'slug "../etc" must be a single folder name, not a path',
      ),
    ).toBeInTheDocument();
  });

  it('suggests a slug from the name and takes it when left empty', async () => {
    const input = await renderField('Kafka Connect');
    expect(input).toHaveAttribute('placeholder', 'kafka-connect');
    expect(
      screen.getByText('Folder name. Suggested: kafka-connect'),
    ).toBeInTheDocument();
    await userEvent.click(input);
    await userEvent.tab();
    await waitFor(() => expect(input).toHaveValue('kafka-connect'));
    expect(
      await screen.findByText('kafka-connect is free'),
    ).toBeInTheDocument();
  });
});

describe('containerSlugValidation', () => {
  const validate = async (value: string) => {
    const errors: string[] = [];
    await containerSlugValidation(
      value,
      { addError: (e: string) => errors.push(e) } as any,
      { apiHolder: { get: () => catalogApi } as any, formData: {}, schema: {} },
    );
    return errors;
  };

  it('blocks a taken or unsafe slug and lets a free one through', async () => {
    expect(await validate('trino')).toEqual([
      'component:default/trino already exists in the catalog: choose another slug',
    ]);
    expect(await validate('Bad')).toEqual(['slug "Bad" must be lower case']);
    expect(await validate('kafka-connect')).toEqual([]);
  });
});
