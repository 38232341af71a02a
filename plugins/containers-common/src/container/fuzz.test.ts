import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify, type ToStringOptions } from 'yaml';
import {
  formatProblem,
  parseContainerYaml,
  type ContainerParseResult,
} from '.';
import { parseWithoutPositions, parseWithPositions } from './parse';

/** How many inputs the fast path answered (the rest went down the precise path). */
let fastAnswers = 0;

/**
 * The parser never throws, what it returns is always well formed, and where the fast path
 * answers it gives exactly what the precise path gives.
 */
function check(text: string, folderName?: string): ContainerParseResult {
  const options = { file: 'fuzz.yaml', folderName };
  const result = parseContainerYaml(text, options);
  expect(result.ok).toBe(!result.problems.some(p => p.severity === 'error'));
  expect(Boolean(result.container)).toBe(Boolean(result.resolved));
  let previous = 0;
  for (const problem of result.problems) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeGreaterThanOrEqual(previous);
    previous = problem.line;
    expect(typeof problem.path).toBe('string');
    expect(problem.message).not.toBe('');
    expect(formatProblem(problem)).toContain(`fuzz.yaml:${problem.line}:`);
  }
  const fast = parseWithoutPositions(text, options);
  if (fast) {
    fastAnswers++;
    const precise = parseWithPositions(text, options);
    expect(fast).toStrictEqual(precise);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(precise)); // key order too
    expect(result).toStrictEqual(precise);
  }
  return result;
}

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const samples: string[] = [];
for (const dir of [
  path.join(REPO_ROOT, 'containers'),
  path.resolve(REPO_ROOT, '../shared/reference/container-yaml-v1'),
]) {
  if (!fs.existsSync(dir)) continue;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = entry.isDirectory()
      ? path.join(dir, entry.name, 'container.yaml')
      : path.join(dir, entry.name);
    if (fs.existsSync(file) && file.endsWith('.yaml')) {
      samples.push(fs.readFileSync(file, 'utf8'));
    }
  }
}

const special = fc.constantFrom(
  ':',
  '-',
  '"',
  "'",
  '&a ',
  '*a',
  '!',
  '!name',
  '"!version.current"',
  '[',
  ']',
  '{',
  '}',
  '\t',
  '\n',
  '  ',
  '#',
  '|',
  '>',
  '? ',
  '<<: *a',
  '---\n',
  '%',
  '@',
  '`',
  '\u0000',
  'é',
  '🚢',
);

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(special, fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('swap-lines' as const),
    a: fc.nat(),
    b: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('indent' as const),
    line: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const lines = out.split('\n');
    switch (m.kind) {
      case 'delete': {
        const at = m.at % (out.length + 1);
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      }
      case 'insert': {
        const at = m.at % (out.length + 1);
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      }
      case 'duplicate-line': {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
        out = lines.join('\n');
        break;
      }
      case 'swap-lines': {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        out = lines.join('\n');
        break;
      }
      case 'indent': {
        const i = m.line % lines.length;
        lines[i] =
          m.by >= 0
            ? ' '.repeat(m.by) + lines[i]
            : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
        out = lines.join('\n');
        break;
      }
      default:
    }
  }
  return out;
}

describe('parseContainerYaml never throws', () => {
  it('on random text', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), text => {
          check(text);
        }),
        { numRuns: 500 },
      ),
    ).not.toThrow();
  });

  it('on random text made of YAML punctuation', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(special, { maxLength: 60 }), parts => {
          check(parts.join(''));
        }),
        { numRuns: 500 },
      ),
    ).not.toThrow();
  });

  it('on random YAML values', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.anything({ maxDepth: 4 }), value => {
          let text: string;
          try {
            text = stringify(value);
          } catch {
            return; // not every JS value has a YAML form
          }
          check(text);
        }),
        { numRuns: 300 },
      ),
    ).not.toThrow();
  });

  it('on random documents shaped like a container.yaml', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        '!name',
        '!version.current',
        'x-!slug',
        '!version',
        '!nope',
      ),
    );
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
    );
    const doc = fc.record(
      {
        name: scalar,
        slug: fc.oneof(fc.constantFrom('spark', 'x', 'Bad_Slug'), scalar),
        summary: scalar,
        maintainers: fc.array(
          fc.record({
            name: scalar,
            email: fc.oneof(scalar, fc.constant('a@b.example')),
          }),
          { maxLength: 2 },
        ),
        version: fc.record(
          {
            strategy: fc.oneof(
              fc.constantFrom(
                'manual',
                'pypi',
                'github-release',
                'docker-tags',
                'helm',
                'nope',
              ),
              scalar,
            ),
            current: scalar,
            component: scalar,
            source: fc.dictionary(
              fc.constantFrom(
                'repo',
                'image',
                'package',
                'url',
                'regex',
                'chart',
                'product',
                'x',
              ),
              scalar,
            ),
            filter: fc.dictionary(
              fc.constantFrom(
                'strip_prefix',
                'include_regex',
                'exclude_regex',
                'track',
                'scheme',
                'pattern',
              ),
              value,
            ),
          },
          { requiredKeys: [] },
        ),
        runtime: fc.dictionary(
          fc.constantFrom('base_image', 'user', 'ports', 'env', 'volumes'),
          value,
        ),
        build: fc.dictionary(
          fc.constantFrom('args', 'platforms', 'files', 'context'),
          value,
        ),
        publish: fc.dictionary(
          fc.constantFrom(
            'image',
            'tags',
            'labels',
            'provenance',
            'sbom',
            'signing',
            'targets',
          ),
          value,
        ),
        catalog: fc.dictionary(
          fc.constantFrom(
            'role',
            'uses',
            'decision',
            'rollback',
            'provides',
            'compose_example',
          ),
          value,
        ),
      },
      { requiredKeys: [] },
    );
    expect(() =>
      fc.assert(
        fc.property(
          doc,
          fc.constantFrom(undefined, 'spark'),
          (container, folder) => {
            check(stringify(container), folder);
          },
        ),
        { numRuns: 400 },
      ),
    ).not.toThrow();
  });

  it('on mutations of real container.yaml files', () => {
    expect(samples.length).toBeGreaterThan(5);
    expect(() =>
      fc.assert(
        fc.property(
          fc.constantFrom(...samples),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          (text, mutations) => {
            check(mutate(text, mutations));
          },
        ),
        { numRuns: 500 },
      ),
    ).not.toThrow();
  });

  it('on alias-heavy documents', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 12 }),
          (levels, width) => {
            const lines = ['a0: &a0 [x]'];
            for (let i = 1; i <= levels; i++) {
              lines.push(
                `a${i}: &a${i} [${Array(width)
                  .fill(`*a${i - 1}`)
                  .join(', ')}]`,
              );
            }
            const result = check(lines.join('\n'));
            expect(result.ok).toBe(false);
          },
        ),
        { numRuns: 60 },
      ),
    ).not.toThrow();
  });
});

describe('the fast path gives what the precise path gives', () => {
  /** Runs a property and returns how many of its inputs the fast path answered. */
  const answered = (run: () => void): number => {
    const before = fastAnswers;
    run();
    return fastAnswers - before;
  };

  it('on the files of this repository and the reference files', () => {
    const count = answered(() => samples.forEach(text => check(text)));
    // All but the template (placeholders) and the files with a warning.
    expect(count).toBeGreaterThanOrEqual(samples.length - 3);
  });

  it('on mutations of real container.yaml files', () => {
    const count = answered(() =>
      fc.assert(
        fc.property(
          fc.constantFrom(...samples),
          fc.array(mutation, { minLength: 1, maxLength: 2 }),
          (text, mutations) => {
            check(mutate(text, mutations));
          },
        ),
        { numRuns: 500 },
      ),
    );
    expect(count).toBeGreaterThan(10);
  });

  /** Free text of the real containers, replaced by random text. */
  const FREE_TEXT = new Set([
    'name',
    'summary',
    'notes',
    'description',
    'rationale',
    'metadata_migration',
    'from',
    'to',
    'default',
    'command',
  ]);
  const withText = (value: unknown, texts: string[], key = ''): unknown => {
    if (typeof value === 'string' && FREE_TEXT.has(key) && texts.length > 0) {
      return texts.pop();
    }
    if (Array.isArray(value)) {
      return value.map(item =>
        withText(item, texts, key === 'steps' ? 'name' : ''),
      );
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, withText(v, texts, k)]),
      );
    }
    return value;
  };
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc
      .array(
        fc.constantFrom(
          ' ',
          ': ',
          ' #',
          '#',
          '- ',
          '"',
          "'",
          '\\',
          '\n',
          '\n\n',
          '  ',
          '!',
          '&',
          '*',
          '?',
          '|',
          '>',
          '%',
          '@',
          '`',
          ',',
          '[',
          ']',
          '{',
          '}',
          '1',
          '0x1F',
          '1e3',
          '.inf',
          '~',
          'null',
          'true',
          'yes',
          'é',
          '🚢',
          '\t',
          '\r\n',
          '\u2028',
          '\u00a0',
        ),
        { minLength: 1, maxLength: 10 },
      )
      .map(parts => `a${parts.join('')}`),
  );
  const style: fc.Arbitrary<ToStringOptions> = fc.record({
    defaultStringType: fc.constantFrom(
      'PLAIN',
      'QUOTE_DOUBLE',
      'QUOTE_SINGLE',
      'BLOCK_LITERAL',
      'BLOCK_FOLDED',
    ),
    defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
    collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    lineWidth: fc.constantFrom(0, 20, 80),
    minContentWidth: fc.constantFrom(0, 20),
    indent: fc.integer({ min: 1, max: 6 }),
    indentSeq: fc.boolean(),
    doubleQuotedAsJSON: fc.boolean(),
  });

  it('on the real containers with other text, written in every YAML style', () => {
    const containers = samples
      .map(sample => parseWithPositions(sample, { file: 'x' }).container)
      .filter(Boolean);
    const count = answered(() =>
      fc.assert(
        fc.property(
          fc.constantFrom(...containers),
          fc.array(text, { maxLength: 8 }),
          style,
          (container, texts, options) => {
            check(stringify(withText(container, texts), options));
          },
        ),
        { numRuns: 400 },
      ),
    );
    expect(count).toBeGreaterThan(40);
  });

  it('on values written every way YAML allows', () => {
    const word = fc.constantFrom(
      'a',
      'spark',
      'é',
      '🚢',
      '0',
      '42',
      '.',
      '-',
      '+',
      'e',
      '_',
      '0x',
      '0o',
      '1e3',
      '.5',
      '1.',
      '.inf',
      '-.Inf',
      '.nan',
      '~',
      'null',
      'NULL',
      'true',
      'False',
      'yes',
      'off',
      '/',
      '@',
      '%',
      '`',
      '=',
      '$',
      '(',
      ')',
    );
    const plain = fc
      .tuple(
        word,
        fc.array(
          fc.oneof(
            word,
            fc.constantFrom(
              ' ',
              ':',
              ' :',
              '#',
              ' #',
              '-',
              '?',
              '!',
              '&',
              '*',
              ',',
              "'",
              '"',
              '|',
              '>',
              '\n      ',
              '  ',
            ),
          ),
          { maxLength: 8 },
        ),
      )
      .map(([first, rest]) => first + rest.join(''));
    const doubleQuoted = fc
      .array(
        fc.oneof(
          word,
          fc.constantFrom(
            ' ',
            '\\n',
            '\\t',
            '\\x41',
            '\\u00e9',
            '\\U0001F6A2',
            '\\"',
            '\\\\',
            '\\/',
            '\\ ',
            '\\_',
            '\\N',
            '\\0',
            '\\q',
            '\n      ',
            '\n\n      ',
            '#',
            "'",
            ':',
          ),
        ),
        { maxLength: 10 },
      )
      .map(parts => `"${parts.join('')}"`);
    const singleQuoted = fc
      .array(
        fc.oneof(
          word,
          fc.constantFrom(
            ' ',
            "''",
            '\n      ',
            '\n\n      ',
            '"',
            '#',
            ':',
            '\\',
          ),
        ),
        { maxLength: 10 },
      )
      .map(parts => `'${parts.join('')}'`);
    const block = fc
      .tuple(
        fc.constantFrom('|', '>'),
        fc.constantFrom('', '-', '+'),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.oneof(plain, fc.constant('')),
          ),
          { maxLength: 4 },
        ),
      )
      .map(
        ([indicator, chomping, lines]) =>
          `${indicator}${chomping}\n${lines
            .map(([indent, line]) =>
              line ? ' '.repeat(8 + indent) + line : '',
            )
            .join('\n')}`,
      );
    const value = fc.oneof(plain, plain, doubleQuoted, singleQuoted, block);
    const count = answered(() =>
      fc.assert(
        fc.property(
          value,
          value,
          value,
          value,
          (summary, label, key, notes) => {
            check(
              [
                'name: Fuzz',
                'slug: spark',
                `summary: ${summary}`,
                'maintainers:',
                '  - name: A',
                '    email: a@b.example',
                'version:',
                '  strategy: manual',
                '  current: "1.0"',
                `  notes: ${notes}`,
                'publish:',
                '  image: ghcr.io/example/spark',
                '  labels:',
                `    a: ${label}`,
                `    ${key}: b`,
                'build:',
                '  args:',
                `    A: ${summary}`,
                '',
              ].join('\n'),
              'spark',
            );
          },
        ),
        { numRuns: 1000 },
      ),
    );
    expect(count).toBeGreaterThan(40);
  });
});

describe('validation stays within a time budget on files up to the size limit', () => {
  /**
   * Generous for a loaded CI machine: a file this size typically takes tens of milliseconds, and
   * the patterns and steps that were quadratic took seconds to minutes on the same input.
   */
  const BUDGET_MS = 2000;
  const MAX_CHARS = 256 * 1024;

  /** Pieces that make patterns backtrack, tokens multiply and paths climb. */
  const piece = fc.constantFrom(
    'a',
    'A',
    '0',
    '.',
    '-',
    '_',
    '/',
    ':',
    '@',
    ' ',
    '!',
    '!a',
    '!version.current',
    '!build.args.A',
    'http://',
    'https://a.example/',
    '..',
    '%',
    '\\',
    '"',
    '#',
    '?',
    '(a+)+',
    'é',
  );
  /** A short run of pieces repeated up to `max` times: up to about 100 KB. */
  const longText = (max: number) =>
    fc
      .tuple(
        fc.array(piece, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max }),
      )
      .map(([parts, times]) => parts.join('').repeat(times));

  /** Every string field a file may hold, written as a path. */
  const stringField = fc.constantFrom(
    ['name'],
    ['summary'],
    ['slug'],
    ['license'],
    ['owner'],
    ['maintainers', 0, 'email'],
    ['links', 'homepage'],
    ['links', 'source'],
    ['links', 'documentation'],
    ['version', 'current'],
    ['version', 'component'],
    ['version', 'notes'],
    ['version', 'source', 'repo'],
    ['version', 'source', 'host'],
    ['version', 'source', 'image'],
    ['version', 'source', 'package'],
    ['version', 'source', 'url'],
    ['version', 'source', 'regex'],
    ['version', 'source', 'chart'],
    ['version', 'source', 'product'],
    ['version', 'filter', 'track'],
    ['version', 'filter', 'include_regex'],
    ['version', 'filter', 'strip_prefix'],
    ['runtime', 'base_image'],
    ['build', 'args', 'A'],
    ['publish', 'image'],
    ['publish', 'tags', 0],
    ['publish', 'labels', 'x'],
    ['catalog', 'decision', 'adr'],
    ['catalog', 'rollback', 'runbook'],
    ['catalog', 'compose_example'],
    ['catalog', 'uses', 0, 'uri'],
  );

  /** Many of one thing: keys, list items, tokens that refer to tokens. */
  const bulk = fc.oneof(
    fc.record({
      kind: fc.constantFrom(
        'labels' as const,
        'unknown' as const,
        'duplicates' as const,
        'tags' as const,
      ),
      count: fc.integer({ min: 1, max: 8_000 }),
      value: fc.oneof(longText(3), fc.constant('!version.current')),
    }),
    fc.record({
      kind: fc.constant('tokens' as const),
      count: fc.integer({ min: 1, max: 1_000 }),
      width: fc.integer({ min: 1, max: 10 }),
      reversed: fc.boolean(),
    }),
  );

  type Bulk = typeof bulk extends fc.Arbitrary<infer T> ? T : never;

  function setAt(
    root: Record<string, unknown>,
    at: ReadonlyArray<string | number>,
    value: unknown,
  ) {
    let node: Record<string | number, unknown> = root;
    at.slice(0, -1).forEach((key, i) => {
      const next = node[key];
      if (typeof next !== 'object' || next === null) {
        node[key] = typeof at[i + 1] === 'number' ? [] : {};
      }
      node = node[key] as Record<string | number, unknown>;
    });
    node[at[at.length - 1]] = value;
  }

  function build(
    fields: Array<[ReadonlyArray<string | number>, string]>,
    many: Bulk,
  ): string {
    const doc: Record<string, unknown> = {
      name: 'Fuzz',
      slug: 'fuzz',
      summary: 'Fuzz image.',
      maintainers: [{ name: 'A', email: 'a@b.example' }],
      version: { strategy: 'manual', current: '1.0' },
      build: { args: { A: '1' } },
      publish: { image: 'ghcr.io/example/fuzz' },
    };
    for (const [at, value] of fields) {
      setAt(doc, at, value);
    }
    const extra: string[] = [];
    if (many.kind === 'tokens') {
      // A chain (width 1) or a bomb (each arg refers to the one before `width` times).
      const args: Record<string, string> = { T0: 'x' };
      for (let i = 1; i <= many.count; i++) {
        args[`T${i}`] = `!build.args.T${i - 1}`.repeat(many.width);
      }
      const names = Object.keys(args);
      setAt(
        doc,
        ['build', 'args'],
        Object.fromEntries(
          (many.reversed ? names.reverse() : names).map(n => [n, args[n]]),
        ),
      );
    } else if (many.kind === 'labels') {
      setAt(
        doc,
        ['publish', 'labels'],
        Object.fromEntries(
          Array.from({ length: many.count }, (_, i) => [`l${i}`, many.value]),
        ),
      );
    } else if (many.kind === 'tags') {
      setAt(doc, ['publish', 'tags'], Array(many.count).fill(many.value));
    } else {
      for (let i = 0; i < many.count; i++) {
        extra.push(
          `${many.kind === 'unknown' ? `k${i}` : 'dup'}: ${JSON.stringify(
            many.value,
          )}`,
        );
      }
    }
    // Most files stay under the limit; a longer one is cut there (and is broken YAML then).
    return `${stringify(doc, { lineWidth: 0 })}${extra.join('\n')}\n`.slice(
      0,
      MAX_CHARS,
    );
  }

  it('on random files with long values, many keys and tokens', () => {
    let slowest = 0;
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(fc.tuple(stringField, longText(8_000)), {
            minLength: 1,
            maxLength: 3,
          }),
          bulk,
          (fields, many) => {
            const text = build(fields, many);
            const started = performance.now();
            const result = parseContainerYaml(text, { file: 'fuzz.yaml' });
            const elapsed = performance.now() - started;
            slowest = Math.max(slowest, elapsed);
            expect(elapsed).toBeLessThan(BUDGET_MS);
            expect(result.problems.length).toBeLessThanOrEqual(101);
            for (const problem of result.problems) {
              expect(problem.line).toBeGreaterThanOrEqual(1);
              expect(problem.message.length).toBeLessThan(600);
            }
          },
        ),
        { numRuns: 40 },
      ),
    ).not.toThrow();
    expect(slowest).toBeLessThan(BUDGET_MS);
  });
});
