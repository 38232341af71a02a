import { ConfigReader } from '@backstage/config';
import { readActionsConfig } from './actionsConfig';

const read = (data: object) => readActionsConfig(new ConfigReader(data));

describe('readActionsConfig', () => {
  it("defaults to this repository's Bump container template", () => {
    expect(read({})).toEqual({
      bumpTemplate: 'template:default/bump-container',
      appBaseUrl: undefined,
    });
  });

  it('reads the template, in full form, and the app address', () => {
    expect(
      read({
        app: { baseUrl: 'https://portal.example.com' },
        containers: { actions: { bumpTemplate: 'platform/bump' } },
      }),
    ).toEqual({
      bumpTemplate: 'template:platform/bump',
      appBaseUrl: 'https://portal.example.com',
    });
  });

  it('refuses a ref that names no template, naming the key', () => {
    expect(() =>
      read({
        containers: { actions: { bumpTemplate: 'component:default/x' } },
      }),
    ).toThrow(
      'containers.actions.bumpTemplate must name a template, such as template:default/bump-container; "component:default/x": its kind is component, not template',
    );
    expect(() =>
      read({ containers: { actions: { bumpTemplate: 'template:default/' } } }),
    ).toThrow(/^containers.actions.bumpTemplate must name a template/);
    expect(() =>
      read({ containers: { actions: { bumpTemplate: 42 } } }),
    ).toThrow(/containers.actions.bumpTemplate/);
  });
});
