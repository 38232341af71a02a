import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

/**
 * The one place regular expressions from container.yaml are compiled and run (`filter.pattern`,
 * `include_regex`, `exclude_regex`, `source.regex`): in the backend, the CLI and the browser.
 *
 * container.yaml is hostile input and JavaScript's RegExp backtracks (`^(a+)+$` on thirty `a`s
 * and a `!` never ends), so patterns run on re2js, a linear-time engine (RE2 syntax; JavaScript's
 * `(?<name>…)` and Python's `(?P<name>…)` both work). It has no look-around or back-references.
 * Matching time still grows with pattern size × text length, so both are capped.
 */

/**
 * Longest pattern accepted, in characters.
 *
 * @public
 */
export const MAX_USER_PATTERN_LENGTH = 512;

/**
 * Largest compiled pattern, in RE2 instructions. Repetition counts multiply a pattern
 * (`(a{0,100}){0,10}` is 2,000 instructions); the patterns of real files are under 100.
 *
 * @public
 */
export const MAX_USER_PATTERN_SIZE = 1_000;

/**
 * Longest version or tag a pattern is run on. A longer text never matches: no version is that
 * long (Docker caps tags at 128 characters).
 *
 * @public
 */
export const MAX_PATTERN_TEXT_LENGTH = 256;

/**
 * Most characters of a fetched page a pattern is run over, however simple the pattern.
 *
 * @public
 */
export const MAX_PATTERN_PAGE_LENGTH = 1024 * 1024;

/**
 * Work allowed for one page: instructions × characters. Patterns that defeat re2js's shortcuts
 * cost up to ~60 ns per unit (measured under load), so one page takes at most about a second;
 * a typical listing regex (20 instructions) may read 800 KB.
 *
 * @public
 */
export const PATTERN_PAGE_BUDGET = 16_000_000;

/**
 * One match of a user pattern.
 *
 * @public
 */
export interface UserPatternMatch {
  /** The text matched by the whole pattern. */
  match: string;
  /** Where the match starts in the text. */
  index: number;
  /** Capture groups by number (`groups[0]` is group 1); undefined when a group took no part. */
  groups: Array<string | undefined>;
  /** Named groups by name; undefined when a group took no part. */
  named: Record<string, string | undefined>;
}

/**
 * A container.yaml pattern, compiled for linear-time matching.
 *
 * @public
 */
export interface UserPattern {
  /** The pattern as written in container.yaml. */
  source: string;
  /** How many capture groups it has, named or not. */
  groupCount: number;
  /** Its named groups, in the order they appear. */
  groupNames: string[];
  /** Most characters of a page {@link UserPattern.matchAll} runs over with this pattern. */
  maxPageLength: number;
  /** Whether the pattern matches somewhere in a version or tag (false beyond 256 characters). */
  test(text: string): boolean;
  /** The first match in a version or tag, or undefined (always beyond 256 characters). */
  exec(text: string): UserPatternMatch | undefined;
  /**
   * Every match in a fetched page, in order. Throws a {@link UserPatternError} when the page is
   * longer than {@link UserPattern.maxPageLength}: reading only part of a listing would silently
   * miss the newest versions, which usually come last.
   */
  matchAll(page: string): UserPatternMatch[];
}

/**
 * A pattern Dockyard will not run, or a page too long for it; the message is for the file's author.
 *
 * @public
 */
export class UserPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserPatternError';
  }
}

/** Whole kilobytes or megabytes, for messages. */
function size(characters: number): string {
  return characters >= 1024 * 1024
    ? `${(characters / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(characters / 1024)} KB`;
}

const NO_LOOKAROUND =
  'which Dockyard does not run (patterns run in linear time, RE2 syntax)';

/**
 * Why re2js refused a pattern, in words the file's author can act on. re2js reports the part of
 * the pattern it stopped at (`(?=`, `(?<=x)`, `\1`), which tells look-around and
 * back-references apart from plain mistakes.
 */
function explainSyntaxError(
  error: RE2JSSyntaxException,
  pattern: string,
): string {
  const at = error.input ?? '';
  if (at.startsWith('(?=') || at.startsWith('(?!')) {
    return `uses a look-ahead (${at.slice(
      0,
      3,
    )}), ${NO_LOOKAROUND}; use exclude_regex for negation`;
  }
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) {
    return `uses a look-behind (${at.slice(
      0,
      4,
    )}), ${NO_LOOKAROUND}; use exclude_regex for negation`;
  }
  const pythonBackReference = at === '(?P' && pattern.includes('(?P=');
  if (/^\\(?:[1-9]|k)/.test(at) || pythonBackReference) {
    return `uses a back-reference (${
      pythonBackReference ? '(?P=' : at.slice(0, 2)
    }), ${NO_LOOKAROUND}; write the repeated part out again`;
  }
  if (error.error === 'expression too large') {
    return `is too complex to run safely: repetition counts such as {0,100} expand it; use + or * instead`;
  }
  const reason = error.message.replace(/^error parsing regexp: /, '');
  let hint = 'check brackets and escapes (\\. for a literal dot)';
  if (error.error === 'invalid escape sequence') {
    hint = 'RE2 syntax: \\x{41} for a code point, \\. for a literal dot';
  } else if (error.error === 'invalid repeat count') {
    hint = 'counts go up to 1000, nested ones included; use + or * instead';
  }
  return `is not a valid regular expression: ${reason} — ${hint}`;
}

/** re2js, or the reason it refused (too long, too big, unsupported or invalid syntax). */
function compileOrExplain(pattern: string): RE2JS | string {
  if (pattern.length > MAX_USER_PATTERN_LENGTH) {
    return `is ${pattern.length} characters long; Dockyard runs patterns of at most ${MAX_USER_PATTERN_LENGTH}`;
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) {
      return explainSyntaxError(error, pattern);
    }
    if (error instanceof RE2JSException) {
      return `is not a valid regular expression: ${error.message}`;
    }
    throw error;
  }
  if (compiled.programSize() > MAX_USER_PATTERN_SIZE) {
    return `is too complex to run safely (${compiled.programSize()} steps, at most ${MAX_USER_PATTERN_SIZE}): repetition counts such as {0,100} expand it; use + or * instead`;
  }
  return compiled;
}

/**
 * Why a pattern cannot be used, as the end of a sentence that starts with the field
 * (`uses a look-ahead (?=, …`), or undefined when it is fine.
 *
 * @public
 */
export function userPatternProblem(pattern: string): string | undefined {
  const compiled = compileOrExplain(pattern);
  return typeof compiled === 'string' ? compiled : undefined;
}

function toMatch(
  found: RegExpMatchArray | unknown[],
  index: number,
): UserPatternMatch {
  const array = found as RegExpMatchArray;
  const named: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(array.groups ?? {})) {
    named[name] = value ?? undefined;
  }
  return {
    match: array[0],
    index,
    groups: array.slice(1).map(value => value ?? undefined),
    named,
  };
}

/**
 * Compiles a pattern from container.yaml. Throws a {@link UserPatternError} naming `field` and
 * the pattern when Dockyard will not run it.
 *
 * @public
 */
export function compileUserPattern(
  pattern: string,
  field = 'pattern',
): UserPattern {
  const compiled = compileOrExplain(pattern);
  if (typeof compiled === 'string') {
    throw new UserPatternError(
      `${field} ${JSON.stringify(
        pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern,
      )} ${compiled}`,
    );
  }
  const groupNames = Object.entries(compiled.namedGroups())
    .sort((a, b) => a[1] - b[1])
    .map(([name]) => name);
  const maxPageLength = Math.min(
    MAX_PATTERN_PAGE_LENGTH,
    Math.floor(PATTERN_PAGE_BUDGET / Math.max(1, compiled.programSize())),
  );
  return {
    source: pattern,
    groupCount: compiled.groupCount(),
    groupNames,
    maxPageLength,
    test(text) {
      return text.length <= MAX_PATTERN_TEXT_LENGTH && compiled.test(text);
    },
    exec(text) {
      if (text.length > MAX_PATTERN_TEXT_LENGTH) return undefined;
      const found = compiled.exec(text);
      return found
        ? toMatch(found, (found as RegExpExecArray).index)
        : undefined;
    },
    matchAll(page) {
      if (page.length > maxPageLength) {
        const shrunk = maxPageLength < MAX_PATTERN_PAGE_LENGTH;
        throw new UserPatternError(
          `${field} ${JSON.stringify(pattern)} runs over at most ${size(
            maxPageLength,
          )} of a page${
            shrunk ? ' (a larger pattern gets less)' : ''
          }, and this page has ${size(page.length)}: use a smaller listing${
            shrunk ? ' or a simpler pattern' : ''
          }`,
        );
      }
      return [...compiled.matchAll(page)].map(found =>
        toMatch(found, found.index ?? 0),
      );
    },
  };
}

/**
 * How many capture groups a pattern has, named or not. Throws a {@link UserPatternError} when
 * Dockyard will not run the pattern.
 *
 * @public
 */
export function countCaptureGroups(pattern: string): number {
  return compileUserPattern(pattern).groupCount;
}
