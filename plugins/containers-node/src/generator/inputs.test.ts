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

  it('accepts a source.regex only when Dockyard runs it and it has group 1', () => {
    const problemsFor = (regex: string) =>
      newContainerInputProblems(
        validInput({
          version: {
            strategy: 'http-directory',
            current: '3.5.1',
            source: { url: 'https://archive.apache.org/dist/spark/', regex },
          },
        }),
      );
    expect(problemsFor('spark-([0-9]+\\.[0-9]+\\.[0-9]+)/')).toEqual([]);
    expect(problemsFor('spark-(?P<v>[0-9.]+)/')).toEqual([]);
    // Linear-time matching: a catastrophic pattern is answered, not run for ever.
    expect(problemsFor('^(?<major>a+)+$')).toEqual([]);
    for (const refused of [
      'spark-[0-9.]+/',
      'spark-((?!preview)[0-9.]+)/',
      '(?<=spark-)([0-9.]+)/',
      '(a)\\1',
      `(${'a'.repeat(600)})`,
      'spark-(\n[0-9.]+)/',
    ]) {
      expect(problemsFor(refused)).toEqual([
        expect.stringMatching(/^version\.source\.regex must be .*RE2 syntax/),
      ]);
    }
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
