/* eslint-disable no-script-url -- script URLs are what these tests feed the schema */
import { CONTAINER_PATTERNS, containerSchema } from './schema';

const base = {
  name: 'Example',
  slug: 'example',
  summary: 'Example image.',
  maintainers: [{ name: 'Team', email: 'team@example.com' }],
  version: { strategy: 'manual', current: '1.2.3' },
};

/** The issues zod finds in `base` with `extra` merged in, as `path: message`. */
function issues(extra: Record<string, unknown>): string[] {
  const parsed = containerSchema.safeParse({ ...base, ...extra });
  return parsed.success
    ? []
    : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

describe('CONTAINER_PATTERNS', () => {
  // Every value of this kind in the platform's files and the reference files, and a few more.
  it.each([
    [
      'httpUrl',
      [
        'https://spark.apache.org/',
        'https://example.com',
        'https://devpi.net/docs/devpi/devpi/latest/+doc/',
        'http://user@example.com:8080/a?b=c#d',
        "https://en.wikipedia.org/wiki/O'Reilly",
      ],
    ],
    [
      'email',
      [
        'ana.okafor@example.com',
        'first.last+tag@sub.example.co.uk',
        'x@bücher.example',
      ],
    ],
    [
      'githubRepo',
      ['trinodb/trino', 'apache/hive', 'owner/.github', 'a/b.c-d_e'],
    ],
    [
      'host',
      ['github.com', 'github.example.com:8443', 'localhost', 'ghe-1.corp'],
    ],
    [
      'imageWithRegistry',
      [
        'docker.io/library/postgres',
        'quay.io/minio/minio',
        'localhost:5000/x',
        'registry:5000/team/app',
      ],
    ],
    [
      'imageName',
      [
        'ghcr.io/example/data-platform/trino',
        'postgres',
        'library/postgres',
        'ghcr.io/a__b/c.d/e--f',
      ],
    ],
    [
      'imageReference',
      [
        'docker.io/library/python:3.12-slim-bookworm@sha256:25a9268092748682833ef833ea99e76d3949bd491571d0888af4a1e1a73ff4a2',
        'apache/airflow:3.1.5-python3.10@sha256:48ef3ff4c0c99ab1d831d8400476ea1b1f41bee665e39f7bf46c22380a18d185',
        'eclipse-temurin:21-jdk-alpine',
        'ubuntu:22.04@sha256:REPLACE_ME_WITH_DIGEST',
        'localhost:5000/x:1',
      ],
    ],
    [
      'mavenPackage',
      [
        'org.apache.kafka:kafka-clients',
        'com.fasterxml.jackson.module:jackson-module-scala_2.13',
      ],
    ],
    [
      'packageName',
      [
        'apache-airflow',
        'great_expectations',
        '@scope/name',
        'org.apache.kafka:kafka-clients',
      ],
    ],
    ['npmPackage', ['typescript', '@backstage/cli']],
    ['simpleName', ['postgresql', 'kube-prometheus-stack', 'amazon-linux']],
    [
      'metastoreUri',
      [
        'thrift://hive-metastore:9083',
        'glue://eu-west-1/123456789012',
        'http://polaris:8181/api/catalog',
      ],
    ],
    [
      'relativePath',
      [
        '../../docs/runbooks/iceberg-catalog-rollback.md',
        'conf/spark-defaults.glue.conf',
        'etc/catalog-variants/lakehouse.nessie.properties',
        'docs/',
      ],
    ],
  ] as const)('%s accepts what real files write', (name, values) => {
    for (const value of values) {
      expect([value, CONTAINER_PATTERNS[name].test(value)]).toEqual([
        value,
        true,
      ]);
    }
  });

  it.each([
    [
      'httpUrl',
      [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'ftp://x',
        'https://',
        'https://a b',
        'https://a/<script>',
        'data:text/html,x',
      ],
    ],
    ['email', ['a@b', 'a b@c.d', 'a@b..c', '"a"@b.c', 'a@b.c<script>']],
    [
      'githubRepo',
      ['../..', 'owner/..', 'owner/.', 'a/b/c', '/a', 'a/', '-a/b'],
    ],
    [
      'host',
      [
        'github.com/x',
        'user@github.com',
        'http://x',
        'a..b',
        '-a.com',
        'a.com:123456',
      ],
    ],
    [
      'imageWithRegistry',
      [
        'postgres',
        'docker.io/../x',
        'docker.io/x/../y',
        'Docker.io/x',
        'docker.io/x:1',
      ],
    ],
    ['imageName', ['Bad Image', 'a//b', 'a/../b', '../a', 'a/', 'a:1']],
    ['packageName', ['../x', 'a/../b', '@scope/../x', 'a b', 'a/b/c']],
    ['pypiPackage', ['../simple', 'a/b', '@a/b']],
    ['mavenPackage', ['..:x', 'a..b:c', 'a:.', 'a', 'a:b:c']],
    ['simpleName', ['..', '../index', 'a/b', 'A']],
    [
      'metastoreUri',
      [
        'javascript://%0aalert(1)',
        'file:///etc/passwd',
        'data://x',
        'thrift://a b',
      ],
    ],
    [
      'relativePath',
      [
        '/etc/passwd',
        '~/.ssh/id_rsa',
        'C:/x',
        '..\\..\\x',
        'a//b',
        'https://x',
      ],
    ],
  ] as const)(
    '%s refuses what is not one (or climbs out of a path)',
    (name, values) => {
      for (const value of values) {
        expect([value, CONTAINER_PATTERNS[name].test(value)]).toEqual([
          value,
          false,
        ]);
      }
    },
  );

  /** Inputs that make an overlapping pattern backtrack: long runs of what it accepts, then a misfit. */
  const ADVERSARIAL = [
    'a'.repeat(50_000),
    `${'a'.repeat(50_000)} `,
    `${'a.'.repeat(25_000)} `,
    `${'a-'.repeat(25_000)}!`,
    `${'a_'.repeat(25_000)}!`,
    `${'a/'.repeat(25_000)}A`,
    `a@${'a.'.repeat(25_000)} `,
    `http://${'a'.repeat(50_000)} `,
    `https://a/${'/'.repeat(50_000)} `,
    `${'1'.repeat(50_000)}:`,
    `a:${'1'.repeat(50_000)}/`,
    `a/${'.'.repeat(50_000)}`,
    `${'-'.repeat(50_000)}a`,
  ];

  it.each(Object.keys(CONTAINER_PATTERNS))(
    '%s runs in linear time on input meant to make it backtrack',
    name => {
      const pattern =
        CONTAINER_PATTERNS[name as keyof typeof CONTAINER_PATTERNS];
      const started = performance.now();
      for (const input of ADVERSARIAL) {
        pattern.test(input);
      }
      // 13 inputs of 50 KB: well under a millisecond each when linear, seconds when quadratic.
      expect(performance.now() - started).toBeLessThan(250);
    },
  );
});

describe('the schema', () => {
  it('checks the length of a string before any pattern runs on it', () => {
    const exec = jest.spyOn(RegExp.prototype, 'exec');
    try {
      const found = issues({
        links: { homepage: `https://${'a'.repeat(200_000)} ` },
        maintainers: [{ name: 'T', email: `a@${'a.'.repeat(100_000)}` }],
      });
      expect(found).toEqual([
        'maintainers.0.email: must be at most 254 characters, not 200,002',
        'links.homepage: must be at most 2,048 characters, not 200,009',
      ]);
      // zod counts code points with one character class; no pattern of ours runs.
      const longest = Math.max(
        0,
        ...exec.mock.calls
          .filter(
            (_, i) => exec.mock.contexts[i].source !== '[\\uD800-\\uDBFF]',
          )
          .map(([input]) => String(input).length),
      );
      expect(longest).toBeLessThan(1000);
    } finally {
      exec.mockRestore();
    }
  });

  it('caps every string', () => {
    expect(issues({ summary: 'x'.repeat(1025) })).toEqual([
      'summary: must be at most 1,024 characters, not 1,025',
    ]);
    expect(
      issues({ build: { args: { A: 'x'.repeat(16 * 1024 + 1) } } }),
    ).toEqual(['build.args.A: must be at most 16,384 characters, not 16,385']);
    expect(
      issues({ publish: { image: 'a/b', labels: { ['k'.repeat(300)]: 'v' } } }),
    ).toHaveLength(1);
  });

  it('accepts a token in a shaped field as written (the parser checks it once resolved)', () => {
    expect(
      issues({
        links: { homepage: '!links.source', source: 'https://x.example/' },
        publish: { image: 'ghcr.io/example/!slug', tags: ['!version.current'] },
      }),
    ).toEqual([]);
  });

  it('refuses documents outside the repository and links that are not http(s)', () => {
    expect(
      issues({
        catalog: {
          role: 'consumer',
          decision: { adr: '../../../outside.md' },
          rollback: { runbook: 'javascript:alert(1)' },
          compose_example: '/etc/passwd',
        },
      }),
    ).toEqual([
      expect.stringMatching(
        /^catalog\.decision\.adr: climbs out of the repository/,
      ),
      expect.stringMatching(
        /^catalog\.rollback\.runbook: must be a path relative to the container folder/,
      ),
      expect.stringMatching(
        /^catalog\.compose_example: must be a path relative to the container folder/,
      ),
    ]);
    expect(
      issues({
        catalog: {
          role: 'consumer',
          decision: { adr: '../../docs/adr/0001-iceberg-catalog.md' },
          rollback: { runbook: 'https://wiki.example.com/rollback' },
          compose_example: './compose.yaml',
        },
      }),
    ).toEqual([]);
  });

  it('checks the package name each strategy reads', () => {
    expect(
      issues({
        version: { strategy: 'npm', current: '1', source: { package: 'a:b' } },
      }),
    ).toEqual([
      'version.source.package: must be name or @scope/name for strategy npm, e.g. typescript (got "a:b")',
    ]);
    expect(
      issues({
        version: { strategy: 'pypi', current: '1', component: '@scope/x' },
      }),
    ).toEqual([
      'version.component: must be a PyPI project name (letters, digits, ., _ and -) for strategy pypi, e.g. apache-airflow (got "@scope/x")',
    ]);
  });
});
