import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { knownPrefix } from '../fields';
import { MAX_REPORTED_PROBLEMS } from '../messages';
import type { ContainerPath, ContainerProblem } from '../problems';
import { quoteForMessage } from '../util';
import { problemAt } from './result';
import { positionAt, yamlMessage, type YamlSource } from './yamlDocument';
import { firstKeyOffset, pathAtOffset } from './yamlNodes';

/**
 * What a UTF-8 decoder makes of bytes that are not UTF-8, and the NUL of a binary file: YAML
 * text has neither, and the characters they stood for are already lost.
 */
// eslint-disable-next-line no-control-regex
export const NOT_TEXT = /[\u0000\uFFFD]/;

/** An error or warning of the `yaml` library, or a duplicate key found here. */
interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

const SYNTAX_HINTS: Record<string, string> = {
  BAD_INDENT:
    'check the indentation: the keys of one mapping, and the items of one list, start in the same column',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS:
    'a container.yaml holds one document: remove the second "---" and what follows',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BAD_SCALAR_START:
    'quote the value ("…") when it starts with a special character',
  BLOCK_AS_IMPLICIT_KEY: 'quote the value ("…") when it contains ": "',
  MULTILINE_IMPLICIT_KEY:
    'this line is not "key: value" — put ": " (a colon and a space) after the key',
  UNEXPECTED_TOKEN:
    'quote the value ("…") if it contains ": ", " #" or starts with a special character',
  BAD_DIRECTIVE: 'remove the % directive line',
  IMPOSSIBLE: 'the file cannot be read as YAML',
};

/**
 * The first step: the file as YAML text. Bytes that are not text are reported alone; otherwise
 * the syntax errors and duplicate keys, then unsupported tags and the library's warnings — one
 * problem per line (YAML often reports one mistake twice), and after the first syntax error only
 * duplicate keys (what follows an error is mostly its echo).
 */
export function syntaxProblems(yaml: YamlSource): ContainerProblem[] {
  const notText = notTextProblem(yaml);
  if (notText) {
    return [notText];
  }
  const problems: ContainerProblem[] = [];
  const reportedLines = new Set<number>();
  const report = (problem: ContainerProblem | undefined) => {
    if (!problem) {
      return;
    }
    const cascade =
      problem.rule !== 'duplicate-key' &&
      problems.some(p => p.rule !== 'duplicate-key' && p.severity === 'error');
    if (!reportedLines.has(problem.line) && !cascade) {
      reportedLines.add(problem.line);
      problems.push(problem);
    }
  };
  // Past the first few, more YAML errors only repeat the same mistake.
  const errors = withDuplicateKeys(yaml.doc).slice(
    0,
    MAX_REPORTED_PROBLEMS + 1,
  );
  for (const error of errors) {
    report(errorProblem(yaml, error, errors));
  }
  for (const warning of yaml.doc.warnings.slice(0, MAX_REPORTED_PROBLEMS + 1)) {
    report(warningProblem(yaml, warning));
  }
  return problems;
}

/**
 * Whether the syntax step ends the parse. A duplicate key leaves a whole document behind (the
 * later value wins), so the next steps can still report the file's other problems; any other
 * syntax error stops here.
 */
export function syntaxStops(problems: ContainerProblem[]): boolean {
  return problems.some(
    p => p.severity === 'error' && p.rule !== 'duplicate-key',
  );
}

function notTextProblem(yaml: YamlSource): ContainerProblem | undefined {
  const notText = NOT_TEXT.exec(yaml.text);
  if (!notText) {
    return undefined;
  }
  return problemAt(
    positionAt(yaml, notText.index),
    knownPrefix(pathAtOffset(yaml.doc, notText.index)),
    notText[0] === '\u0000'
      ? 'holds a NUL byte, so it is not text (a binary file?) — a container.yaml is UTF-8 YAML text'
      : 'holds bytes that are not UTF-8 (read as \uFFFD) — save the file as UTF-8',
    'syntax',
  );
}

/**
 * The document's errors with its duplicate keys among them, in the order of the file. A key is a
 * duplicate as `yaml`'s `uniqueKeys` would say (the same scalar value twice in one mapping), but
 * found with one lookup per key: the library compares each key with every one before it, seconds
 * for a mapping of 20,000 keys.
 */
export function withDuplicateKeys(doc: Document.Parsed): YamlErrorLike[] {
  const duplicates: YamlErrorLike[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // NaN is no duplicate of NaN for the library (it compares with ===).
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (keys.has(key.value)) {
            const start = key.range?.[0] ?? 0;
            duplicates.push({
              code: 'DUPLICATE_KEY',
              message: 'Map keys must be unique',
              pos: [start, key.range?.[1] ?? start],
            });
          } else {
            keys.add(key.value);
          }
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  if (duplicates.length === 0) {
    return doc.errors;
  }
  return [...doc.errors, ...duplicates]
    .map((error, i) => ({ error, i }))
    .sort((a, b) => a.error.pos[0] - b.error.pos[0] || a.i - b.i)
    .map(({ error }) => error);
}

/** The problem one YAML error makes (none for the second half of a mistake reported twice). */
function errorProblem(
  yaml: YamlSource,
  error: YamlErrorLike,
  errors: YamlErrorLike[],
): ContainerProblem | undefined {
  const offset = error.pos?.[0] ?? 0;
  const sameStart = (code: string) =>
    errors.some(e => e.code === code && e.pos?.[0] === offset);
  if (error.code === 'DUPLICATE_KEY') {
    return duplicateKeyProblem(yaml, offset);
  }
  // A "key: value" line indented too deep is both of these at once: reported as the first.
  if (
    error.code === 'MULTILINE_IMPLICIT_KEY' &&
    sameStart('BLOCK_AS_IMPLICIT_KEY')
  ) {
    return deepIndentProblem(yaml, error);
  }
  if (
    error.code === 'BLOCK_AS_IMPLICIT_KEY' &&
    sameStart('MULTILINE_IMPLICIT_KEY')
  ) {
    return undefined;
  }
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return problemAt(
      positionAt(yaml, offset),
      knownPrefix(pathAtOffset(yaml.doc, offset)),
      `too deeply nested to read (${yamlMessage(
        error.message,
      )}) — a container.yaml needs a few levels at most`,
      'too-large',
    );
  }
  return unclosedBracketProblem(yaml, error) ?? plainSyntaxProblem(yaml, error);
}

function duplicateKeyProblem(
  yaml: YamlSource,
  offset: number,
): ContainerProblem {
  const key = pathAtOffset(yaml.doc, offset);
  const name = key.length ? String(key[key.length - 1]) : 'this key';
  const first = key.length ? firstKeyOffset(yaml.doc, key) : undefined;
  return problemAt(
    positionAt(yaml, offset),
    key,
    `duplicate key ${quoteForMessage(
      name,
    )} — a key may appear once per mapping${
      first !== undefined
        ? ` (first on line ${positionAt(yaml, first).line})`
        : ''
    }; keep one of them`,
    'duplicate-key',
  );
}

/**
 * A "key: value" line indented deeper than the keys above it: YAML reads it as part of the value
 * before. Points at that line.
 */
function deepIndentProblem(
  yaml: YamlSource,
  error: YamlErrorLike,
): ContainerProblem {
  const offset = error.pos?.[0] ?? 0;
  const lineStart =
    yaml.lineCounter.lineStarts[positionAt(yaml, error.pos[1]).line - 1] ??
    offset;
  const indent = /^[ \t]*/.exec(yaml.text.slice(lineStart))?.[0].length ?? 0;
  return problemAt(
    positionAt(yaml, lineStart + indent),
    knownPrefix(pathAtOffset(yaml.doc, offset)).slice(0, -1),
    'YAML syntax: this line is indented deeper than the keys above it, so YAML reads it as part of the value on the line before — align it with the other keys of its mapping',
    'syntax',
  );
}

/**
 * "Flow sequence … must … end with a ]": the bracket opened earlier is the mistake, not the line
 * where YAML gave up.
 */
function unclosedBracketProblem(
  yaml: YamlSource,
  error: YamlErrorLike,
): ContainerProblem | undefined {
  const offset = error.pos?.[0] ?? 0;
  const unclosed = /Flow (?:sequence|map(?:ping)?) .*end with an? ([\]}])/.exec(
    error.message,
  )?.[1];
  if (!unclosed) {
    return undefined;
  }
  const opener = unclosed === ']' ? '[' : '{';
  const opening = yaml.text.lastIndexOf(opener, Math.max(0, offset - 1));
  if (opening < 0) {
    return undefined;
  }
  return problemAt(
    positionAt(yaml, opening),
    knownPrefix(pathAtOffset(yaml.doc, opening)),
    `YAML syntax: the ${opener} opened here is never closed — end it with ${unclosed} on the same line, or write the ${
      opener === '['
        ? 'list one "- item" per line'
        : 'mapping one "key: value" per line'
    }`,
    'syntax',
  );
}

/** Any other YAML error: its own words and a hint; an unclosed quote where it opens. */
function plainSyntaxProblem(
  yaml: YamlSource,
  error: YamlErrorLike,
): ContainerProblem {
  const offset = error.pos?.[0] ?? 0;
  let where = offset;
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote) {
    const opening = yaml.text.lastIndexOf(quote, Math.max(0, offset - 1));
    where = opening >= 0 ? opening : offset;
  }
  const hint = SYNTAX_HINTS[error.code];
  return problemAt(
    positionAt(yaml, where),
    knownPrefix(
      pathAtOffset(yaml.doc, error.code === 'MISSING_CHAR' ? where : offset),
    ),
    `YAML syntax: ${yamlMessage(error.message)}${hint ? ` — ${hint}` : ''}`,
    'syntax',
  );
}

/** Tags: an unquoted "!token" is read by YAML as a tag and silently dropped. */
function warningProblem(
  yaml: YamlSource,
  warning: YamlErrorLike,
): ContainerProblem {
  const offset = warning.pos?.[0] ?? 0;
  const at = positionAt(yaml, offset);
  const path: ContainerPath = pathAtOffset(yaml.doc, offset);
  const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1];
  if (warning.code !== 'TAG_RESOLVE_FAILED') {
    return problemAt(
      at,
      path,
      `YAML: ${yamlMessage(warning.message)}`,
      'syntax',
      'warning',
    );
  }
  if (tag && /^![A-Za-z_][\w.]*$/.test(tag)) {
    return problemAt(
      at,
      path,
      `unquoted token: YAML reads ${tag} as a tag and drops the value — write "${tag}" in quotes`,
      'token',
    );
  }
  return problemAt(
    at,
    path,
    `YAML tag ${
      tag ?? ''
    } is not supported in container.yaml — write a plain value (quote it when it starts with !)`,
    'syntax',
  );
}
