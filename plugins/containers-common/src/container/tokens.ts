import type { ContainerSpec } from './schema';
import { formatContainerPath, type ContainerPath } from './problems';
import { closest } from './util';
import { isSchemaField } from './fields';

/**
 * Tokens: a string value `"!a.b"` resolves to the value of field `a.b`; a token may sit inside a
 * longer string. The longest prefix of the dotted path that names a field is the token, the rest
 * stays literal (`example-!version.current.tar.gz`). A token resolves to a scalar; tokens may
 * point at other tokens, not in a cycle. A whole-string token that names nothing is an error;
 * inside a longer string an `!` not followed by a field path is left as written.
 *
 * Regular expressions (`version.source.regex`, `version.filter.include_regex`,
 * `version.filter.exclude_regex[]`, `version.filter.pattern`) are never resolved: `!` has a
 * meaning there (`(?!rc)`).
 */

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const TOKEN_PATTERN = `!(${NAME}(?:\\.${NAME})*)`;
const WHOLE_TOKEN = new RegExp(`^${TOKEN_PATTERN}$`);
/** At most this many dotted names are considered in one token. */
const MAX_SEGMENTS = 32;

/** A token that cannot be resolved. */
export interface ContainerTokenProblem {
  /** The field holding the token. */
  path: ContainerPath;
  message: string;
  rule: 'token' | 'token-cycle';
}

/** Thrown by {@link resolveTokens} when a token cannot be resolved. */
export class ContainerTokenError extends Error {
  readonly problems: ContainerTokenProblem[];

  constructor(problems: ContainerTokenProblem[]) {
    super(
      `cannot resolve the tokens of this container.yaml: ${problems
        .map(p => `${formatContainerPath(p.path)}: ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'ContainerTokenError';
    this.problems = problems;
  }
}

/** Whether a field holds a regular expression, where `!` is not a token. */
export function isTokenFreeField(path: ContainerPath): boolean {
  if (path[0] !== 'version') {
    return false;
  }
  if (path[1] === 'source') {
    return path[2] === 'regex' && path.length === 3;
  }
  if (path[1] === 'filter') {
    return (
      ((path[2] === 'include_regex' || path[2] === 'pattern') &&
        path.length === 3) ||
      (path[2] === 'exclude_regex' && path.length === 4)
    );
  }
  return false;
}

/** Whether a string holds something that looks like a token. */
export function hasTokenSyntax(value: string): boolean {
  return new RegExp(TOKEN_PATTERN).test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

interface FieldMatch {
  /** How many dotted names of the token the field consumed. */
  consumed: number;
  /** The keys of the field (a key may itself contain dots, like label names). */
  keys: string[];
  value: unknown;
}

/** The longest prefix of `segments` (from `index`) that names a field below `node`. */
function longestField(
  node: unknown,
  segments: string[],
  index: number,
  keys: string[],
): FieldMatch | undefined {
  let best: FieldMatch | undefined =
    index > 0 ? { consumed: index, keys, value: node } : undefined;
  if (index >= segments.length || !isRecord(node)) {
    return best;
  }
  for (let end = segments.length; end > index; end--) {
    const key = segments.slice(index, end).join('.');
    if (hasOwn(node, key)) {
      const found = longestField(node[key], segments, end, [...keys, key]);
      if (found && (!best || found.consumed > best.consumed)) {
        best = found;
      }
      if (best && best.consumed === segments.length) {
        break;
      }
    }
  }
  return best;
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  return 'a mapping';
}

/** Every path to a scalar, for "did you mean" suggestions. */
function scalarPaths(node: unknown, prefix: string[] = [], out: string[] = []) {
  if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      scalarPaths(value, [...prefix, key], out);
    }
  } else if (
    prefix.length > 0 &&
    (typeof node === 'string' ||
      typeof node === 'number' ||
      typeof node === 'boolean')
  ) {
    out.push(prefix.join('.'));
  }
  return out;
}

type Resolution =
  | { value: string }
  | { error: string; rule: ContainerTokenProblem['rule'] };

class TokenResolver {
  private readonly cache = new Map<string, Resolution>();
  private readonly stack: string[] = [];
  private readonly stackPaths: string[] = [];
  private suggestions?: string[];

  constructor(private readonly root: Record<string, unknown>) {}

  /** Resolves the string at `path` (cached; detects cycles). */
  resolveField(path: ContainerPath, value: string): Resolution {
    if (!value.includes('!')) {
      return { value }; // no token: nothing to resolve, cache or check for cycles
    }
    const id = JSON.stringify(path);
    const cached = this.cache.get(id);
    if (cached) {
      return cached;
    }
    const onStack = this.stack.indexOf(id);
    if (onStack >= 0) {
      const cycle = [
        ...this.stackPaths.slice(onStack),
        formatContainerPath(path),
      ];
      return {
        error: `token cycle: ${cycle.join(
          ' → ',
        )} — one of these fields must hold a value instead of a token`,
        rule: 'token-cycle',
      };
    }
    this.stack.push(id);
    this.stackPaths.push(formatContainerPath(path));
    const result = isTokenFreeField(path)
      ? { value }
      : this.resolveString(value);
    this.stack.pop();
    this.stackPaths.pop();
    this.cache.set(id, result);
    return result;
  }

  private resolveString(value: string): Resolution {
    if (!value.includes('!')) {
      return { value };
    }
    const whole = WHOLE_TOKEN.test(value);
    const pattern = new RegExp(TOKEN_PATTERN, 'g');
    let out = '';
    let last = 0;
    for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
      const segments = match[1].split('.').slice(0, MAX_SEGMENTS);
      const found = longestField(this.root, segments, 0, []);
      if (!found) {
        if (whole) {
          return { error: this.namesNothing(match[1]), rule: 'token' };
        }
        continue;
      }
      const token = `!${segments.slice(0, found.consumed).join('.')}`;
      const target = formatContainerPath(found.keys);
      if (
        found.consumed < segments.length &&
        typeof found.value === 'object' &&
        found.value !== null
      ) {
        return {
          error: this.namesNothing(match[1], found.keys),
          rule: 'token',
        };
      }
      let replacement: string;
      if (typeof found.value === 'string') {
        const nested = this.resolveField(found.keys, found.value);
        if ('error' in nested) {
          return nested.rule === 'token-cycle'
            ? nested
            : {
                error: `token ${token} refers to ${target}, which cannot be resolved: ${nested.error}`,
                rule: nested.rule,
              };
        }
        replacement = nested.value;
      } else if (
        typeof found.value === 'number' ||
        typeof found.value === 'boolean'
      ) {
        replacement = String(found.value);
      } else if (found.value === null || found.value === undefined) {
        return {
          error: `token ${token} resolves to nothing: ${target} has no value — give ${target} a value or remove the token`,
          rule: 'token',
        };
      } else {
        const example = isRecord(found.value)
          ? Object.keys(found.value)[0]
          : undefined;
        return {
          error: `token ${token} resolves to ${describeKind(
            found.value,
          )}, not a single value — point it at one field${
            example ? `, such as ${token}.${example}` : ''
          }`,
          rule: 'token',
        };
      }
      out += value.slice(last, match.index) + replacement;
      last = match.index + token.length;
      // The rest of the dotted path (".tar.gz") stays literal; scan on from there.
      pattern.lastIndex = last;
    }
    return { value: out + value.slice(last) };
  }

  private namesNothing(path: string, partial?: string[]): string {
    this.suggestions ??= scalarPaths(this.root);
    const segments = path.split('.');
    if (isSchemaField(segments)) {
      return `token !${path} resolves to nothing: ${path} is not set in this file — set ${path} or remove the token`;
    }
    const suggestion = closest(path, this.suggestions);
    const where = partial?.length
      ? `${formatContainerPath(partial)} has no field ${JSON.stringify(
          segments[partial.length] ?? '',
        )}`
      : 'no field has that name';
    return `token !${path} names no field (${where}) — ${
      suggestion
        ? `did you mean !${suggestion}?`
        : 'use a field path such as !version.current or !runtime.base_image'
    }`;
  }
}

/** Resolves every token; returns the resolved copy and the problems found. */
export function resolveContainerTokens(container: ContainerSpec): {
  resolved: ContainerSpec;
  problems: ContainerTokenProblem[];
} {
  const root = container as unknown as Record<string, unknown>;
  const resolver = new TokenResolver(root);
  const problems: ContainerTokenProblem[] = [];

  // Most values hold no token: they are kept as they are, without building their path.
  const mayHoldToken = (value: unknown): boolean =>
    (typeof value === 'object' && value !== null) ||
    (typeof value === 'string' && value.includes('!'));

  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      const result = resolver.resolveField(path, node);
      if ('error' in result) {
        problems.push({ path, message: result.error, rule: result.rule });
        return node;
      }
      return result.value;
    }
    if (Array.isArray(node)) {
      return node.map((item, i) =>
        mayHoldToken(item) ? walk(item, [...path, i]) : item,
      );
    }
    if (isRecord(node)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) {
        if (key !== '__proto__') {
          const value = node[key];
          out[key] = mayHoldToken(value) ? walk(value, [...path, key]) : value;
        }
      }
      return out;
    }
    return node;
  };

  const resolved = walk(root, []) as ContainerSpec;
  return { resolved, problems };
}

/**
 * Resolves every `"!token"` of a container. Throws a {@link ContainerTokenError} naming each
 * field whose token names nothing, resolves to nothing or to a mapping/list, or is in a cycle.
 */
export function resolveTokens(container: ContainerSpec): ContainerSpec {
  const { resolved, problems } = resolveContainerTokens(container);
  if (problems.length > 0) {
    throw new ContainerTokenError(problems);
  }
  return resolved;
}
