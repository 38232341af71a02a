import { parseContainerYaml, type ContainerParseResult } from '.';

const HEAD = `name: Spark
slug: spark
summary: Spark with Iceberg.
maintainers:
  - name: Team
    email: team@example.com
`;

/** A container.yaml with `companions` (indented under version:) and these build args. */
function file(companions: string, args = 'ICEBERG_VERSION: "1.6.1"\n') {
  return `${HEAD}version:
  strategy: github-release
  current: "3.5.6"
  source:
    repo: apache/spark
  companions:
${companions.replace(/^(?=.)/gm, '    ')}build:
  args:
${args.replace(/^(?=.)/gm, '    ')}`;
}

function problems(result: ContainerParseResult): string[] {
  return result.problems.map(
    p => `${p.severity} ${p.line}:${p.column} ${p.path} ${p.message}`,
  );
}

const parse = (text: string) => parseContainerYaml(text, { file: 'x' });

describe('version.companions', () => {
  it('is optional: a file without it is unchanged', () => {
    const result = parse(
      `${HEAD}version:\n  strategy: manual\n  current: "1.0"\n`,
    );
    expect(problems(result)).toEqual([]);
    expect(result.container?.version.companions).toBeUndefined();
  });

  it('resolves a token naming the build arg that pins a companion', () => {
    const result = parse(
      file(
        `- name: iceberg-spark-runtime
  current: "!build.args.ICEBERG_VERSION"
  strategy: maven
  source:
    package: org.apache.iceberg:iceberg-spark-runtime-3.5_2.12
  notes: the runtime jar in /opt/spark/jars
`,
      ),
    );
    expect(problems(result)).toEqual([]);
    expect(result.container?.version.companions?.[0].current).toBe(
      '!build.args.ICEBERG_VERSION',
    );
    expect(result.resolved?.version.companions?.[0]).toEqual({
      name: 'iceberg-spark-runtime',
      current: '1.6.1',
      strategy: 'maven',
      source: {
        package: 'org.apache.iceberg:iceberg-spark-runtime-3.5_2.12',
      },
      notes: 'the runtime jar in /opt/spark/jars',
    });
  });

  it('takes every strategy the main version takes, with its source and filter', () => {
    const result = parse(
      file(
        `- {name: a, current: "1.0.0", strategy: github-release, source: {repo: o/a}}
- {name: b, current: "1.0.0", strategy: github-tag, source: {repo: o/b, host: github.example.com}, filter: {strip_prefix: "rel/"}}
- {name: c, current: "17.6", strategy: docker-tags, source: {image: docker.io/library/postgres}, filter: {track: "17.*"}}
- {name: d, current: "1.0.0", strategy: pypi, source: {package: pyiceberg}}
- {name: e, current: "1.0.0", strategy: http-directory, source: {url: "https://archive.example.com/", regex: "e-([0-9.]+)/"}}
- {name: f, current: "1.0.0", strategy: maven, source: {package: "org.example:f", url: "https://maven.example.com/"}}
- {name: g, current: "1.0.0", strategy: npm, source: {package: "@scope/g"}}
- {name: h, current: "1.0.0", strategy: helm, source: {url: "https://charts.example.com", chart: h}}
- {name: i, current: "17", strategy: endoflife, source: {product: postgresql}}
- {name: j, current: "1.0.0", strategy: manual, notes: built from a fork}
- {name: k, current: "2025.1", strategy: github-tag, source: {repo: o/k}, filter: {scheme: regex, pattern: "^(?<year>[0-9]+)\\\\.(?<n>[0-9]+)$", exclude_regex: ["-rc"], prerelease: false}}
`,
      ),
    );
    expect(problems(result)).toEqual([]);
    expect(result.resolved?.version.companions).toHaveLength(11);
  });

  it("checks each strategy's source like the main version's, at the companion's line", () => {
    const result = parse(
      file(
        `- name: iceberg
  current: "1.6.1"
  strategy: maven
- name: pyiceberg
  current: "0.8.0"
  strategy: pypi
- name: hadoop
  current: "3.4.1"
  strategy: maven
  source:
    package: hadoop-aws
    repo: apache/hadoop
`,
      ),
    );
    expect(problems(result)).toEqual([
      'error 13:7 version.companions[0].source required — strategy maven reads source.package (package: org.apache.kafka:kafka-clients)',
      'error 16:7 version.companions[1].source required — strategy pypi needs the PyPI package: set source.package',
      'error 23:18 version.companions[2].source.package must be group:artifact for strategy maven, e.g. org.apache.kafka:kafka-clients (got "hadoop-aws")',
      'error 24:15 version.companions[2].source.repo not used by strategy maven — it reads package, url',
    ]);
  });

  it('names an unknown strategy and suggests the closest', () => {
    const result = parse(
      file(`- name: iceberg\n  current: "1.6.1"\n  strategy: mavem\n`),
    );
    expect(result.problems.map(p => [p.path, p.rule, p.message])).toEqual([
      [
        'version.companions[0].strategy',
        'unknown-strategy',
        expect.stringMatching(
          /^unknown strategy "mavem" \(did you mean "maven"\?\)/,
        ),
      ],
    ]);
  });

  it('refuses a token that names no build arg, suggesting the closest', () => {
    const result = parse(
      file(
        `- name: iceberg
  current: "!build.args.ICEBERG_VERSON"
  strategy: maven
  source: {package: "org.apache.iceberg:iceberg-core"}
`,
      ),
    );
    expect(problems(result)).toEqual([
      'error 14:16 version.companions[0].current names build arg ICEBERG_VERSON, which build.args does not have (did you mean "!build.args.ICEBERG_VERSION"?) — add it to build.args (and the Dockerfile\'s ARG), or name the arg that pins this companion',
    ]);
  });

  it('refuses a token that is not a whole build arg', () => {
    for (const current of [
      '!version.current',
      'v!build.args.ICEBERG_VERSION',
    ]) {
      const result = parse(
        file(
          `- name: iceberg
  current: "${current}"
  strategy: maven
  source: {package: "org.apache.iceberg:iceberg-core"}
`,
        ),
      );
      expect(problems(result)).toEqual([
        'error 14:16 version.companions[0].current a companion\'s token names the build arg that pins it, the whole value: "!build.args.ICEBERG_VERSION" (or write the version itself)',
      ]);
    }
  });

  it('refuses a token in a file without build args', () => {
    const result = parse(
      `${HEAD}version:
  strategy: manual
  current: "1.0"
  companions:
    - name: iceberg
      current: "!build.args.ICEBERG_VERSION"
      strategy: manual
`,
    );
    expect(problems(result)).toEqual([
      "error 12:16 version.companions[0].current names build arg ICEBERG_VERSION, which build.args does not have — add it to build.args (and the Dockerfile's ARG), or name the arg that pins this companion",
    ]);
  });

  it('wants unique names', () => {
    const result = parse(
      file(
        `- {name: iceberg, current: "1.6.1", strategy: manual}
- {name: hadoop-aws, current: "3.4.1", strategy: manual}
- {name: iceberg, current: "1.7.0", strategy: manual}
`,
      ),
    );
    expect(problems(result)).toEqual([
      'error 15:14 version.companions[2].name duplicate companion name "iceberg" (also version.companions[0]) — each companion has its own name',
    ]);
  });

  it('wants a name and a current, and names in lower case', () => {
    const result = parse(
      file(
        `- {strategy: manual}\n- {name: "Iceberg Runtime", current: "1", strategy: manual}\n`,
      ),
    );
    expect(result.problems.map(p => p.path)).toEqual([
      'version.companions[0].name',
      'version.companions[0].current',
      'version.companions[1].name',
    ]);
  });

  it('caps the number of companions', () => {
    const many = Array.from(
      { length: 33 },
      (_, i) => `- {name: c${i}, current: "1.0", strategy: manual}\n`,
    ).join('');
    const result = parse(file(many));
    expect(problems(result)).toEqual([
      expect.stringContaining(
        'version.companions must list at most 32 companions',
      ),
    ]);
  });

  it('leaves the regular expressions of a companion unresolved: ! means a regex there', () => {
    const result = parse(
      file(
        `- name: iceberg
  current: "1.6.1"
  strategy: github-tag
  source: {repo: apache/iceberg}
  filter:
    include_regex: "^apache-iceberg-[0-9.]+!a?$"
    exclude_regex: ["!rc"]
`,
      ),
    );
    expect(problems(result)).toEqual([]);
    expect(result.resolved?.version.companions?.[0].filter).toEqual({
      include_regex: '^apache-iceberg-[0-9.]+!a?$',
      exclude_regex: ['!rc'],
    });
  });

  it('checks a shaped source field written as a token once resolved', () => {
    const result = parse(
      file(
        `- name: iceberg
  current: "!build.args.ICEBERG_VERSION"
  strategy: maven
  source: {package: "!build.args.ICEBERG_PACKAGE"}
`,
        'ICEBERG_VERSION: "1.6.1"\nICEBERG_PACKAGE: "not a package"\n',
      ),
    );
    expect(problems(result)).toEqual([
      expect.stringMatching(
        /^error 16:\d+ version\.companions\[0\]\.source\.package must be/,
      ),
    ]);
  });
});
