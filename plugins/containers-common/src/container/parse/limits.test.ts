import {
  containerTooLarge,
  fileSizeProblem,
  limitsStop,
  measure,
  utf8Length,
} from './limits';
import { readYaml } from './yamlDocument';

describe('utf8Length', () => {
  it.each([
    'plain',
    'café',
    '€ and 中文',
    '🐳 whale',
    '\uD800 lone surrogate',
    '',
  ])('counts %j as Buffer.byteLength does', text => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('fileSizeProblem', () => {
  it('lets through a text within the limit, counting bytes, not characters', () => {
    expect(fileSizeProblem('é'.repeat(50), 'c.yaml', 100)).toBeUndefined();
    expect(fileSizeProblem('a'.repeat(100), 'c.yaml', 100)).toBeUndefined();
  });

  it('refuses a larger text on line 1, saying how large both are', () => {
    expect(fileSizeProblem('é'.repeat(51), 'c.yaml', 100)).toEqual({
      file: 'c.yaml',
      line: 1,
      column: 1,
      path: '',
      severity: 'error',
      rule: 'too-large',
      message:
        "the file is 102 bytes, more than the 100 bytes a container.yaml may have — move long notes to the container's README.md",
    });
  });
});

describe('containerTooLarge', () => {
  it('is a failed result in KiB, 256 KiB by default', () => {
    const result = containerTooLarge('c.yaml', 300 * 1024);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].message).toContain(
      'the file is 300.0 KiB, more than the 256.0 KiB',
    );
  });
});

describe('measure', () => {
  it('counts nodes with aliases expanded, and the depth', () => {
    const { doc } = readYaml('a: &a [1, 2]\nb: [*a, *a]\n', 'c.yaml');
    expect(measure(doc)).toEqual({
      nodes: 13, // the mapping, 2 keys, [1, 2] and [[1, 2], [1, 2]]
      depth: 2,
      aliases: 2,
      cyclic: false,
    });
  });

  it('sees a recursive alias', () => {
    const { doc } = readYaml('a: &a [*a]\n', 'c.yaml');
    expect(measure(doc).cyclic).toBe(true);
  });

  it('says where nesting goes past 64 levels', () => {
    const text = `a: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    const measured = measure(readYaml(text, 'c.yaml').doc);
    expect(measured.depth).toBeGreaterThan(64);
    expect(measured.tooDeepAt).toBe(3 + 64); // the 65th [ (the mapping is level 0)
  });
});

describe('limitsStop', () => {
  const stop = (text: string) => limitsStop(readYaml(text, 'c.yaml'));

  it('lets an ordinary file through', () => {
    expect(stop('name: a\nlist: [1, 2, 3]\n')).toBeUndefined();
  });

  it('reports an alias bomb at its first alias', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e', 'f']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      lines.push(
        `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`,
      );
    }
    const result = stop(`${lines.join('\n')}\n`);
    expect(result?.alone).toBeUndefined();
    expect(result?.problem).toMatchObject({
      line: 2,
      column: 8,
      path: '',
      rule: 'alias-bomb',
      message: expect.stringContaining(
        'aliases expand to more than 100,000 values',
      ),
    });
  });

  it('reports a recursive alias', () => {
    expect(stop('name: a\nb: &b [*b]\n')?.problem).toMatchObject({
      line: 2,
      column: 8,
      rule: 'alias-bomb',
      message: expect.stringContaining('refers to the node that contains it'),
    });
  });

  it('reports nesting where it goes too deep, at the nearest known field', () => {
    const text = `name: a\nruntime: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    expect(stop(text)?.problem).toMatchObject({
      line: 2,
      path: 'runtime',
      rule: 'too-large',
      message: expect.stringContaining('nested more than 64 levels deep here'),
    });
  });

  it('refuses a file of too many values whole, alone', () => {
    const text = `list: [${'1,'.repeat(100_000)}1]\n`;
    const result = stop(text);
    expect(result?.alone).toBe(true);
    expect(result?.problem).toMatchObject({
      line: 1,
      column: 1,
      rule: 'too-large',
      message:
        'holds more than 100,000 values — a container.yaml describes one image',
    });
  });
});
