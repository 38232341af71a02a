import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/*
 * A fast, position-less read of a container.yaml with js-yaml, for the parser's fast path. It
 * must give the very value the `yaml` library's `parseDocument(...).toJS()` gives, or nothing:
 * the caller then takes the precise path. So it declines whatever the two libraries could read
 * differently, and every value is resolved by the rules of `yaml`'s default YAML 1.2 core schema
 * (the regular expressions below are those of yaml/dist/schema/core and common/null).
 */

const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_INT_OCT = /^0o[0-7]+$/;
const CORE_INT_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function coreType(
  tag: string,
  resolve: (text: string) => boolean,
  construct: (text: string) => unknown,
): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && resolve(text),
    construct,
  });
}

/** Whether a plain scalar may be a number (a cheap test before the regular expressions). */
function startsLikeNumber(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e; // 0-9 + - .
}

/** Plain (unquoted) scalars resolve as in `yaml`'s core schema; everything else is text. */
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType(
      'null',
      text => text.length <= 4 && CORE_NULL.test(text),
      () => null,
    ),
    coreType(
      'bool',
      text => text.length <= 5 && CORE_BOOL.test(text),
      text => text[0] === 't' || text[0] === 'T',
    ),
    coreType(
      'int',
      text =>
        startsLikeNumber(text) &&
        (CORE_INT.test(text) ||
          CORE_INT_OCT.test(text) ||
          CORE_INT_HEX.test(text)),
      text => {
        if (CORE_INT.test(text)) return parseInt(text, 10);
        return parseInt(text.slice(2), text[1] === 'o' ? 8 : 16);
      },
    ),
    coreType(
      'float',
      text =>
        startsLikeNumber(text) &&
        (CORE_FLOAT_SPECIAL.test(text) ||
          CORE_FLOAT_EXP.test(text) ||
          CORE_FLOAT.test(text)),
      text => {
        if (!CORE_FLOAT_SPECIAL.test(text)) return parseFloat(text);
        if (text.slice(-3).toLowerCase() === 'nan') return NaN;
        return text[0] === '-' ? -Infinity : Infinity;
      },
    ),
  ],
});

/**
 * What the two libraries may read differently (found by the fuzz tests that hold the fast path to
 * the precise one), or what is expensive to read safely: any of these sends a file down the
 * precise path.
 */
const DECLINED_SYNTAX: RegExp[] = [
  /(?<![^\s[{,:])[!&*]/, // a tag, anchor or alias where a value starts
  /<</, // a merge key
  /(?<![^\s[{,])\?(?!\S)/, // an explicit key
  /[\]}] *:/, // a list or mapping as a key
  /(?:^|\n)(?:%|\.\.\.)/, // a directive, or the end of the document
  /["'\]}]#/, // a comment right after a quote or bracket (yaml wants a space before it)
  /\\\n/, // an escaped line break in a double-quoted value
  /[|>][-+]?[1-9]/, // a block scalar with an explicit indentation (or text like it)
  /\n +(?:\n|$)/, // a line of spaces only (block scalars' more-indented empty lines)
  /[\t\r\uFEFF\u0085\u2028\u2029]/, // tabs, carriage returns, byte order marks, other line breaks
];

/** Keys `yaml` writes differently (a null key is '' there, "null" in js-yaml). */
const DECLINED_KEYS = new Set(['null', '__proto__']);
/** Deeper values are left to the precise path, which reports them. */
const MAX_DEPTH = 64;

/** Whether a value is a tree of plain objects, lists and scalars with keys both libraries agree on. */
function isPlainTree(
  value: unknown,
  seen: Set<object>,
  depth: number,
): boolean {
  if (typeof value !== 'object' || value === null) {
    return true;
  }
  // A value reached twice came from an alias: its expansion is the precise path's to measure.
  if (depth > MAX_DEPTH || seen.has(value)) {
    return false;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    return value.every(item => isPlainTree(item, seen, depth + 1));
  }
  return Object.keys(value).every(
    key =>
      !DECLINED_KEYS.has(key) &&
      isPlainTree((value as Record<string, unknown>)[key], seen, depth + 1),
  );
}

/**
 * The document as a plain mapping, read without positions — or undefined when it is not a
 * mapping, does not read cleanly (a syntax error, a duplicate key, any warning), or holds anything
 * `yaml` could read differently. Never throws.
 */
export function readPlainMapping(
  text: string,
): Record<string, unknown> | undefined {
  if (DECLINED_SYNTAX.some(pattern => pattern.test(text))) {
    return undefined;
  }
  let warned = false;
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      onWarning: () => {
        warned = true;
      },
    });
  } catch {
    return undefined;
  }
  if (
    warned ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !isPlainTree(value, new Set(), 0)
  ) {
    return undefined;
  }
  return value as Record<string, unknown>;
}
