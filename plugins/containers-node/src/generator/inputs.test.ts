import {
  isContainerStrategy,
  newContainerInputProblems,
  optionalSourceFields,
  requiredSourceFields,
} from './inputs';
import { validInput } from './__testUtils__/fixtures';

describe('source fields per strategy', () => {
  it.each([
    ['manual', [], []],
    ['github-release', ['repo'], ['host']],
    ['docker-tags', ['image'], []],
    ['pypi', ['package'], []],
    ['http-directory', ['url', 'regex'], []],
    ['maven', ['package'], ['url']],
    ['helm', ['url', 'chart'], []],
    ['endoflife', ['product'], []],
  ] as const)('%s needs %j and may have %j', (strategy, required, optional) => {
    expect(requiredSourceFields(strategy)).toEqual(required);
    expect(optionalSourceFields(strategy)).toEqual(optional);
  });

  it('knows the strategies of container.yaml only', () => {
    expect(isContainerStrategy('npm')).toBe(true);
    expect(isContainerStrategy('git')).toBe(false);
    expect(isContainerStrategy('__proto__')).toBe(false);
  });
});

describe('newContainerInputProblems', () => {
  it('accepts valid inputs', () => {
    expect(newContainerInputProblems(validInput())).toEqual([]);
  });

  it('refuses a catalog provider without a compose example or rollback, and Glue as provided', () => {
    expect(
      newContainerInputProblems(
        validInput({ catalog: { role: 'provider', type: 'glue' } }),
      ),
    ).toEqual([
      'catalog.type glue is a cloud service: an image can use it, not provide it',
      'catalog.composeExample is required for a catalog provider (a compose file that runs it)',
      'catalog.decision is required for a cloud-native catalog (Glue): give the rationale or the ADR',
      'catalog.rollback.steps are required for a cloud-native catalog (Glue): how to go back',
      'catalog.rollback is required for a catalog provider: give the steps or a runbook',
    ]);
  });

  it('refuses values of the wrong type instead of crashing', () => {
    const problems = newContainerInputProblems({
      ...validInput(),
      name: 42 as any,
      ports: [{ name: 'http', port: '80' as any }],
      version: { strategy: 'manual', current: '1', source: 'x' as any },
    });
    expect(problems).toEqual([
      'name must be text',
      'version.source must be a mapping of source fields',
      'ports[0].port must be a whole number from 1 to 65535, got "80"',
    ]);
  });
});
