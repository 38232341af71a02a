import {
  ContainerTokenError,
  resolveContainerTokens,
  resolveTokens,
  type ContainerSpec,
} from '.';

function container(extra: Record<string, unknown> = {}): ContainerSpec {
  return {
    name: 'Apache Spark Runtime',
    slug: 'spark',
    summary: 'Spark.',
    maintainers: [{ name: 'Team', email: 'team@example.com' }],
    version: { strategy: 'manual', current: '4.0.1' },
    ...extra,
  } as ContainerSpec;
}

describe('resolveTokens', () => {
  it('resolves a whole-string token', () => {
    const resolved = resolveTokens(
      container({ build: { args: { SPARK_VERSION: '!version.current' } } }),
    );
    expect(resolved.build!.args!.SPARK_VERSION).toBe('4.0.1');
  });

  it('resolves a token inside a longer string and keeps the rest of the path literal', () => {
    const resolved = resolveTokens(
      container({
        build: {
          args: {
            URL: 'https://example.com/spark-!version.current.tar.gz',
            TWO: '!slug:!version.current',
          },
        },
      }),
    );
    expect(resolved.build!.args!.URL).toBe(
      'https://example.com/spark-4.0.1.tar.gz',
    );
    expect(resolved.build!.args!.TWO).toBe('spark:4.0.1');
  });

  it('leaves "!" that is not followed by a field path inside a longer string', () => {
    const resolved = resolveTokens(
      container({
        summary: 'Fast! Really!important (?!rc) a!b',
        version: { strategy: 'manual', current: '1.0', notes: 'Hello!' },
      }),
    );
    expect(resolved.summary).toBe('Fast! Really!important (?!rc) a!b');
    expect(resolved.version.notes).toBe('Hello!');
  });

  it('follows tokens that point at tokens', () => {
    const resolved = resolveTokens(
      container({
        runtime: { base_image: 'python:3.12@sha256:abc' },
        build: { args: { BASE_IMAGE: '!runtime.base_image' } },
        publish: {
          image: 'ghcr.io/example/spark',
          labels: {
            'org.opencontainers.image.base.name': '!build.args.BASE_IMAGE',
          },
        },
      }),
    );
    expect(
      resolved.publish!.labels!['org.opencontainers.image.base.name'],
    ).toBe('python:3.12@sha256:abc');
  });

  it('resolves keys that contain dots, such as label names', () => {
    const resolved = resolveTokens(
      container({
        publish: {
          image: 'ghcr.io/example/spark',
          labels: {
            'org.opencontainers.image.title': '!name',
            copy: '!publish.labels.org.opencontainers.image.title',
          },
        },
      }),
    );
    expect(resolved.publish!.labels!.copy).toBe('Apache Spark Runtime');
  });

  it('writes numbers and booleans as text', () => {
    const resolved = resolveTokens(
      container({
        publish: {
          image: 'ghcr.io/example/spark',
          sbom: true,
          labels: { sbom: '!publish.sbom', n: 'n=!build.args.N' },
        },
        build: { args: { N: 3 } },
      }),
    );
    expect(resolved.publish!.labels).toEqual({ sbom: 'true', n: 'n=3' });
  });

  it('does not resolve regular expressions', () => {
    const resolved = resolveTokens(
      container({
        version: {
          strategy: 'http-directory',
          current: '4.0.1',
          source: { url: 'https://x.example.com/', regex: '(?!name)([0-9.]+)' },
          filter: { exclude_regex: ['!name'], include_regex: '^!slug' },
        },
      }),
    );
    expect(resolved.version.source!.regex).toBe('(?!name)([0-9.]+)');
    expect(resolved.version.filter!.exclude_regex).toEqual(['!name']);
    expect(resolved.version.filter!.include_regex).toBe('^!slug');
  });

  it('does not change the container it is given', () => {
    const input = container({ license: '!name' });
    resolveTokens(input);
    expect(input.license).toBe('!name');
  });

  it.each([
    [
      'a whole-string token that names nothing',
      { license: '!nothing.here' },
      'token !nothing.here names no field',
    ],
    [
      'a misspelt field',
      { license: '!version.curent' },
      'did you mean !version.current?',
    ],
    [
      'a field that is not set',
      { license: '!links.source' },
      'token !links.source resolves to nothing: links.source is not set',
    ],
    [
      'a mapping',
      { license: '!version' },
      'token !version resolves to a mapping, not a single value',
    ],
    [
      'a list',
      { license: 'by !maintainers' },
      'token !maintainers resolves to a list',
    ],
    [
      'a cycle',
      { name: '!summary', summary: 'x !name' },
      'token cycle: name → summary → name',
    ],
    [
      'a field pointing at itself',
      { license: 'x-!license' },
      'token cycle: license → license',
    ],
  ])('throws a clear error on %s', (_, extra, message) => {
    expect(() => resolveTokens(container(extra))).toThrow(ContainerTokenError);
    expect(() => resolveTokens(container(extra))).toThrow(message);
  });

  it('reports every field with a bad token, with its path', () => {
    const { problems } = resolveContainerTokens(
      container({
        build: { args: { A: '!nope', B: '!version' } },
        publish: { image: 'ghcr.io/x/y', tags: ['ok', '!nope'] },
      }),
    );
    expect(problems.map(p => [p.path.join('/'), p.rule])).toEqual([
      ['build/args/A', 'token'],
      ['build/args/B', 'token'],
      ['publish/tags/1', 'token'],
    ]);
  });

  it('is not fooled by __proto__ or inherited names', () => {
    expect(() => resolveTokens(container({ license: '!constructor' }))).toThrow(
      'names no field',
    );
    expect(() => resolveTokens(container({ license: '!__proto__' }))).toThrow(
      'names no field',
    );
  });
});

describe('tokens never make a value valid', () => {
  /* eslint-disable no-script-url -- a script URL is what a token must not smuggle in */
  const messages = (extra: Record<string, unknown>) =>
    resolveContainerTokens(container(extra)).problems.map(
      p => `${p.path.join('.')}: ${p.message}`,
    );

  it('refuses an "!" that names nothing inside a shaped field, and keeps it in free text', () => {
    expect(
      messages({
        links: { homepage: 'javascript:alert(1)//!x' },
        publish: { image: 'Bad Image!x', tags: ['v!x'] },
        summary: 'Fast!Really',
      }),
    ).toEqual([
      expect.stringMatching(
        /^links\.homepage: token !x names no field .* \(in links\.homepage, an ! before a letter always starts a token\)$/,
      ),
      expect.stringMatching(/^publish\.image: token !x names no field/),
      expect.stringMatching(/^publish\.tags\.0: token !x names no field/),
    ]);
  });

  it('refuses a shaped field whose token brings in an "!" that names nothing', () => {
    expect(
      messages({
        summary: 'javascript:alert(1)//!x',
        links: { homepage: '!summary' },
      }),
    ).toEqual([
      'links.homepage: resolves to "javascript:alert(1)//!x", which still holds !x — a token in links.homepage must resolve to a plain value',
    ]);
  });

  it('still resolves tokens in shaped fields', () => {
    const resolved = resolveTokens(
      container({
        publish: { image: 'ghcr.io/example/!slug', tags: ['!version.current'] },
      }),
    );
    expect(resolved.publish).toEqual({
      image: 'ghcr.io/example/spark',
      tags: ['4.0.1'],
    });
  });
});

describe('resolved values are capped', () => {
  /** Build args A0…An, each the previous one `width` times. */
  const chain = (count: number, width: number, reversed = false) => {
    const args: Record<string, string> = { A0: '0123456789' };
    for (let i = 1; i <= count; i++) {
      args[`A${i}`] = `!build.args.A${i - 1}`.repeat(width);
    }
    const names = Object.keys(args);
    return container({
      build: {
        args: Object.fromEntries(
          (reversed ? names.reverse() : names).map(n => [n, args[n]]),
        ),
      },
    });
  };

  it('refuses the token bomb (8 args × 10 references) where it grows too large, quickly', () => {
    const started = performance.now();
    const { problems } = resolveContainerTokens(chain(7, 10));
    expect(performance.now() - started).toBeLessThan(500);
    expect(problems.map(p => p.path.join('.'))).toEqual([
      'build.args.A4',
      'build.args.A5',
      'build.args.A6',
      'build.args.A7',
    ]);
    expect(problems[0].message).toContain(
      'resolves to more than 16,384 characters',
    );
    // However long the chain, each message tells the cause once.
    expect(problems[3].message).toBe(
      `token !build.args.A6 refers to build.args.A6, which cannot be resolved: ${problems[0].message}`,
    );
  });

  it('refuses the same chain of tokens whatever the order of the fields', () => {
    const paths = (reversed: boolean) =>
      resolveContainerTokens(chain(20, 1, reversed))
        .problems.map(p => p.path.join('.'))
        .sort();
    expect(paths(false)).toEqual([
      'build.args.A17',
      'build.args.A18',
      'build.args.A19',
      'build.args.A20',
    ]);
    expect(paths(true)).toEqual(paths(false));
    expect(resolveContainerTokens(chain(16, 1)).problems).toEqual([]);
  });

  it('refuses a file whose tokens add more than 1 MiB in all, and stops there', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      labels[`l${i}`] = '!build.args.BIG';
    }
    const { problems } = resolveContainerTokens(
      container({
        build: { args: { BIG: 'x'.repeat(16 * 1024) } },
        publish: { image: 'ghcr.io/x/y', labels },
      }),
    );
    expect(problems).toEqual([
      {
        path: ['publish', 'labels', 'l64'],
        rule: 'token',
        message:
          'the tokens of this file resolve to more than 1 MiB of text by here (tokens that repeat tokens?) — refer to fewer or shorter fields',
      },
    ]);
  });

  it('reports at most 50 problems', () => {
    const args: Record<string, string> = {};
    for (let i = 0; i < 500; i++) {
      args[`A${i}`] = `!nothing${i}`;
    }
    expect(
      resolveContainerTokens(container({ build: { args } })).problems,
    ).toHaveLength(50);
  });
});
