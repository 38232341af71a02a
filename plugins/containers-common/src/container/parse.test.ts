import fs from 'node:fs';
import path from 'node:path';
import type { ContainerVersionSpec } from './schema';
import {
  deriveTags,
  formatProblem,
  parseContainerYaml,
  type ContainerParseResult,
  type ContainerSpec,
} from '.';
import { parseWithoutPositions, parseWithPositions } from './parse';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** The platform's own files, one per image (`../shared/reference` from the repository root). */
const REFERENCE_DIR = path.resolve(
  REPO_ROOT,
  '../shared/reference/container-yaml-v1',
);
const CONTAINERS_DIR = path.join(REPO_ROOT, 'containers');
const BROKEN_DIR = path.resolve(__dirname, '../__fixtures__/broken');

function summary(result: ContainerParseResult): string[] {
  return result.problems.map(
    p => `${p.severity} ${p.line}:${p.column} ${p.path || '-'} ${p.rule}`,
  );
}

/** Every string in a value, for "no token left" checks. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

const referenceFiles = fs.existsSync(REFERENCE_DIR)
  ? fs
      .readdirSync(REFERENCE_DIR)
      .filter(f => f.endsWith('.yaml'))
      .sort()
  : [];

describe('reference files of the platform (../shared/reference/container-yaml-v1)', () => {
  if (referenceFiles.length === 0) {
    // CI clones only this repository: nothing to compare against there.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip(`skipped: ${REFERENCE_DIR} does not exist in this checkout`, () => {});
    return;
  }

  it.each(referenceFiles)('%s validates unchanged and resolves', name => {
    const text = fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8');
    const result = parseContainerYaml(text, { file: name });
    expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    // The only thing the old files may get is the digest warning.
    expect(result.problems.every(p => p.rule === 'base-image-digest')).toBe(
      true,
    );
    expect(result.container).toBeDefined();
    const resolved = result.resolved!;
    for (const value of [
      ...strings(resolved.build?.args),
      ...strings(resolved.publish?.labels),
      ...strings(resolved.publish?.tags),
    ]) {
      expect(value).not.toMatch(/![A-Za-z_]/);
    }
    expect(
      resolved.build?.args?.BASE_IMAGE ?? resolved.runtime?.base_image,
    ).toBe(resolved.runtime?.base_image);
    expect(resolved.publish?.labels?.['org.opencontainers.image.title']).toBe(
      resolved.name,
    );
  });

  it('spark resolves tokens and derives the platform tags', () => {
    const text = fs.readFileSync(
      path.join(REFERENCE_DIR, 'spark.container.yaml'),
      'utf8',
    );
    const { resolved, problems } = parseContainerYaml(text, {
      file: 'spark.container.yaml',
    });
    expect(problems).toEqual([]);
    expect(resolved!.build!.args!.SPARK_VERSION).toBe('4.0.1');
    expect(resolved!.build!.args!.OCI_REVISION).toBe('4.0.1');
    expect(resolved!.build!.args!.BASE_IMAGE).toBe(
      'python:3.12-slim-bookworm@sha256:4a3ceab05b4e396df42a042415e43a286bb5793352b9258f889d6c7d38ed01fb',
    );
    expect(
      deriveTags(resolved!, {
        revision: 'feffe5d0a1b2c3d4e5f60718293a4b5c6d7e8f90',
      }),
    ).toEqual(['latest', '4.0.1', '4', '4.0', 'sha-feffe5d0a1b2']);
  });

  it('the template resolves a token inside a longer string', () => {
    const text = fs.readFileSync(
      path.join(REFERENCE_DIR, '_template.container.yaml'),
      'utf8',
    );
    const { resolved, problems } = parseContainerYaml(text, {
      file: '_template.container.yaml',
    });
    expect(resolved!.build!.args!.UPSTREAM_URI).toBe(
      'https://example.com/downloads/example-0.0.0.tar.gz',
    );
    expect(summary({ problems, ok: true })).toEqual([
      'warning 17:15 runtime.base_image base-image-digest',
    ]);
  });

  it('hive-metastore (no digest on its base image) is valid with one warning', () => {
    const text = fs.readFileSync(
      path.join(REFERENCE_DIR, 'hive-metastore.container.yaml'),
      'utf8',
    );
    const result = parseContainerYaml(text, {
      file: 'hive-metastore.container.yaml',
    });
    expect(result.ok).toBe(true);
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^hive-metastore\.container\.yaml:21:15 runtime\.base_image warning: not pinned by digest/,
      ),
    ]);
  });
});

const containerFolders = fs
  .readdirSync(CONTAINERS_DIR, { withFileTypes: true })
  .filter(
    d => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'),
  )
  .map(d => d.name)
  .sort();

describe('the containers of this repository', () => {
  it('has the lakehouse images', () => {
    expect(containerFolders.length).toBeGreaterThanOrEqual(8);
  });

  it.each(containerFolders)(
    'containers/%s/container.yaml has no problem at all',
    folder => {
      const file = path.join(CONTAINERS_DIR, folder, 'container.yaml');
      const result = parseContainerYaml(fs.readFileSync(file, 'utf8'), {
        file: `containers/${folder}/container.yaml`,
        folderName: folder,
      });
      expect(result.problems.map(formatProblem)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.resolved!.slug).toBe(folder);
      // The drift engine reads the same version block.
      const version: ContainerVersionSpec = result.resolved!.version;
      expect(version.current).toBeTruthy();
    },
  );

  it('containers/_template is not a container on its own (its placeholders are rendered first)', () => {
    const file = path.join(CONTAINERS_DIR, '_template', 'container.yaml');
    const result = parseContainerYaml(fs.readFileSync(file, 'utf8'), {
      file: 'containers/_template/container.yaml',
    });
    expect(result.ok).toBe(false);
  });
});

/** Each broken file: whether it is still ok, whether a container comes out, every problem. */
const BROKEN: Record<
  string,
  { folder?: string; ok?: boolean; container?: boolean; problems: string[] }
> = {
  'alias-bomb.yaml': { problems: ['error 12:9 - alias-bomb'] },
  'alias-undefined.yaml': { problems: ['error 4:10 summary syntax'] },
  'bad-regex.yaml': {
    problems: [
      'error 13:12 version.source.regex schema',
      'error 15:20 version.filter.include_regex schema',
    ],
  },
  'base-image-undigested.yaml': {
    ok: true,
    container: true,
    problems: ['warning 12:15 runtime.base_image base-image-digest'],
  },
  'catalog-glue-without-decision.yaml': {
    container: true,
    problems: [
      'error 13:1 catalog.decision catalog-cloud-decision',
      'error 22:3 catalog.rollback.steps catalog-cloud-decision',
    ],
  },
  'catalog-provider-without-compose.yaml': {
    container: true,
    problems: [
      'error 11:1 catalog.compose_example catalog-provider-rollback',
      'error 11:1 catalog.rollback catalog-provider-rollback',
    ],
  },
  'duplicate-key.yaml': {
    problems: [
      'error 5:1 name duplicate-key',
      'error 12:3 version.current duplicate-key',
    ],
  },
  'duplicate-key-and-type.yaml': {
    problems: [
      'error 2:7 name schema',
      'error 11:3 version.current duplicate-key',
    ],
  },
  'bom-wrong-type.yaml': { problems: ['error 1:7 name schema'] },
  'maven-package.yaml': {
    problems: ['error 12:14 version.source.package schema'],
  },
  'not-utf8.yaml': { problems: ['error 11:14 version.notes syntax'] },
  'nul-byte.yaml': { problems: ['error 2:11 name syntax'] },
  'empty-values.yaml': {
    problems: [
      'error 2:1 name schema',
      'error 8:1 links schema',
      'error 11:12 version.current schema',
    ],
  },
  'empty.yaml': { problems: ['error 1:1 - schema'] },
  'list-items.yaml': {
    problems: [
      'error 16:23 runtime.ports[1].container_port schema',
      'error 20:7 runtime.env[1].name schema',
      'error 25:7 build.platforms[1] schema',
    ],
  },
  'missing-required.yaml': {
    problems: [
      'error 2:1 summary schema',
      'error 5:5 maintainers[0].email schema',
      'error 6:1 version.current schema',
    ],
  },
  'multiple-documents.yaml': { problems: ['error 11:1 - syntax'] },
  'not-a-mapping.yaml': { problems: ['error 2:1 - schema'] },
  'regex-lookaround.yaml': {
    problems: [
      'error 13:12 version.source.regex schema',
      'error 15:20 version.filter.include_regex schema',
      'error 17:9 version.filter.exclude_regex[0] schema',
    ],
  },
  'slug-folder.yaml': {
    folder: 'example-two',
    container: true,
    problems: ['error 3:7 slug slug-folder'],
  },
  'slug-invalid.yaml': { problems: ['error 3:7 slug schema'] },
  'source-field-unused.yaml': {
    problems: ['error 13:11 version.source.repo schema'],
  },
  'strategy-source-missing.yaml': {
    problems: ['error 11:3 version.source.repo schema'],
  },
  'syntax-bad-indent.yaml': { problems: ['error 10:4 version syntax'] },
  'syntax-tab.yaml': { problems: ['error 9:1 - syntax'] },
  'syntax-unclosed-quote.yaml': { problems: ['error 2:7 name syntax'] },
  'syntax-unclosed-bracket.yaml': { problems: ['error 5:7 tags syntax'] },
  'too-deep.yaml': { problems: ['error 75:129 - too-large'] },
  'token-bad-tag.yaml': { problems: ['error 14:7 publish.tags[0] schema'] },
  'token-cycle.yaml': {
    problems: ['error 2:7 name token-cycle', 'error 4:10 summary token-cycle'],
  },
  'token-names-nothing.yaml': {
    problems: ['error 13:22 build.args.EXAMPLE_VERSION token'],
  },
  'token-non-scalar.yaml': {
    problems: [
      'error 13:20 build.args.VERSION_BLOCK token',
      'error 17:18 publish.labels.maintainers token',
    ],
  },
  'token-resolves-to-nothing.yaml': {
    problems: [
      'error 14:40 publish.labels["org.opencontainers.image.licenses"] token',
    ],
  },
  'token-unquoted.yaml': {
    problems: ['error 13:22 build.args.EXAMPLE_VERSION token'],
  },
  'unknown-keys.yaml': {
    problems: [
      'error 4:1 sumary schema',
      'error 12:3 version.sorce schema',
      'error 15:3 runtime.base-image schema',
    ],
  },
  'unknown-strategy.yaml': {
    problems: ['error 9:13 version.strategy unknown-strategy'],
  },
  'wrong-types.yaml': {
    problems: [
      'error 10:12 version.current schema',
      'error 12:15 runtime.entrypoint schema',
      'error 15:23 runtime.ports[0].container_port schema',
      'error 18:9 publish.sbom schema',
    ],
  },
};

describe('broken files (src/__fixtures__/broken)', () => {
  const files = fs.readdirSync(BROKEN_DIR).filter(f => f.endsWith('.yaml'));

  it('every fixture has its expectations here', () => {
    expect(files.sort()).toEqual(Object.keys(BROKEN).sort());
  });

  it.each(Object.entries(BROKEN))('%s', (name, expected) => {
    const text = fs.readFileSync(path.join(BROKEN_DIR, name), 'utf8');
    const result = parseContainerYaml(text, {
      file: name,
      folderName: expected.folder,
    });
    expect(summary(result)).toEqual(expected.problems);
    // A file with any problem is read by the precise path, which places the problems.
    expect(
      parseWithoutPositions(text, { file: name, folderName: expected.folder }),
    ).toBeUndefined();
    expect(result.ok).toBe(expected.ok ?? false);
    expect(Boolean(result.container)).toBe(expected.container ?? false);
    expect(Boolean(result.resolved)).toBe(expected.container ?? false);
    for (const problem of result.problems) {
      expect(problem.file).toBe(name);
      expect(problem.message.length).toBeGreaterThan(20);
    }
  });
});

describe('messages a person can act on', () => {
  const messageOf = (name: string, folder?: string) =>
    parseContainerYaml(fs.readFileSync(path.join(BROKEN_DIR, name), 'utf8'), {
      file: `containers/x/${name}`,
      folderName: folder,
    }).problems.map(formatProblem);

  it('says what a missing field is for', () => {
    expect(messageOf('missing-required.yaml')).toContain(
      'containers/x/missing-required.yaml:6:1 version.current required — the upstream version this image packages',
    );
  });

  it('lists the known strategies and suggests the closest', () => {
    expect(messageOf('unknown-strategy.yaml')).toEqual([
      'containers/x/unknown-strategy.yaml:9:13 version.strategy unknown strategy "githb-release" (did you mean "github-release"?) — use one of: manual, github-release, github-tag, docker-tags, pypi, http-directory, maven, npm, helm, endoflife',
    ]);
  });

  it('suggests the field a typo meant', () => {
    expect(messageOf('unknown-keys.yaml')).toEqual([
      'containers/x/unknown-keys.yaml:4:1 sumary unknown field "sumary" — did you mean "summary"?',
      'containers/x/unknown-keys.yaml:12:3 version.sorce unknown field "sorce" — did you mean "source"?',
      'containers/x/unknown-keys.yaml:15:3 runtime.base-image unknown field "base-image" — did you mean "base_image"?',
    ]);
  });

  it('tells to quote a version YAML reads as a number', () => {
    expect(messageOf('wrong-types.yaml')[0]).toBe(
      'containers/x/wrong-types.yaml:10:12 version.current must be text, not the number 4.1 (YAML reads 4.10 as 4.1) — quote it so YAML keeps it as written: "4.10" (the upstream version this image packages)',
    );
  });

  it('names the cycle, the missing field and the unquoted token', () => {
    expect(messageOf('token-cycle.yaml')[0]).toContain(
      'token cycle: name → summary → name',
    );
    expect(messageOf('token-names-nothing.yaml')[0]).toContain(
      'did you mean !version.current?',
    );
    expect(messageOf('token-unquoted.yaml')[0]).toContain(
      'write "!version.current" in quotes',
    );
    expect(messageOf('token-resolves-to-nothing.yaml')[0]).toContain(
      'token !license resolves to nothing: license is not set',
    );
  });

  it('says which patterns Dockyard does not run and what to use instead', () => {
    expect(messageOf('regex-lookaround.yaml')).toEqual([
      'containers/x/regex-lookaround.yaml:13:12 version.source.regex uses a look-behind ((?<=), which Dockyard does not run (patterns run in linear time, RE2 syntax); use exclude_regex for negation',
      'containers/x/regex-lookaround.yaml:15:20 version.filter.include_regex uses a look-ahead ((?!), which Dockyard does not run (patterns run in linear time, RE2 syntax); use exclude_regex for negation',
      'containers/x/regex-lookaround.yaml:17:9 version.filter.exclude_regex[0] uses a back-reference (\\1), which Dockyard does not run (patterns run in linear time, RE2 syntax); write the repeated part out again',
    ]);
  });

  it('names the folder a slug must equal', () => {
    expect(messageOf('slug-folder.yaml', 'example-two')).toEqual([
      'containers/x/slug-folder.yaml:3:7 slug slug "example" differs from its folder "example-two" — the slug is the folder\'s name: rename the folder or set slug: example-two',
    ]);
  });

  it('says what to do, not what the YAML library would call', () => {
    expect(messageOf('multiple-documents.yaml')).toEqual([
      expect.not.stringContaining('parseAllDocuments'),
    ]);
    expect(messageOf('multiple-documents.yaml')[0]).toContain(
      'remove the second "---"',
    );
  });

  it('points at the bracket that is never closed, not where YAML gave up', () => {
    expect(messageOf('syntax-unclosed-bracket.yaml')).toEqual([
      'containers/x/syntax-unclosed-bracket.yaml:5:7 tags YAML syntax: the [ opened here is never closed — end it with ] on the same line, or write the list one "- item" per line',
    ]);
  });

  it('tells a file that is not UTF-8 text from a YAML mistake', () => {
    expect(messageOf('not-utf8.yaml')[0]).toContain(
      'not UTF-8 (read as \uFFFD) — save the file as UTF-8',
    );
    expect(messageOf('nul-byte.yaml')[0]).toContain('a binary file?');
    expect(messageOf('maven-package.yaml')[0]).toContain(
      'must be group:artifact for strategy maven, e.g. org.apache.kafka:kafka-clients (got "iceberg-core")',
    );
  });

  it('marks warnings as such', () => {
    expect(messageOf('base-image-undigested.yaml')[0]).toMatch(
      /^containers\/x\/base-image-undigested\.yaml:12:15 runtime\.base_image warning: not pinned by digest/,
    );
  });
});

const MINIMAL = `name: "Example"
slug: example
summary: "Example image."
maintainers:
  - name: Team
    email: team@example.com
version:
  strategy: manual
  current: "1.2.3"
`;

describe('parseContainerYaml', () => {
  it('returns the container as written and resolved', () => {
    const result = parseContainerYaml(
      `${MINIMAL}publish:\n  image: ghcr.io/example/example\n  tags: ["!version.current"]\n`,
      { file: 'container.yaml', folderName: 'example' },
    );
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.container!.publish!.tags).toEqual(['!version.current']);
    expect(result.resolved!.publish!.tags).toEqual(['1.2.3']);
  });

  it('refuses files over the size limit without reading them as YAML', () => {
    const big = `${MINIMAL}notes: "${'x'.repeat(300 * 1024)}"\n`;
    const result = parseContainerYaml(big, { file: 'big.yaml' });
    expect(summary(result)).toEqual(['error 1:1 - too-large']);
    expect(result.problems[0].message).toMatch(
      /^the file is 300\.\d KiB, more than the 256\.0 KiB a container\.yaml may have/,
    );
    expect(
      summary(parseContainerYaml(MINIMAL, { file: 'x', maxBytes: 100 })),
    ).toEqual(['error 1:1 - too-large']);
  });

  it('counts bytes, not characters', () => {
    const text = `${MINIMAL.replace('Example image.', 'é'.repeat(200))}`;
    expect(parseContainerYaml(text, { file: 'x', maxBytes: 400 }).ok).toBe(
      false,
    );
    expect(parseContainerYaml(text, { file: 'x', maxBytes: 600 }).ok).toBe(
      true,
    );
  });

  it('stops aliases that refer to themselves', () => {
    const result = parseContainerYaml(`${MINIMAL}x: &a [1, *a]\n`, {
      file: 'x',
    });
    expect(result.ok).toBe(false);
    expect(result.problems[0].rule).toMatch(/alias-bomb|syntax/);
  });

  it('accepts anchors and merge keys used with restraint', () => {
    const result = parseContainerYaml(
      `${MINIMAL}publish:\n  image: ghcr.io/example/example\n  labels: &labels\n    a: "1"\n  targets:\n    - image: docker.io/example/example\n`,
      { file: 'x' },
    );
    expect(result.ok).toBe(true);
  });

  it('never throws on input that is not text', () => {
    for (const input of [undefined, null, 42, {}, []]) {
      const result = parseContainerYaml(input as unknown as string, {
        file: 'x',
      });
      expect(result.ok).toBe(false);
      expect(result.problems).toHaveLength(1);
    }
  });

  it('reports deeply nested documents instead of overflowing', () => {
    for (const text of [
      '['.repeat(20000),
      `a:${'\n'.padEnd(2, ' ')}`.repeat(1),
      Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      `x: ${'['.repeat(100)}${']'.repeat(100)}\n`,
    ]) {
      const result = parseContainerYaml(text, { file: 'x' });
      expect(result.ok).toBe(false);
    }
  });

  it('sorts problems by line', () => {
    const result = parseContainerYaml(
      'version:\n  strategy: nope\n  current: 1\nsumary: x\n',
      { file: 'x' },
    );
    const lines = result.problems.map(p => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(result.problems.length).toBeGreaterThan(3);
  });

  it('checks per strategy which source fields are needed', () => {
    const withVersion = (version: string) =>
      summary(
        parseContainerYaml(
          MINIMAL.replace(/version:[\s\S]*$/, () => version),
          {
            file: 'x',
          },
        ),
      );
    expect(
      withVersion(
        'version:\n  strategy: docker-tags\n  current: "17.6"\n  source:\n    image: postgres\n',
      ),
    ).toEqual(['error 11:12 version.source.image schema']);
    expect(
      withVersion('version:\n  strategy: pypi\n  current: "1.0"\n'),
    ).toEqual(['error 7:1 version.component schema']);
    expect(
      withVersion(
        'version:\n  strategy: helm\n  current: "1.0"\n  source:\n    url: https://charts.example.com\n',
      ),
    ).toEqual(['error 10:3 version.source.chart schema']);
    expect(
      withVersion(
        'version:\n  strategy: maven\n  current: "1.0"\n  source:\n    package: org.example:lib\n  filter:\n    scheme: regex\n',
      ),
    ).toEqual(['error 12:3 version.filter schema']);
    expect(
      withVersion(
        'version:\n  strategy: github-tag\n  current: "1.0"\n  source:\n    repo: o/n\n  filter:\n    track: "not a lane"\n',
      ),
    ).toEqual(['error 13:12 version.filter.track schema']);
    expect(
      withVersion(
        'version:\n  strategy: endoflife\n  current: "1.0"\n  source:\n    product: postgresql\n  filter:\n    scheme: regex\n    pattern: \'^(?P<major>[0-9]+)$\'\n',
      ),
    ).toEqual([]);
  });

  it('checks signing and provides', () => {
    const result = parseContainerYaml(
      `${MINIMAL}publish:\n  image: ghcr.io/example/example\n  signing:\n    method: cosign\ncatalog:\n  role: consumer\n  provides:\n    kind: nessie\n`,
      { file: 'x' },
    );
    expect(summary(result)).toEqual([
      'error 12:3 publish.signing.keyless schema',
      'error 16:3 catalog.provides schema',
    ]);
  });

  it('gives a type ContainerSpec with snake_case fields', () => {
    const container: ContainerSpec = parseContainerYaml(MINIMAL, {
      file: 'x',
    }).container!;
    expect(container.version.strategy).toBe('manual');
    expect(container.maintainers[0].email).toBe('team@example.com');
  });
});

describe('the fast path (no positions) and the precise path', () => {
  const cleanFiles = [
    ...containerFolders.map(folder => ({
      name: `containers/${folder}/container.yaml`,
      folderName: folder as string | undefined,
      text: fs.readFileSync(
        path.join(CONTAINERS_DIR, folder, 'container.yaml'),
        'utf8',
      ),
    })),
    ...referenceFiles.map(name => ({
      name,
      folderName: undefined,
      text: fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8'),
    })),
  ];

  it.each(cleanFiles.map(f => [f.name, f] as const))(
    '%s: both paths give the same result; the fast path answers when there is no problem',
    (_, { name, folderName, text }) => {
      const options = { file: name, folderName };
      const precise = parseWithPositions(text, options);
      // The reference files whose base image has no digest get a warning: positions needed.
      expect(parseWithoutPositions(text, options)).toEqual(
        precise.problems.length === 0 ? precise : undefined,
      );
      expect(parseContainerYaml(text, options)).toEqual(precise);
    },
  );

  it.each([
    [
      'a warning',
      MINIMAL.replace(
        'version:',
        'runtime:\n  base_image: python:3.12\nversion:',
      ),
      'warning 8:15 runtime.base_image base-image-digest',
    ],
    [
      'a slug that differs from its folder',
      MINIMAL,
      'error 2:7 slug slug-folder',
      'other',
    ],
    [
      'a token that names nothing',
      `${MINIMAL}  notes: "!version.nope"\n`,
      'error 10:10 version.notes token',
    ],
    [
      'a schema error',
      MINIMAL.replace('"1.2.3"', '1.2'),
      'error 9:12 version.current schema',
    ],
    [
      'a duplicate key',
      `${MINIMAL}slug: example\n`,
      'error 10:1 slug duplicate-key',
    ],
    [
      'an alias',
      MINIMAL.replace('"Example"', '&n "Example"').replace(
        '"Example image."',
        '*n',
      ),
      undefined,
    ],
  ])(
    'a file with %s goes down the precise path',
    (_, text, problem, folderName = 'example') => {
      const options = { file: 'container.yaml', folderName };
      expect(parseWithoutPositions(text, options)).toBeUndefined();
      const result = parseContainerYaml(text, options);
      expect(summary(result)).toEqual(problem ? [problem] : []);
      expect(result).toEqual(parseWithPositions(text, options));
    },
  );

  it('leaves files over 64 KiB to the precise path', () => {
    // A long comment: no value may be that long.
    const long = `${MINIMAL}# ${'z'.repeat(70 * 1024)}\n`;
    const options = { file: 'container.yaml', folderName: 'example' };
    expect(parseWithoutPositions(long, options)).toBeUndefined();
    expect(parseContainerYaml(long, options).ok).toBe(true);
    expect(parseWithoutPositions(long.replace(/z+/, 'short'), options)).toEqual(
      parseWithPositions(long.replace(/z+/, 'short'), options),
    );
  });
});
