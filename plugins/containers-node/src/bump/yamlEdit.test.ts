import { changedLines } from '@dockyard/test-utils';
import { ContainerEditError, editContainerYaml, valueAt } from './yamlEdit';

const CURRENT = ['version', 'current'];

describe('editContainerYaml', () => {
  it('changes only the scalar, keeping comments, quotes, blank lines and key order', () => {
    const text = `# top comment
name: "Trino"   # trailing

version:
  # above current
  strategy: github-release
  current: "476" # the version
  notes: |
    Release notes: keep
build:
  args:
    TRINO_VERSION: "!version.current"
`;
    const after = editContainerYaml(text, [{ path: CURRENT, value: '479' }]);
    expect(changedLines(text, after)).toEqual([
      '-  current: "476" # the version',
      '+  current: "479" # the version',
    ]);
  });

  it('keeps CRLF line endings, a byte-order mark and a missing final newline', () => {
    const text =
      '\uFEFFname: x\r\nversion:\r\n  current: 1.0.0\r\n  strategy: manual';
    const after = editContainerYaml(text, [{ path: CURRENT, value: '1.1.0' }]);
    expect(after).toBe(
      '\uFEFFname: x\r\nversion:\r\n  current: 1.1.0\r\n  strategy: manual',
    );
  });

  it('keeps single quotes, double quotes and plain scalars as they are', () => {
    const text = [
      "a: '1.0' # single",
      'b: "1.0" # double',
      'c: v1.0 # plain',
      '',
    ].join('\n');
    const after = editContainerYaml(text, [
      { path: ['a'], value: '2.0' },
      { path: ['b'], value: '2.0' },
      { path: ['c'], value: 'v2.0' },
    ]);
    expect(after).toBe(
      ["a: '2.0' # single", 'b: "2.0" # double', 'c: v2.0 # plain', ''].join(
        '\n',
      ),
    );
  });

  it('quotes a plain scalar whose new text would read as a number or a boolean', () => {
    const text = 'version:\n  current: v3.9 # plain\n';
    expect(editContainerYaml(text, [{ path: CURRENT, value: '3.10' }])).toBe(
      'version:\n  current: "3.10" # plain\n',
    );
    // YAML 1.1 readers (PyYAML) read yes as true and 1_000 as a number.
    expect(editContainerYaml(text, [{ path: CURRENT, value: 'yes' }])).toBe(
      'version:\n  current: "yes" # plain\n',
    );
    expect(editContainerYaml(text, [{ path: CURRENT, value: '1_000' }])).toBe(
      'version:\n  current: "1_000" # plain\n',
    );
    expect(
      editContainerYaml(text, [{ path: CURRENT, value: '17.7-bookworm' }]),
    ).toBe('version:\n  current: 17.7-bookworm # plain\n');
  });

  it('edits flow style, inside a flow mapping and a flow list', () => {
    const text =
      'version: {strategy: manual, current: 1.0.0, tags: [a, "1.0.0", c]}\n';
    const after = editContainerYaml(text, [
      { path: CURRENT, value: '1.0.1' },
      { path: ['version', 'tags', 1], value: '1.0.1' },
    ]);
    expect(after).toBe(
      'version: {strategy: manual, current: 1.0.1, tags: [a, "1.0.1", c]}\n',
    );
  });

  it('keeps a comment on every line', () => {
    const text = [
      '# 1',
      'version: # 2',
      '  # 3',
      '  current: "1" # 4',
      '  # 5',
      'runtime: # 6',
      '  base_image: "img:1-slim@sha256:aa" # 7',
      '# 8',
    ].join('\n');
    const after = editContainerYaml(text, [
      { path: CURRENT, value: '2' },
      { path: ['runtime', 'base_image'], value: 'img:2-slim@sha256:bb' },
    ]);
    expect(changedLines(text, after)).toEqual([
      '-  current: "1" # 4',
      '+  current: "2" # 4',
      '-  base_image: "img:1-slim@sha256:aa" # 7',
      '+  base_image: "img:2-slim@sha256:bb" # 7',
    ]);
  });

  it('turns a block scalar into a double-quoted one, leaving the next key in place', () => {
    const text = 'version:\n  current: |\n    1.0\n  strategy: manual\n';
    expect(editContainerYaml(text, [{ path: CURRENT, value: '1.1' }])).toBe(
      'version:\n  current: "1.1"\n  strategy: manual\n',
    );
  });

  it('keeps an anchor on the edited scalar, and reads quoted keys', () => {
    const text = '"version":\n  current: &v "1.0"\n  other: x\n';
    expect(editContainerYaml(text, [{ path: CURRENT, value: '1.1' }])).toBe(
      '"version":\n  current: &v "1.1"\n  other: x\n',
    );
  });

  it('edits list items by index', () => {
    const text = 'publish:\n  tags:\n    - "1.0"\n    - latest\n';
    expect(
      editContainerYaml(text, [{ path: ['publish', 'tags', 0], value: '1.1' }]),
    ).toBe('publish:\n  tags:\n    - "1.1"\n    - latest\n');
  });

  it('refuses an alias, a missing field and a collection, with the line', () => {
    const text = 'base: &b "1.0"\nversion:\n  current: *b\n  source: {a: 1}\n';
    expect(() =>
      editContainerYaml(text, [{ path: CURRENT, value: '2' }]),
    ).toThrow(
      expect.objectContaining({
        name: 'ContainerEditError',
        line: 3,
        column: 12,
        message: expect.stringContaining(
          'version.current is a YAML alias (*b)',
        ),
      }),
    );
    expect(() =>
      editContainerYaml(text, [{ path: ['version', 'nope'], value: '2' }]),
    ).toThrow('version.nope is not written in the file');
    expect(() =>
      editContainerYaml(text, [{ path: ['version', 'source'], value: '2' }]),
    ).toThrow(ContainerEditError);
  });

  it('never changes the bytes of an edit that sets the same value', () => {
    const text =
      '\uFEFF# c\r\nversion: { current: "1.0" }  \r\n\r\nx:   [1,2]\r\n';
    expect(editContainerYaml(text, [{ path: CURRENT, value: '1.0' }])).toBe(
      text,
    );
  });
});

describe('valueAt', () => {
  it('reads own fields only', () => {
    const value = { version: { current: '1' }, list: ['a'] };
    expect(valueAt(value, ['version', 'current'])).toBe('1');
    expect(valueAt(value, ['list', 0])).toBe('a');
    expect(valueAt(value, ['version', 'constructor'])).toBeUndefined();
    expect(valueAt(value, ['nope', 'x'])).toBeUndefined();
  });
});
