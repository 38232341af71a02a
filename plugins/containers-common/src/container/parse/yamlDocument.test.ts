import { positionAt, readYaml, yamlMessage } from './yamlDocument';

describe('readYaml', () => {
  it('reads without the byte-order mark, so line 1 columns are what an editor shows', () => {
    const yaml = readYaml('\uFEFFname: x\n', 'c.yaml');
    expect(yaml.text).toBe('name: x\n');
    expect(yaml.doc.toJS()).toEqual({ name: 'x' });
    expect(positionAt(yaml, 6)).toEqual({ file: 'c.yaml', line: 1, column: 7 });
  });

  it('leaves duplicate keys to the syntax step and writes nothing to the console', () => {
    const yaml = readYaml('a: 1\na: 2\nb: !nope x\n', 'c.yaml');
    expect(yaml.doc.errors).toEqual([]);
    expect(yaml.doc.warnings.map(w => w.code)).toEqual(['TAG_RESOLVE_FAILED']);
  });
});

describe('positionAt', () => {
  it('counts lines and columns from 1, a negative offset being the start', () => {
    const yaml = readYaml('a: 1\nbb: 2\n', 'c.yaml');
    expect(positionAt(yaml, 5)).toEqual({ file: 'c.yaml', line: 2, column: 1 });
    expect(positionAt(yaml, -3)).toEqual({
      file: 'c.yaml',
      line: 1,
      column: 1,
    });
  });
});

describe('yamlMessage', () => {
  it('keeps the first line without its position and final period', () => {
    expect(
      yamlMessage('Missing closing "quote at line 3, column 9:\n\n  x: "abc\n'),
    ).toBe('Missing closing "quote');
  });

  it('drops advice meant for the library caller', () => {
    expect(
      yamlMessage(
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
      ),
    ).toBe('Source contains multiple documents');
  });

  it('reads at most 500 characters of a message', () => {
    expect(yamlMessage('x'.repeat(10_000))).toHaveLength(500);
  });
});
