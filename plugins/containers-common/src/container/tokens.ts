import type { ContainerSpec } from './schema';
import { formatContainerPath, type ContainerPath } from './problems';
import { closest, quoteForMessage } from './util';
import { isSchemaField, isShapedField } from './fields';

/**
 * Tokens: a string value `"!a.b"` resolves to the value of field `a.b`; a token may sit inside a
 * longer string. The longest prefix of the dotted path that names a field is the token, the rest
 * stays literal (`example-!version.current.tar.gz`). A token resolves to a scalar; tokens may
 * point at other tokens, not in a cycle. A whole-string token that names nothing is an error;
 * inside a longer string of free text an `!` not followed by a field path is left as written.
 *
 * A token never makes a value valid: in a shaped field (URL, image, tag, package… see
 * {@link isShapedField}) every `!name` must resolve, and the resolved value must hold none, so the
 * schema checks that value as strictly as a plain one. Resolved values are capped in size: a few
 * fields that each repeat the previous one ten times would otherwise make gigabytes.
 *
 * Regular expressions (`version.source.regex`, `version.filter.include_regex`,
 * `version.filter.exclude_regex[]`, `version.filter.pattern`, and the same fields of each
 * `version.companions[]`) are never resolved: `!` has a meaning there (`(?!rc)`).
 */

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const TOKEN_PATTERN = `!(${NAME}(?:\\.${NAME})*)`;
const WHOLE_TOKEN = new RegExp(`^${TOKEN_PATTERN}$`);
/** At most this many dotted names are considered in one token. */
const MAX_SEGMENTS = 32;
/** The longest value a field may resolve to: the longest text a field may hold. */
export const MAX_RESOLVED_LENGTH = 16 * 1024;
/** How many characters resolving may add to a whole file: four times the largest file. */
const MAX_EXPANSION = 1024 * 1024;
/** Tokens that point at tokens, at most this deep (real files use one step, sometimes two). */
const MAX_TOKEN_DEPTH = 16;
/**
 * Resolving follows a chain by recursion; past this many steps it stops, before the stack does.
 * (The depth above is worked out from the end of a chain, so that it does not depend on the order
 * of the fields; a chain this long is refused either way.)
 */
const MAX_RECURSION = 1000;
/** Past this many problems the resolver stops: the file has bigger trouble than one more. */
const MAX_PROBLEMS = 50;
/** "Did you mean" is worked out for this many tokens, among this many fields, at most. */
const MAX_SUGGESTIONS = 20;
const MAX_SUGGESTION_CANDIDATES = 1000;

/**
 * A token that cannot be resolved.
 *
 * @public
 */
export interface ContainerTokenProblem {
  /** The field holding the token. */
  path: ContainerPath;
  message: string;
  rule: 'token' | 'token-cycle';
}

/**
 * Thrown by {@link resolveTokens} when a token cannot be resolved.
 *
 * @public
 */
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

/**
 * Whether a field holds a regular expression, where `!` is not a token.
 *
 * @public
 */
export function isTokenFreeField(path: ContainerPath): boolean {
  if (path[0] !== 'version') {
    return false;
  }
  // A companion's source and filter hold the same regular expressions as the main version's.
  const block =
    path[1] === 'companions' && path.length > 3 ? path.slice(3) : path.slice(1);
  if (block[0] === 'source') {
    return block[1] === 'regex' && block.length === 2;
  }
  if (block[0] === 'filter') {
    return (
      ((block[1] === 'include_regex' || block[1] === 'pattern') &&
        block.length === 2) ||
      (block[1] === 'exclude_regex' && block.length === 3)
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

/** Paths to scalars, for "did you mean" suggestions (the first `max` of them). */
function scalarPaths(
  node: unknown,
  max: number,
  prefix: string[] = [],
  out: string[] = [],
) {
  if (out.length >= max) {
    return out;
  }
  if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      scalarPaths(value, max, [...prefix, key], out);
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
  | {
      value: string;
      /** The longest chain of tokens behind the value: 0 without a token. */
      depth: number;
    }
  | {
      error: string;
      rule: ContainerTokenProblem['rule'];
      /** What went wrong at the end of a chain of tokens, told once however long the chain. */
      cause?: string;
    };

function tooLong(field: string): Resolution {
  return {
    error: `resolves to more than ${MAX_RESOLVED_LENGTH.toLocaleString(
      'en-US',
    )} characters (tokens that repeat tokens?) — ${field} must resolve to one value of a sensible size: refer to fewer or shorter fields`,
    rule: 'token',
  };
}

type ResolutionError = Extract<Resolution, { error: string }>;

/** What replaces one token in a string: its text, and the chain of tokens behind it. */
interface TokenReplacement {
  /** The token as written (`!version.current`), without the literal rest of the path. */
  token: string;
  text: string;
  depth: number;
}

/** The string a token sits in: its field, whether that field is shaped, whether it is all token. */
interface TokenPlace {
  field: string;
  shaped: boolean;
  whole: boolean;
}

/**
 * A string once its tokens are replaced, refused when it is too long, when its chain of tokens
 * is too deep, or when a shaped field still holds a token brought in by one.
 */
function checkedResolution(
  where: TokenPlace,
  resolved: string,
  hadTokens: boolean,
  depth: number,
): Resolution {
  if (resolved.length > MAX_RESOLVED_LENGTH) {
    return tooLong(where.field);
  }
  if (hadTokens && depth + 1 > MAX_TOKEN_DEPTH) {
    // Told once, where the chain gets too long; the fields that refer to this one say so.
    return {
      error: `its tokens refer to tokens more than ${MAX_TOKEN_DEPTH} deep — point the token at a field that holds a value`,
      rule: 'token',
    };
  }
  const left = where.shaped ? new RegExp(TOKEN_PATTERN).exec(resolved) : null;
  if (left) {
    // Brought in by a token: a free-text field keeps its "!name" as written.
    return {
      error: `resolves to ${quoteForMessage(resolved)}, which still holds ${
        left[0]
      } — a token in ${where.field} must resolve to a plain value`,
      rule: 'token',
    };
  }
  return { value: resolved, depth: hadTokens ? depth + 1 : 0 };
}

class TokenResolver {
  private readonly cache = new Map<string, Resolution>();
  private readonly stack: string[] = [];
  private readonly stackPaths: string[] = [];
  private suggestions?: string[];
  private suggestionsLeft = MAX_SUGGESTIONS;

  constructor(private readonly root: Record<string, unknown>) {}

  /** Resolves the string at `path` (cached; detects cycles). */
  resolveField(path: ContainerPath, value: string): Resolution {
    if (!value.includes('!')) {
      // No token: nothing to resolve, cache or check for cycles.
      return { value, depth: 0 };
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
    if (this.stack.length >= MAX_RECURSION) {
      // Not cached: this field may well be fine, the chain that led here is not.
      return {
        error: `tokens refer to tokens more than ${MAX_TOKEN_DEPTH} deep — point the token at a field that holds a value`,
        rule: 'token',
      };
    }
    this.stack.push(id);
    this.stackPaths.push(formatContainerPath(path));
    const result = isTokenFreeField(path)
      ? { value, depth: 0 }
      : this.resolveString(path, value);
    this.stack.pop();
    this.stackPaths.pop();
    this.cache.set(id, result);
    return result;
  }

  private resolveString(path: ContainerPath, value: string): Resolution {
    const field = formatContainerPath(path);
    const where: TokenPlace = {
      field,
      shaped: isShapedField(path),
      whole: WHOLE_TOKEN.test(value),
    };
    const pattern = new RegExp(TOKEN_PATTERN, 'g');
    let out = '';
    let last = 0;
    let depth = 0;
    for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
      const replaced = this.replacementFor(match[1], where);
      if (replaced === undefined) continue;
      if ('error' in replaced) return replaced;
      depth = Math.max(depth, replaced.depth);
      out += value.slice(last, match.index) + replaced.text;
      if (out.length > MAX_RESOLVED_LENGTH) {
        return tooLong(field);
      }
      last = match.index + replaced.token.length;
      // The rest of the dotted path (".tar.gz") stays literal; scan on from there.
      pattern.lastIndex = last;
    }
    return checkedResolution(where, out + value.slice(last), last > 0, depth);
  }

  /**
   * What `!name` stands for: the field its longest dotted prefix names, resolved. Undefined when
   * it names nothing in free text, where an `!` before a word is left as written.
   */
  private replacementFor(
    name: string,
    where: TokenPlace,
  ): TokenReplacement | ResolutionError | undefined {
    const segments = name.split('.', MAX_SEGMENTS);
    const found = longestField(this.root, segments, 0, []);
    if (!found) {
      if (where.whole) {
        return { error: this.namesNothing(name), rule: 'token' };
      }
      if (where.shaped) {
        // A URL, image or tag has no room for a literal "!name": it can only be a token.
        return {
          error: `${this.namesNothing(name)} (in ${
            where.field
          }, an ! before a letter always starts a token)`,
          rule: 'token',
        };
      }
      return undefined;
    }
    const token = `!${segments.slice(0, found.consumed).join('.')}`;
    if (
      found.consumed < segments.length &&
      typeof found.value === 'object' &&
      found.value !== null
    ) {
      return { error: this.namesNothing(name, found.keys), rule: 'token' };
    }
    return this.valueOfField(token, found);
  }

  /** The text a token's field gives: a string resolved in turn, a number or boolean as written. */
  private valueOfField(
    token: string,
    found: FieldMatch,
  ): TokenReplacement | ResolutionError {
    const target = formatContainerPath(found.keys);
    if (typeof found.value === 'string') {
      const nested = this.resolveField(found.keys, found.value);
      if ('error' in nested) {
        if (nested.rule === 'token-cycle') {
          return nested;
        }
        const cause = nested.cause ?? nested.error;
        return {
          error: `token ${token} refers to ${target}, which cannot be resolved: ${cause}`,
          rule: nested.rule,
          cause,
        };
      }
      return { token, text: nested.value, depth: nested.depth };
    }
    if (typeof found.value === 'number' || typeof found.value === 'boolean') {
      return { token, text: String(found.value), depth: 0 };
    }
    if (found.value === null || found.value === undefined) {
      return {
        error: `token ${token} resolves to nothing: ${target} has no value — give ${target} a value or remove the token`,
        rule: 'token',
      };
    }
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

  private namesNothing(path: string, partial?: string[]): string {
    const segments = path.split('.', MAX_SEGMENTS);
    const shown = quoteForMessage(path, 80).slice(1, -1);
    if (isSchemaField(segments)) {
      return `token !${shown} resolves to nothing: ${shown} is not set in this file — set ${shown} or remove the token`;
    }
    let suggestion: string | undefined;
    if (this.suggestionsLeft > 0 && path.length <= 100) {
      this.suggestionsLeft--;
      this.suggestions ??= scalarPaths(this.root, MAX_SUGGESTION_CANDIDATES);
      suggestion = closest(path, this.suggestions);
    }
    const where = partial?.length
      ? `${formatContainerPath(partial)} has no field ${quoteForMessage(
          segments[partial.length] ?? '',
          80,
        )}`
      : 'no field has that name';
    return `token !${shown} names no field (${where}) — ${
      suggestion
        ? `did you mean !${suggestion}?`
        : 'use a field path such as !version.current or !runtime.base_image'
    }`;
  }
}

/**
 * Resolves every token; returns the resolved copy and the problems found.
 *
 * @public
 */
export function resolveContainerTokens(container: ContainerSpec): {
  resolved: ContainerSpec;
  problems: ContainerTokenProblem[];
} {
  const root = container as unknown as Record<string, unknown>;
  const resolver = new TokenResolver(root);
  const problems: ContainerTokenProblem[] = [];
  let expansion = 0;
  let overExpanded = false;

  // Most values hold no token: they are kept as they are, without building their path.
  const mayHoldToken = (value: unknown): boolean =>
    (typeof value === 'object' && value !== null) ||
    (typeof value === 'string' && value.includes('!'));

  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      if (problems.length >= MAX_PROBLEMS || overExpanded) {
        return node; // enough said: the rest is left as written
      }
      const result = resolver.resolveField(path, node);
      if ('error' in result) {
        problems.push({ path, message: result.error, rule: result.rule });
        return node;
      }
      expansion += Math.max(0, result.value.length - node.length);
      if (expansion > MAX_EXPANSION) {
        problems.push({
          path,
          message: `the tokens of this file resolve to more than ${
            MAX_EXPANSION / 1024 / 1024
          } MiB of text by here (tokens that repeat tokens?) — refer to fewer or shorter fields`,
          rule: 'token',
        });
        overExpanded = true;
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
 *
 * @public
 */
export function resolveTokens(container: ContainerSpec): ContainerSpec {
  const { resolved, problems } = resolveContainerTokens(container);
  if (problems.length > 0) {
    throw new ContainerTokenError(problems);
  }
  return resolved;
}
