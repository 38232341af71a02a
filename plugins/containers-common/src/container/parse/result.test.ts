import { wholeFileProblem, type ContainerProblem } from '../problems';
import type { ContainerSpec } from '../schema';
import { capped, finish, problemAt, stoppedAt } from './result';

const at = (line: number, column = 1) => ({ file: 'c.yaml', line, column });

describe('problemAt', () => {
  it('places a problem and writes its path as the user reads it', () => {
    expect(
      problemAt(
        at(3, 5),
        ['runtime', 'ports', 0],
        'must be a number',
        'schema',
      ),
    ).toEqual({
      file: 'c.yaml',
      line: 3,
      column: 5,
      path: 'runtime.ports[0]',
      message: 'must be a number',
      severity: 'error',
      rule: 'schema',
    });
  });

  it('takes a warning', () => {
    expect(problemAt(at(1), [], 'hm', 'syntax', 'warning').severity).toBe(
      'warning',
    );
  });
});

describe('stoppedAt', () => {
  const earlier = [problemAt(at(2), ['a'], 'duplicate', 'duplicate-key')];
  const problem = problemAt(at(5), [], 'bomb', 'alias-bomb');

  it('adds the stopping problem to the earlier ones', () => {
    expect(stoppedAt(earlier, { problem })).toEqual([...earlier, problem]);
  });

  it('keeps only a verdict on the whole file', () => {
    expect(stoppedAt(earlier, { problem, alone: true })).toEqual([problem]);
  });
});

describe('capped', () => {
  const many = (n: number): ContainerProblem[] =>
    Array.from({ length: n }, (_, i) =>
      problemAt(at(n - i), [`k${n - i}`], 'unknown field', 'schema'),
    );

  it('leaves up to 100 problems alone', () => {
    const problems = many(100);
    expect(capped(problems)).toBe(problems);
  });

  it('keeps the first 100 in the file and says it stopped', () => {
    const result = capped(many(101));
    expect(result).toHaveLength(101);
    expect(result[0].line).toBe(1);
    expect(result[99].line).toBe(100);
    expect(result[100]).toMatchObject({
      line: 100,
      path: '',
      rule: 'too-many-problems',
      message: expect.stringContaining('stopped after 100 problems'),
    });
  });
});

describe('finish', () => {
  const container = { slug: 'x' } as unknown as ContainerSpec;

  it('sorts the problems and is ok without errors', () => {
    const result = finish([
      problemAt(at(4), [], 'later', 'syntax', 'warning'),
      problemAt(at(2), [], 'first', 'syntax', 'warning'),
    ]);
    expect(result.problems.map(p => p.message)).toEqual(['first', 'later']);
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('container');
  });

  it('is not ok with an error', () => {
    expect(finish([wholeFileProblem('c.yaml', 'empty', 'schema')]).ok).toBe(
      false,
    );
  });

  it('holds the container only when both its forms are given', () => {
    expect(finish([], container, container)).toMatchObject({
      container,
      resolved: container,
      ok: true,
    });
    expect(finish([], container)).not.toHaveProperty('container');
  });
});
