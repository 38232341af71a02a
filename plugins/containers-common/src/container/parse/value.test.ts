import { readValue } from './value';
import { readYaml } from './yamlDocument';

const read = (text: string) => readValue(readYaml(text, 'c.yaml'));

describe('readValue', () => {
  it('makes a plain value of a mapping, aliases and merge keys expanded', () => {
    expect(
      read(
        'base: &base {a: 1}\nversion:\n  <<: *base\n  b: 2\nlist: [*base]\n',
      ),
    ).toEqual({
      data: { base: { a: 1 }, version: { a: 1, b: 2 }, list: [{ a: 1 }] },
    });
  });

  it('refuses aliases expanded more than 100 times, at the first alias', () => {
    const text = `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n`;
    const result = read(text);
    expect(result).toMatchObject({
      problem: {
        line: 2,
        column: 5,
        path: '',
        rule: 'alias-bomb',
        message: expect.stringContaining(
          'aliases are expanded more than 100 times',
        ),
      },
    });
    expect(result).not.toHaveProperty('alone');
  });

  it('names an alias without anchor, where it is written', () => {
    expect(read('name: a\nsummary: *nowhere\n')).toEqual({
      problem: {
        file: 'c.yaml',
        line: 2,
        column: 10,
        path: 'summary',
        severity: 'error',
        rule: 'syntax',
        message:
          'YAML syntax: alias *nowhere has no anchor — define &nowhere on an earlier value, or write the value out',
      },
    });
  });

  it('refuses an empty file whole: the file has nothing else to say', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      expect(read(text)).toMatchObject({
        alone: true,
        problem: {
          line: 1,
          column: 1,
          rule: 'schema',
          message: expect.stringContaining('the file is empty'),
        },
      });
    }
  });

  it('refuses a list or a single value where it starts', () => {
    expect(read('# list\n- a\n- b\n')).toMatchObject({
      problem: {
        line: 2,
        column: 1,
        path: '',
        rule: 'schema',
        message:
          'must be a mapping of fields (name: …, slug: …, version: …), not a list',
      },
    });
    expect(read('  hello\n')).toMatchObject({
      problem: {
        line: 1,
        column: 3,
        message: expect.stringContaining('not a single value'),
      },
    });
  });
});
