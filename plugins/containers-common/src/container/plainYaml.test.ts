import { parse } from 'yaml';
import { readPlainMapping } from './plainYaml';

describe('readPlainMapping', () => {
  it('reads plain values as the yaml library does (YAML 1.2 core schema)', () => {
    const text = [
      'int: 42',
      'signed: -7',
      'plus: +3',
      'octal: 0o17',
      'hex: 0x1F',
      'float: 4.10',
      'exponent: 1e3',
      'dot: .5',
      'trailing_dot: 1.',
      'infinity: -.inf',
      'not_a_number: .NaN',
      'tilde: ~',
      'null_word: Null',
      'empty:',
      'true_word: True',
      'false_word: FALSE',
      // YAML 1.1 forms are text in YAML 1.2.
      'yes_word: yes',
      'on_word: on',
      'old_octal: 0777',
      'underscored: 1_000',
      'binary: 0b101',
      'date: 2001-12-14',
      'quoted: "1"',
      "single: 'true'",
      'literal: |',
      '  keeps',
      '  lines',
      'folded: >-',
      '  joins',
      '  lines',
      'flow: [a, 1, {b: 2.5}]',
      'url: https://example.com/#anchor',
      'hash_in_word: a#b',
      'token: "!version.current"',
      'inner_token: "x-!slug.tar.gz"',
      'track: 4.1.*',
      'regex: ^v(?!rc)[0-9]+$',
    ].join('\n');
    const value = readPlainMapping(text);
    expect(value).toEqual(parse(text));
    expect(value).toMatchObject({
      octal: 15,
      hex: 31,
      float: 4.1,
      infinity: -Infinity,
      tilde: null,
      empty: null,
      true_word: true,
      yes_word: 'yes',
      old_octal: 777,
      underscored: '1_000',
      date: '2001-12-14',
      quoted: '1',
    });
    expect(value!.not_a_number).toBeNaN();
  });

  it.each([
    ['a tag', 'a: !!str 1'],
    ['an unquoted token (a tag to YAML)', 'a: !version.current'],
    ['an anchor', 'a: &x 1\nb: 2'],
    ['an alias', 'a: 1\nb: *x'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}'],
    ['an explicit key', '? a\n: 1'],
    ['a list as a key', '[a, b]: 1'],
    ['a mapping as a key', '{a: b}: 1'],
    ['a directive', '%YAML 1.1\n---\na: yes'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a comment right after a quote', 'a: "x"# note'],
    ['an escaped line break', 'a: "x\\\n  y"'],
    ['an explicit block indentation', 'a: |2\n   x'],
    ['a line of spaces only', 'a: |\n  x\n   \n  y'],
    ['a tab', 'a:\t1'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\uFEFFa: 1'],
    ['a non-ASCII line break', 'a: x\u2028y'],
  ])('declines %s', (_, text) => {
    expect(readPlainMapping(text)).toBeUndefined();
  });

  it.each([
    ['a null key ("" to yaml, "null" to js-yaml)', '~: 1'],
    ['a __proto__ key', '__proto__: 1'],
    ['a list', '- a\n- b'],
    ['a single value', 'just text'],
    ['an empty file', ''],
    ['a comment only', '# nothing'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a syntax error', 'a: "unclosed\nb: 1'],
    ['bad indentation', 'a:\n  b: 1\n c: 2'],
    ['two documents', 'a: 1\n---\nb: 2'],
    [
      'values nested deeper than 64 levels',
      `a: ${'['.repeat(70)}${']'.repeat(70)}`,
    ],
  ])('gives nothing for %s', (_, text) => {
    expect(readPlainMapping(text)).toBeUndefined();
  });
});
