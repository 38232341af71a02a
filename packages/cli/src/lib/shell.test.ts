import { spawnSync } from 'node:child_process';
import { shellJoin, shellQuote } from './shell';

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['ghcr.io/x/y:1.2', 'ghcr.io/x/y:1.2'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
  ])('%s → %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  it('reads back as the same argv in a POSIX shell', () => {
    const argv = ['a b', "it's", '$(x)', '`y`', 'new\nline', '*', '"q"', 'ok'];
    const result = spawnSync(
      'sh',
      ['-c', `printf '%s\\0' ${shellJoin(argv)}`],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(argv);
  });
});
