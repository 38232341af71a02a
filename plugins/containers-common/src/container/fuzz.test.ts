import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  formatProblem,
  parseContainerYaml,
  type ContainerParseResult,
} from '.';

/** The parser never throws, and what it returns is always well formed. */
function check(text: string, folderName?: string): ContainerParseResult {
  const result = parseContainerYaml(text, { file: 'fuzz.yaml', folderName });
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
