import { changedLines } from './text';

describe('changedLines', () => {
  it('pairs each changed line as -old, +new', () => {
    expect(changedLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual(['-b', '+B']);
    expect(changedLines('same\n', 'same\n')).toEqual([]);
  });

  it('fails when a line was added or removed', () => {
    expect(() => changedLines('a\nb\n', 'a\n')).toThrow();
  });

  it('takes a missing text as empty', () => {
    expect(changedLines(undefined, 'new')).toEqual(['-', '+new']);
  });
});
