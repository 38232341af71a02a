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
