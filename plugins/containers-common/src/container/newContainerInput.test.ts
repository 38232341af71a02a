import {
  checkNewContainerInput,
  isContainerStrategy,
  isPlainVersion,
  optionalSourceFields,
  requiredSourceFields,
} from './newContainerInput';

/** Minimal valid inputs; tests override what they exercise. */
function validInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'iceberg-rest',
    name: 'Iceberg REST Catalog',
    summary: 'The Apache Iceberg REST catalog server, backed by PostgreSQL.',
    owner: 'group:default/data-platform-team',
    version: {
      strategy: 'github-release',
      current: '1.10.0',
      source: { repo: 'apache/iceberg' },
    },
    ...overrides,
  };
}

function problemsOf(input: unknown): string[] {
  const result = checkNewContainerInput(input);
  return result.ok ? [] : result.problems;
}

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

describe('checkNewContainerInput', () => {
  it('accepts valid inputs, form fields left empty meaning "not given"', () => {
    expect(checkNewContainerInput(validInput())).toEqual({
      ok: true,
      input: validInput(),
    });
    const result = checkNewContainerInput(
      validInput({ system: '', baseImage: null, license: '' }),
    );
    expect(result.ok && result.input.system).toBeUndefined();
  });

  it('takes lifecycles and catalog types from the container schema', () => {
    expect(problemsOf(validInput({ lifecycle: 'deprecated' }))).toEqual([]);
    expect(problemsOf(validInput({ lifecycle: 'retired' }))).toEqual([
      'lifecycle "retired" is not allowed — use one of: experimental, production, deprecated',
    ]);
    expect(
      problemsOf(
        validInput({ catalog: { role: 'consumer', type: 'iceberg' } }),
      ),
    ).toEqual([
      'catalog.type "iceberg" is not allowed — use one of: hive_metastore, glue, rest, nessie, jdbc',
    ]);
  });

  it('refuses a catalog provider without a compose example or rollback, and Glue as provided', () => {
    expect(
      problemsOf(validInput({ catalog: { role: 'provider', type: 'glue' } })),
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
      problemsOf(
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
    for (const [refused, reason] of [
      ['spark-[0-9.]+/', /needs a capture group: group 1 is the version/],
      ['spark-((?!preview)[0-9.]+)/', /uses a look-ahead .*RE2 syntax/],
      ['(?<=spark-)([0-9.]+)/', /uses a look-behind .*RE2 syntax/],
      ['(a)\\1', /uses a back-reference .*RE2 syntax/],
      [`(${'a'.repeat(600)})`, /must be at most \d+ characters/],
      ['spark-(\n[0-9.]+)/', /must be a single line/],
    ] as const) {
      expect(problemsFor(refused)).toEqual([
        expect.stringMatching(
          new RegExp(`^version\\.source\\.regex ${reason.source}`),
        ),
      ]);
    }
  });

  it('refuses values of the wrong type instead of crashing', () => {
    expect(
      problemsOf({
        ...validInput(),
        name: 42,
        ports: [{ name: 'http', port: '80' }],
        version: { strategy: 'manual', current: '1', source: 'x' },
      }),
    ).toEqual([
      'name must be text, not the number 42 (the human name of the image ("Apache Spark Runtime"))',
      'version.source must be a mapping (key: value lines), not text "x" (where the strategy finds upstream versions)',
      'ports[0].port must be a number, not text "80"',
    ]);
  });

  it('says a missing strategy is required, with the strategies to choose from', () => {
    expect(
      problemsOf(validInput({ version: { strategy: '', current: '1' } })),
    ).toEqual([
      'version.strategy required — how to find upstream releases: one of manual, github-release, github-tag, docker-tags, pypi, http-directory, maven, npm, helm, endoflife',
    ]);
  });

  it('refuses a name used twice and signing both keyless and with a key', () => {
    expect(
      problemsOf(
        validInput({
          ports: [
            { name: 'http', port: 80 },
            { name: 'http', port: 81 },
          ],
          env: [{ name: 'A' }, { name: 'A' }],
          publish: { signing: { method: 'cosign', keyless: true, key: 'k' } },
        }),
      ),
    ).toEqual([
      'ports[1].name "http" is used twice',
      'env[1].name "A" is used twice',
      'publish.signing.key is set with keyless: true — choose keyless signing or a key',
    ]);
    expect(
      problemsOf(
        validInput({
          publish: { signing: { method: 'cosign', keyless: false } },
        }),
      ),
    ).toEqual([
      'publish.signing.key is required for cosign signing that is not keyless',
    ]);
  });
});

describe('values other files hold verbatim', () => {
  const problemFor = (field: string, value: unknown) =>
    problemsOf(validInput({ [field]: value }));

  it.each([
    'docker.io/library/debian:bookworm-slim',
    'debian:12',
    'localhost:5000/team/app:1.0',
    `docker.io/library/python:3.12-slim@sha256:${'a'.repeat(64)}`,
    `python@sha256:${'b'.repeat(64)}`,
  ])('accepts the pinned base image %s', ref => {
    expect(problemFor('baseImage', ref)).toEqual([]);
  });

  it.each([
    'docker.io/library/debian',
    'debian:bookworm slim',
    'debian:12\nRUN rm -rf /',
    'debian:12"',
    "debian:'12'",
    'debian:12 AS evil',
    '$(id):1',
    'Debian:12',
    'debian:${TAG}',
    `python@sha256:${'a'.repeat(63)}`,
  ])('refuses %j as a base image', ref => {
    expect(problemFor('baseImage', ref)).toEqual([
      expect.stringMatching(/^baseImage must /),
    ]);
  });

  it('tells image repositories from references, and checks the registry', () => {
    const publish = (value: Record<string, unknown>) =>
      problemFor('publish', value);
    expect(publish({ image: 'ghcr.io/example/data-platform/trino' })).toEqual(
      [],
    );
    expect(publish({ image: 'ghcr.io/example/trino:1' })).toEqual([
      expect.stringMatching(
        /^publish\.image must be an image name without tag/,
      ),
    ]);
    expect(publish({ image: 'ghcr.io/Example/trino' })).toHaveLength(1);
    expect(publish({ registry: 'ghcr.io/example/data-platform' })).toEqual([]);
    expect(publish({ registry: 'localhost:5000' })).toEqual([]);
    expect(publish({ registry: 'ghcr.io/example/data platform' })).toEqual([
      expect.stringMatching(/^publish\.registry must be a registry host/),
    ]);
  });

  it.each([
    '4.0.1',
    '476',
    '17.6-bookworm',
    'v2.1.0',
    '1.1.0-incubating',
    'RELEASE.2025-09-07T16-13-09Z',
  ])('accepts the version %s', version => {
    expect(isPlainVersion(version)).toBe(true);
    expect(
      problemFor('version', { strategy: 'manual', current: version }),
    ).toEqual([]);
  });

  it.each(['4.0.1 ', '1"', "1'", '1\n2', '$(id)', '-1', '1;rm'])(
    'refuses the version %j',
    version => {
      expect(isPlainVersion(version)).toBe(false);
      expect(
        problemFor('version', { strategy: 'manual', current: version }),
      ).toEqual([expect.stringMatching(/^version\.current must be a version/)]);
    },
  );

  it('accepts tags and tokens as publish tags', () => {
    const tag = (value: string) => problemFor('publish', { tags: [value] });
    expect(tag('latest')).toEqual([]);
    expect(tag('!version.current')).toEqual([]);
    expect(tag('two words')).toEqual([
      expect.stringMatching(/^publish\.tags\[0\] must be an image tag/),
    ]);
    expect(tag('.hidden')).toHaveLength(1);
  });

  it('accepts entity references only as owner', () => {
    expect(problemFor('owner', 'group:default/data-platform-team')).toEqual([]);
    expect(problemFor('owner', 'user:jane')).toEqual([]);
    expect(problemFor('owner', 'group:default/x | y')).toEqual([
      'owner must be an entity reference such as group:default/data-platform-team',
    ]);
    expect(problemFor('owner', 'group:default/`x`')).toHaveLength(1);
  });

  it('takes port and variable names a script can use', () => {
    expect(problemFor('ports', [{ name: 'spark-ui', port: 4040 }])).toEqual([]);
    expect(problemFor('ports', [{ name: 'ui-', port: 4040 }])).toHaveLength(1);
    expect(problemFor('env', [{ name: 'APP.MODE' }])).toEqual([
      expect.stringMatching(/^env\[0\]\.name must be an environment variable/),
    ]);
  });
});
