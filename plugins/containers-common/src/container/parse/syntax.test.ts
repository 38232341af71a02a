import { readYaml } from './yamlDocument';
import { syntaxProblems, syntaxStops, withDuplicateKeys } from './syntax';

function problems(text: string): string[] {
  return syntaxProblems(readYaml(text, 'c.yaml')).map(
    p => `${p.severity} ${p.line}:${p.column} ${p.path || '-'} ${p.rule}`,
  );
}

function messages(text: string): string[] {
  return syntaxProblems(readYaml(text, 'c.yaml')).map(p => p.message);
}

describe('syntaxProblems', () => {
  it('finds nothing in a plain mapping', () => {
    expect(problems('name: Spark\nversion:\n  current: "4.0.1"\n')).toEqual([]);
  });

  it('reports a NUL byte alone, where it is', () => {
    expect(problems('name: a\nslug: b\u0000c\n  bad: [\n')).toEqual([
      'error 2:8 slug syntax',
    ]);
    expect(messages('name: a\u0000')[0]).toContain('holds a NUL byte');
  });

  it('reports bytes that were not UTF-8', () => {
    expect(messages('name: caf\uFFFD\n')[0]).toContain('not UTF-8');
  });

  it('names a duplicate key and the line of its first occurrence', () => {
    expect(problems('name: a\nversion:\n  current: 1\n  current: 2\n')).toEqual(
      ['error 4:3 version.current duplicate-key'],
    );
    expect(messages('name: a\nname: b\n')).toEqual([
      'duplicate key "name" — a key may appear once per mapping (first on line 1); keep one of them',
    ]);
  });

  it('points at a line indented deeper than the keys above it', () => {
    expect(problems('name: a\nsummary: b\n  slug: c\n')).toEqual([
      'error 3:3 - syntax',
    ]);
    expect(messages('name: a\nsummary: b\n  slug: c\n')[0]).toContain(
      'indented deeper than the keys above it',
    );
  });

  it('points at the bracket that is never closed', () => {
    expect(problems('name: a\ntags: [a, b\nslug: c\n')).toEqual([
      'error 2:7 tags syntax',
    ]);
    expect(messages('tags: {a: 1\nslug: c\n')[0]).toContain(
      'the { opened here is never closed',
    );
  });

  it('points at the quote that is never closed, with a hint', () => {
    expect(problems('name: a\nsummary: "abc\n')).toEqual([
      'error 2:10 summary syntax',
    ]);
    expect(messages('name: a\nsummary: "abc\n')[0]).toMatch(
      /^YAML syntax: Missing closing "quote — a quote or bracket is not closed$/,
    );
  });

  it('reports one problem per line and nothing after a syntax error but duplicate keys', () => {
    // Line 6 is a second deep indent: an echo of the first mistake.
    const text = 'name: a\nsummary: b\n  slug: c\nslug: d\nslug: e\n  x: 1\n';
    expect(problems(text)).toEqual([
      'error 3:3 - syntax',
      'error 5:1 summary.slug duplicate-key', // YAML reads line 3 into summary
    ]);
  });

  it('says an unquoted token is read as a tag', () => {
    expect(problems('name: a\nsummary: !name\n')).toEqual([
      'error 2:10 summary token',
    ]);
    expect(messages('summary: !name\n')[0]).toBe(
      'unquoted token: YAML reads !name as a tag and drops the value — write "!name" in quotes',
    );
  });

  it('refuses other tags', () => {
    expect(messages('summary: !!python/object x\n')[0]).toContain(
      'is not supported in container.yaml',
    );
  });

  it('keeps the library warnings as warnings', () => {
    expect(problems('%FOO bar\n---\nname: a\n')).toEqual([
      'warning 1:1 - syntax',
    ]);
  });

  it('reports at most 101 problems of a flood', () => {
    const flood = Array.from({ length: 1000 }, () => 'k: 1').join('\n');
    expect(syntaxProblems(readYaml(flood, 'c.yaml'))).toHaveLength(101);
  });
});

describe('syntaxStops', () => {
  it('lets duplicate keys and warnings through, not syntax errors', () => {
    const stops = (text: string) =>
      syntaxStops(syntaxProblems(readYaml(text, 'c.yaml')));
    expect(stops('a: 1\na: 2\n')).toBe(false);
    expect(stops('%FOO bar\n---\na: 1\n')).toBe(false);
    expect(stops('a: [\n')).toBe(true);
    expect(stops('a: !tok\n')).toBe(true);
  });
});

describe('withDuplicateKeys', () => {
  it('adds the duplicate keys to the library errors in the order of the file', () => {
    const { doc } = readYaml('a: 1\nb: [\na: 2\n', 'c.yaml');
    const codes = withDuplicateKeys(doc).map(e => [e.code, e.pos[0]]);
    expect(codes.map(([code]) => code)).toContain('DUPLICATE_KEY');
    const offsets = codes.map(([, offset]) => offset as number);
    expect([...offsets].sort((x, y) => x - y)).toEqual(offsets);
  });

  it('sees duplicates in nested mappings and lists, not NaN twice', () => {
    const { doc } = readYaml(
      'l:\n  - x: 1\n    x: 2\n.nan: 1\n.NaN: 2\n',
      'c.yaml',
    );
    expect(withDuplicateKeys(doc).map(e => e.pos[0])).toEqual([16]);
  });

  it('finds 20,000 keys quickly', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`);
    const { doc } = readYaml(`${keys.join('\n')}\nk0: 2\n`, 'c.yaml');
    const started = performance.now();
    expect(withDuplicateKeys(doc)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
