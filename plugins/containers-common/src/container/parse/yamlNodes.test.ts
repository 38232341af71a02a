import { readYaml } from './yamlDocument';
import {
  createLocator,
  firstAliasOffset,
  firstKeyOffset,
  keyName,
  pathAtOffset,
  sourceTextAt,
  walkNodes,
} from './yamlNodes';

const FILE = [
  'name: Spark', // line 1
  'defaults: &defaults', // 2
  '  strategy: github-release', // 3
  'version:', // 4
  '  <<: *defaults', // 5
  '  current: 4.10', // 6
  'runtime:', // 7
  '  ports:', // 8
  '    - container_port: 8080', // 9
  '    - container_port:', // 10
  'tags: [a, *missing]', // 11
].join('\n');

const yaml = readYaml(FILE, 'c.yaml');
const offsetOf = (text: string) => FILE.indexOf(text);

describe('keyName', () => {
  it('names scalar keys and nothing else', () => {
    const root = yaml.doc.contents as any;
    expect(keyName(root.items[0].key)).toBe('name');
    expect(keyName(null)).toBeUndefined();
    expect(keyName({})).toBeUndefined();
    expect(keyName(3)).toBe('3');
  });
});

describe('walkNodes', () => {
  it('follows merge keys and aliases to the field', () => {
    const located = walkNodes(yaml.doc, ['version', 'strategy']);
    expect(located.found).toBe(2);
    expect(located.value?.range?.[0]).toBe(offsetOf('github-release'));
  });

  it('says how far a path was found', () => {
    expect(walkNodes(yaml.doc, ['runtime', 'ports', 5]).found).toBe(2);
    expect(walkNodes(yaml.doc, ['nothing']).found).toBe(0);
  });
});

describe('sourceTextAt', () => {
  it('is the value as written, before YAML reads 4.10 as 4.1', () => {
    expect(sourceTextAt(yaml, ['version', 'current'])).toBe('4.10');
    expect(sourceTextAt(yaml, ['version', 'nothing'])).toBeUndefined();
  });
});

describe('firstKeyOffset', () => {
  it('finds the first of a key written twice', () => {
    const twice = readYaml('a: 1\nb:\n  c: 1\n  c: 2\n', 'c.yaml');
    expect(firstKeyOffset(twice.doc, ['b', 'c'])).toBe(10);
    expect(firstKeyOffset(twice.doc, ['a'])).toBe(0);
    expect(firstKeyOffset(twice.doc, ['a', 'x'])).toBeUndefined();
  });
});

describe('firstAliasOffset', () => {
  it('finds the first alias in the file', () => {
    expect(firstAliasOffset(yaml.doc)).toBe(offsetOf('*defaults'));
  });

  it('finds the first alias that matches, e.g. one without an anchor', () => {
    expect(firstAliasOffset(yaml.doc, alias => !alias.resolve(yaml.doc))).toBe(
      offsetOf('*missing'),
    );
  });

  it('is the start of the file without any', () => {
    expect(firstAliasOffset(readYaml('a: 1\n', 'c.yaml').doc)).toBe(0);
  });
});

describe('pathAtOffset', () => {
  it('is the deepest field whose key or value holds the offset', () => {
    expect(pathAtOffset(yaml.doc, offsetOf('8080'))).toEqual([
      'runtime',
      'ports',
      0,
      'container_port',
    ]);
    expect(pathAtOffset(yaml.doc, offsetOf('ports'))).toEqual([
      'runtime',
      'ports',
    ]);
    expect(pathAtOffset(yaml.doc, FILE.length + 10)).toEqual([]);
  });
});

describe('createLocator', () => {
  const locate = createLocator(yaml);

  it('points at a value, or at its key when asked', () => {
    expect(locate(['version', 'current'])).toEqual({
      file: 'c.yaml',
      line: 6,
      column: 12,
    });
    expect(locate(['version', 'current'], 'key')).toMatchObject({
      line: 6,
      column: 3,
    });
  });

  it('points at the key of a mapping, a list or an empty value', () => {
    expect(locate(['runtime', 'ports'])).toMatchObject({ line: 8, column: 3 });
    expect(locate(['runtime', 'ports', 1, 'container_port'])).toMatchObject({
      line: 10,
      column: 7,
    });
  });

  it('points at the nearest enclosing field of a missing one, or the first key', () => {
    expect(locate(['runtime', 'env'])).toMatchObject({ line: 7, column: 1 });
    expect(locate(['maintainers'])).toMatchObject({ line: 1, column: 1 });
    expect(locate([])).toMatchObject({ line: 1, column: 1 });
  });
});
