import { z } from 'zod';
import { CONTAINER_STRATEGIES } from './schema';
import { allowedKeys, describeField } from './fields';
import {
  formatContainerPath,
  type ContainerLocator,
  type ContainerPath,
  type ContainerProblem,
  type ContainerProblemRule,
} from './problems';
import { closest, quoteForMessage } from './util';

function describeInput(input: unknown): string {
  if (input === null) {
    return 'nothing';
  }
  if (Array.isArray(input)) {
    return 'a list';
  }
  switch (typeof input) {
    case 'string':
      return `text ${quoteForMessage(input, 40)}`;
    case 'number':
      return `the number ${input}`;
    case 'boolean':
      return `${input}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof input;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list (one "- item" per line)',
  record: 'a mapping (key: value lines)',
};

const YAML_11_BOOLEANS =
  /^(y|yes|n|no|on|off|true|false|True|False|TRUE|FALSE)$/i;

export interface IssueContext {
  locate: ContainerLocator;
  /** The source text of the value at a path, for "quote it" hints. */
  sourceText: (path: ContainerPath) => string | undefined;
  /** Set on the second pass, over the resolved container. */
  afterTokens?: boolean;
  /** Set for values typed into a form or on a command line: no YAML hints. */
  typed?: boolean;
}

function typeMessage(
  issue: z.core.$ZodIssue & { code: 'invalid_type' },
  path: ContainerPath,
  ctx: IssueContext,
): { message: string; missing: boolean } {
  const description = describeField(path);
  const hasInput = 'input' in issue && issue.input !== undefined;
  const input = hasInput ? issue.input : undefined;
  if (!hasInput) {
    return {
      message: `required — ${description ?? 'this field must be set'}`,
      missing: true,
    };
  }
  if (input === null) {
    return {
      message: `has no value — ${
        description ? `${description}; ` : ''
      }give it a value or remove the key`,
      missing: false,
    };
  }
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  let hint = '';
  if (
    (issue.expected === 'number' || issue.expected === 'int') &&
    typeof input === 'string' &&
    input.length <= 60 &&
    /^-?[0-9]+(\.[0-9]+)?$/.test(input.trim())
  ) {
    hint = ` — write it without quotes: ${input.trim()}`;
  } else if (issue.expected === 'string' && typeof input !== 'object') {
    const source = ctx.sourceText(path) ?? String(input);
    hint =
      source.length > 60
        ? ' — quote it so YAML keeps it as written'
        : ` — quote it so YAML keeps it as written: "${source.replace(
            /"/g,
            '\\"',
          )}"`;
  } else if (
    issue.expected === 'boolean' &&
    typeof input === 'string' &&
    YAML_11_BOOLEANS.test(input)
  ) {
    hint = ' — write true or false (YAML 1.2 reads yes/no/on/off as text)';
  } else if (issue.expected === 'array' && typeof input !== 'object') {
    hint = ' — write each item on its own line starting with "- "';
  }
  const source =
    typeof input === 'number' ? ctx.sourceText(path)?.trim() : undefined;
  let given = describeInput(input);
  if (source && source.length <= 60 && /^[-+.0-9eE_xXoO]+$/.test(source)) {
    given =
      source === String(input)
        ? `the number ${source}`
        : `the number ${input} (YAML reads ${source} as ${input})`;
  }
  return {
    message: `must be ${expected}, not ${given}${ctx.typed ? '' : hint}${
      description ? ` (${description})` : ''
    }`,
    missing: false,
  };
}

function problem(
  ctx: IssueContext,
  path: ContainerPath,
  at: 'key' | 'value',
  message: string,
  rule: ContainerProblemRule = 'schema',
): ContainerProblem {
  return {
    ...ctx.locate(path, at),
    path: formatContainerPath(path),
    message,
    severity: 'error',
    rule,
  };
}

/** Unknown keys of a mapping, each with the closest allowed key or the list of them. */
function unknownKeyProblems(
  keys: string[],
  path: ContainerPath,
  ctx: IssueContext,
): ContainerProblem[] {
  const allowed = allowedKeys(path);
  return keys.map(key => {
    const suggestion = closest(key, allowed);
    const snake = key.replace(/-/g, '_');
    let hint = `remove it, or use one of: ${allowed.join(', ')}`;
    if (suggestion) {
      hint = `did you mean "${suggestion}"?`;
    } else if (snake !== key && allowed.includes(snake)) {
      hint = `keys are snake_case: "${snake}"`;
    }
    return problem(
      ctx,
      [...path, key],
      'key',
      `unknown field ${quoteForMessage(key)} — ${hint}`,
    );
  });
}

/** A value none of a union's choices take (a user, a scalar…), or none at all. */
function unionProblem(
  message: string,
  path: ContainerPath,
  input: unknown,
  ctx: IssueContext,
): ContainerProblem {
  if (input !== undefined && input !== null) {
    return problem(
      ctx,
      path,
      'value',
      `${message}, not ${describeInput(input)}`,
    );
  }
  const description = describeField(path);
  return problem(
    ctx,
    path,
    'key',
    input === undefined
      ? `required — ${description ?? 'this field must be set'}`
      : `has no value — ${
          description ? `${description}; ` : ''
        }give it a value or remove the key`,
  );
}

/** A value too short, too long or of the wrong shape; an empty one also says what it is for. */
function limitProblem(
  message: string,
  path: ContainerPath,
  ctx: IssueContext,
  suffix: string,
): ContainerProblem {
  const description = describeField(path);
  const needsDescription = message === 'must not be empty' && description;
  return problem(
    ctx,
    path,
    'value',
    `${message}${needsDescription ? ` — ${description}` : ''}${suffix}`,
  );
}

/** A value outside a list (an enum): what was given, the closest allowed one, and the list. */
function valueProblem(
  values: string[],
  path: ContainerPath,
  input: unknown,
  ctx: IssueContext,
): ContainerProblem {
  if (input === undefined) {
    const description = describeField(path);
    return problem(
      ctx,
      path,
      'key',
      `required — ${description ? `${description}: ` : ''}one of ${values.join(
        ', ',
      )}`,
    );
  }
  const given = quoteForMessage(
    typeof input === 'string' ? input : String(input),
  );
  const suggestion =
    typeof input === 'string' ? closest(input, values) : undefined;
  const didYouMean = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  // version.strategy, or a companion's (version.companions[i].strategy).
  const isStrategy =
    path[0] === 'version' &&
    path[path.length - 1] === 'strategy' &&
    (path.length === 2 || (path.length === 4 && path[1] === 'companions'));
  return isStrategy
    ? problem(
        ctx,
        path,
        'value',
        `unknown strategy ${given}${didYouMean} — use one of: ${CONTAINER_STRATEGIES.join(
          ', ',
        )}`,
        'unknown-strategy',
      )
    : problem(
        ctx,
        path,
        'value',
        `${given} is not allowed${didYouMean} — use one of: ${values.join(
          ', ',
        )}`,
      );
}

/**
 * Problems one file reports at most (about two screens). A hostile file can hold tens of thousands
 * of mistakes; placing each costs time and nobody reads past the first ones.
 */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Turns zod issues into problems with positions and messages a person can act on, at most
 * `limit` of them.
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  ctx: IssueContext,
  limit: number = MAX_REPORTED_PROBLEMS,
): ContainerProblem[] {
  const problems: ContainerProblem[] = [];
  const seen = new Set<string>();
  const push = (p: ContainerProblem) => {
    if (!seen.has(p.path) && problems.length < limit) {
      seen.add(p.path);
      problems.push(p);
    }
  };
  const suffix = (input: unknown) =>
    ctx.afterTokens && typeof input === 'string'
      ? ` (after resolving tokens: ${quoteForMessage(input)})`
      : '';

  for (const issue of issues) {
    if (problems.length >= limit) {
      break;
    }
    const path = issue.path.filter(
      (s): s is string | number => typeof s !== 'symbol',
    );
    const input = 'input' in issue ? issue.input : undefined;
    switch (issue.code) {
      case 'unrecognized_keys':
        unknownKeyProblems(issue.keys.slice(0, limit), path, ctx).forEach(push);
        break;
      case 'invalid_type': {
        const { message, missing } = typeMessage(issue, path, ctx);
        push(problem(ctx, path, missing ? 'key' : 'value', message));
        break;
      }
      case 'invalid_value':
        push(valueProblem(issue.values.map(String), path, input, ctx));
        break;
      case 'invalid_union':
        push(unionProblem(issue.message, path, input, ctx));
        break;
      case 'too_small':
      case 'too_big':
      case 'invalid_format':
        push(limitProblem(issue.message, path, ctx, suffix(input)));
        break;
      case 'custom': {
        const missing = Boolean(
          (issue.params as { missing?: boolean } | undefined)?.missing,
        );
        push(
          problem(
            ctx,
            path,
            missing ? 'key' : 'value',
            `${issue.message}${suffix(input)}`,
          ),
        );
        break;
      }
      default:
        push(problem(ctx, path, 'value', `${issue.message}${suffix(input)}`));
    }
  }
  return problems;
}

/**
 * Problems of values typed into a form or on a command line (`dockyard new`, the scaffolder), in
 * the words container.yaml problems use, one `field message` line each: no file, no positions.
 */
export function inputIssueMessages(
  issues: readonly z.core.$ZodIssue[],
): string[] {
  const ctx: IssueContext = {
    locate: () => ({ file: '', line: 0, column: 0 }),
    sourceText: () => undefined,
    typed: true,
  };
  return issuesToProblems(issues, ctx).map(p =>
    p.path ? `${p.path} ${p.message}` : p.message,
  );
}
