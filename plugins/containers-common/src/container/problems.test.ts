import { unreadableFileProblem, wholeFileProblem } from './problems';

describe('wholeFileProblem', () => {
  it('is an error on line 1, column 1, with no field', () => {
    expect(wholeFileProblem('c.yaml', 'empty', 'schema')).toEqual({
      file: 'c.yaml',
      line: 1,
      column: 1,
      path: '',
      message: 'empty',
      severity: 'error',
      rule: 'schema',
    });
  });
});

describe('unreadableFileProblem', () => {
  it('is the one problem of a file that cannot be read, wherever it is read', () => {
    expect(
      unreadableFileProblem('containers/x/container.yaml', new Error('EACCES')),
    ).toEqual({
      file: 'containers/x/container.yaml',
      line: 1,
      column: 1,
      path: '',
      message: 'cannot be read: EACCES',
      severity: 'error',
      rule: 'unreadable',
    });
    expect(unreadableFileProblem('c.yaml', 'gone').message).toBe(
      'cannot be read: gone',
    );
  });
});
