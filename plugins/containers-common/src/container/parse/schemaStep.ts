import type { z } from 'zod';
import { issuesToProblems } from '../messages';
import type { ContainerLocator, ContainerProblem } from '../problems';
import { containerSchema, type ContainerSpec } from '../schema';
import { resolveContainerTokens, type ContainerTokenProblem } from '../tokens';
import { problemAt } from './result';
import type { YamlSource } from './yamlDocument';
import { sourceTextAt } from './yamlNodes';

/** A container the schema accepts, as written and with its tokens resolved. */
export interface CheckedContainer {
  container: ContainerSpec;
  resolved: ContainerSpec;
}

/** What the schema makes of a plain value, then of it with its tokens resolved. */
export type CheckedValue =
  | { issues: readonly z.core.$ZodIssue[]; afterTokens: boolean }
  | { tokenProblems: ContainerTokenProblem[] }
  | CheckedContainer;

/**
 * The fourth step, without positions (the fast path uses it as it is): the schema, the tokens,
 * then the schema again over the resolved container.
 */
export function checkValue(data: unknown): CheckedValue {
  const parsed = containerSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { issues: parsed.error.issues, afterTokens: false };
  }
  const tokens = resolveContainerTokens(parsed.data);
  if (tokens.problems.length > 0) {
    return { tokenProblems: tokens.problems };
  }
  const again = containerSchema.safeParse(tokens.resolved, {
    reportInput: true,
  });
  if (!again.success) {
    return { issues: again.error.issues, afterTokens: true };
  }
  return { container: parsed.data, resolved: again.data };
}

/** Whether the schema and the tokens accept the value. */
export function isChecked(checked: CheckedValue): checked is CheckedContainer {
  return 'resolved' in checked;
}

/**
 * The schema's issues or the tokens' problems, placed in the file; at most `limit` of the
 * issues (the caller's budget of problems).
 */
export function schemaProblems(
  checked: Exclude<CheckedValue, CheckedContainer>,
  yaml: YamlSource,
  locate: ContainerLocator,
  limit: number,
): ContainerProblem[] {
  if ('tokenProblems' in checked) {
    return checked.tokenProblems.map(p =>
      problemAt(locate(p.path), p.path, p.message, p.rule),
    );
  }
  return issuesToProblems(
    checked.issues,
    {
      locate,
      sourceText: path => sourceTextAt(yaml, path),
      afterTokens: checked.afterTokens,
    },
    limit,
  );
}
