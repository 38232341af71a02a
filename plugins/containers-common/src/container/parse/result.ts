import { MAX_REPORTED_PROBLEMS } from '../messages';
import {
  formatContainerPath,
  sortProblems,
  type ContainerLocation,
  type ContainerParseResult,
  type ContainerPath,
  type ContainerProblem,
} from '../problems';
import type { ContainerSpec } from '../schema';

/** A problem at a place in the file, about the field at `path`. */
export function problemAt(
  where: ContainerLocation,
  path: ContainerPath,
  message: string,
  rule: ContainerProblem['rule'],
  severity: ContainerProblem['severity'] = 'error',
): ContainerProblem {
  return {
    file: where.file,
    line: where.line,
    column: where.column,
    path: formatContainerPath(path),
    message,
    severity,
    rule,
  };
}

/**
 * How a step ends the parse: with its problem added to those found before it, or — `alone`, for a
 * verdict on the whole file (empty, too large to look at) — with that problem only.
 */
export interface StepStop {
  problem: ContainerProblem;
  alone?: boolean;
}

/** The problems of a parse that `stop` ended. */
export function stoppedAt(
  earlier: ContainerProblem[],
  stop: StepStop,
): ContainerProblem[] {
  return stop.alone ? [stop.problem] : [...earlier, stop.problem];
}

/**
 * Every step reports at most one problem more than {@link MAX_REPORTED_PROBLEMS}: when that one is
 * there, the first ones are kept and a last problem says the rest were not looked at.
 */
export function capped(problems: ContainerProblem[]): ContainerProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) {
    return problems;
  }
  const kept = sortProblems(problems).slice(0, MAX_REPORTED_PROBLEMS);
  const last = kept[kept.length - 1];
  return [
    ...kept,
    {
      file: last.file,
      line: last.line,
      column: last.column,
      path: '',
      message: `stopped after ${MAX_REPORTED_PROBLEMS} problems — fix these and validate again to see the rest`,
      severity: 'error',
      rule: 'too-many-problems',
    },
  ];
}

/** The parse's result: problems capped and sorted; the container only when both forms are given. */
export function finish(
  problems: ContainerProblem[],
  container?: ContainerSpec,
  resolved?: ContainerSpec,
): ContainerParseResult {
  const sorted = sortProblems(capped(problems));
  const result: ContainerParseResult = {
    problems: sorted,
    ok: !sorted.some(p => p.severity === 'error'),
  };
  if (container && resolved) {
    result.container = container;
    result.resolved = resolved;
  }
  return result;
}
