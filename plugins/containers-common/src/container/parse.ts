import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import { containerSchema, type ContainerSpec } from './schema';
import type {
  ContainerLocator,
  ContainerParseResult,
  ContainerProblem,
} from './problems';
import { issuesToProblems, MAX_REPORTED_PROBLEMS } from './messages';
import { resolveContainerTokens, type ContainerTokenProblem } from './tokens';
import { lintResolved } from './lint';
import { knownPrefix } from './fields';
import { readPlainMapping } from './plainYaml';
import { quoteForMessage } from './util';
import {
  DEFAULT_MAX_CONTAINER_YAML_BYTES,
  MAX_ALIAS_COUNT,
  MAX_DEPTH,
  MAX_EXPANDED_NODES,
} from './parse/constants';
import { finish, problemAt, wholeFileProblem } from './parse/result';
import { positionAt, readYaml, yamlMessage } from './parse/yamlDocument';
import {
  createLocator,
  firstAliasOffset,
  firstKeyOffset,
  pathAtOffset,
  sourceTextAt,
} from './parse/yamlNodes';

export { DEFAULT_MAX_CONTAINER_YAML_BYTES };

/**
 * Files up to this many characters may take the fast path. A value takes at least one character,
 * so such a file cannot hold more than MAX_EXPANDED_NODES values (the precise path's limit).
 */
const FAST_PATH_MAX_CHARS = 64 * 1024;

/** Options of {@link parseContainerYaml}. */
export interface ParseContainerYamlOptions {
  /** The file name used in problems (as the user should see it). */
  file: string;
  /** The container folder's name; `slug` must equal it when given. */
  folderName?: string;
  /** Larger files are refused; default 256 KiB. */
  maxBytes?: number;
}

type Yaml = Document.Parsed;

/** UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

/** The result for a file that is too large to read (also used by discovery, which never reads it). */
export function containerTooLarge(
  file: string,
  bytes: number,
  maxBytes: number = DEFAULT_MAX_CONTAINER_YAML_BYTES,
): ContainerParseResult {
  return finish([
    wholeFileProblem(
      file,
      `the file is ${formatBytes(bytes)}, more than the ${formatBytes(
        maxBytes,
      )} a container.yaml may have — move long notes to the container's README.md`,
      'too-large',
    ),
  ]);
}

interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

/**
 * The document's errors with its duplicate keys among them, in the order of the file. A key is a
 * duplicate as `yaml`'s `uniqueKeys` would say (the same scalar value twice in one mapping), but
 * found with one lookup per key: the library compares each key with every one before it, seconds
 * for a mapping of 20,000 keys.
 */
function withDuplicateKeys(doc: Yaml): YamlErrorLike[] {
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

/** Counts nodes with aliases expanded, and the nesting depth; stops early past the limits. */
function measure(doc: Yaml): {
  nodes: number;
  depth: number;
  aliases: number;
  cyclic: boolean;
  /** Where nesting first goes past MAX_DEPTH (a source offset), when it does. */
  tooDeepAt?: number;
} {
  const sizes = new Map<unknown, number>();
  let tooDeepAt: number | undefined;
  const visiting = new Set<unknown>();
  let aliases = 0;
  let cyclic = false;
  let maxDepth = 0;
  const size = (node: unknown, depth: number): number => {
    if (depth > maxDepth) {
      maxDepth = depth;
    }
    if (depth > MAX_DEPTH || cyclic) {
      if (depth > MAX_DEPTH && tooDeepAt === undefined && isNode(node)) {
        tooDeepAt = node.range?.[0];
      }
      return MAX_EXPANDED_NODES + 1;
    }
    if (isAlias(node)) {
      aliases++;
      const target = node.resolve(doc);
      if (!target) {
        return 1;
      }
      return size(target, depth);
    }
    const known = sizes.get(node);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(node)) {
      cyclic = true;
      return MAX_EXPANDED_NODES + 1;
    }
    visiting.add(node);
    let total = 1;
    if (isMap(node)) {
      for (const pair of node.items) {
        total += size(pair.key, depth + 1) + size(pair.value, depth + 1);
        if (total > MAX_EXPANDED_NODES) {
          break;
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        total += size(item, depth + 1);
        if (total > MAX_EXPANDED_NODES) {
          break;
        }
      }
    } else if (isPair(node)) {
      total += size(node.key, depth + 1) + size(node.value, depth + 1);
    }
    visiting.delete(node);
    sizes.set(node, total);
    return total;
  };
  const nodes = size(doc.contents, 0);
  return { nodes, depth: maxDepth, aliases, cyclic, tooDeepAt };
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

// What a UTF-8 decoder makes of bytes that are not UTF-8, and the NUL of a binary file: YAML
// text has neither, and the characters they stood for are already lost.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000\uFFFD]/;

function parseUnsafe(
  source: string,
  options: ParseContainerYamlOptions,
): ContainerParseResult {
  const file = options.file;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONTAINER_YAML_BYTES;
  const whole = (message: string, rule: string): ContainerParseResult =>
    finish([wholeFileProblem(file, message, rule)]);

  if (typeof source !== 'string') {
    return whole(
      'is not text — a container.yaml is a UTF-8 YAML file',
      'syntax',
    );
  }
  if (source.length * 3 > maxBytes) {
    const bytes = utf8Length(source);
    if (bytes > maxBytes) {
      return containerTooLarge(file, bytes, maxBytes);
    }
  }

  const yaml = readYaml(source, file);
  const { text, doc, lineCounter } = yaml;
  const at = (offset: number) => positionAt(yaml, offset);

  const notText = NOT_TEXT.exec(text);
  if (notText) {
    return finish([
      problemAt(
        at(notText.index),
        knownPrefix(pathAtOffset(doc, notText.index)),
        notText[0] === '\u0000'
          ? 'holds a NUL byte, so it is not text (a binary file?) — a container.yaml is UTF-8 YAML text'
          : 'holds bytes that are not UTF-8 (read as \uFFFD) — save the file as UTF-8',
        'syntax',
      ),
    ]);
  }

  // 1. Syntax and duplicate keys (one problem per line: YAML often reports one mistake twice).
  const problems: ContainerProblem[] = [];
  const reportedLines = new Set<number>();
  const report = (problem: ContainerProblem) => {
    const cascade =
      problem.rule !== 'duplicate-key' &&
      problems.some(p => p.rule !== 'duplicate-key' && p.severity === 'error');
    if (!reportedLines.has(problem.line) && !cascade) {
      reportedLines.add(problem.line);
      problems.push(problem);
    }
  };
  // Past the first few, more YAML errors only repeat the same mistake.
  const errors = withDuplicateKeys(doc).slice(0, MAX_REPORTED_PROBLEMS + 1);
  for (const error of errors) {
    const offset = error.pos?.[0] ?? 0;
    const path = knownPrefix(pathAtOffset(doc, offset));
    const sameStart = (code: string) =>
      errors.some(e => e.code === code && e.pos?.[0] === offset);
    if (error.code === 'DUPLICATE_KEY') {
      const key = pathAtOffset(doc, offset);
      const name = key.length ? String(key[key.length - 1]) : 'this key';
      const first = key.length ? firstKeyOffset(doc, key) : undefined;
      report(
        problemAt(
          at(offset),
          key,
          `duplicate key ${quoteForMessage(
            name,
          )} — a key may appear once per mapping${
            first !== undefined ? ` (first on line ${at(first).line})` : ''
          }; keep one of them`,
          'duplicate-key',
        ),
      );
    } else if (
      error.code === 'MULTILINE_IMPLICIT_KEY' &&
      sameStart('BLOCK_AS_IMPLICIT_KEY')
    ) {
      // A "key: value" line indented deeper than the keys above it: YAML reads it as part of
      // the value before. Point at that line.
      const lineStart =
        lineCounter.lineStarts[at(error.pos[1]).line - 1] ?? offset;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
      report(
        problemAt(
          at(lineStart + indent),
          path.slice(0, -1),
          'YAML syntax: this line is indented deeper than the keys above it, so YAML reads it as part of the value on the line before — align it with the other keys of its mapping',
          'syntax',
        ),
      );
    } else if (
      error.code === 'BLOCK_AS_IMPLICIT_KEY' &&
      sameStart('MULTILINE_IMPLICIT_KEY')
    ) {
      continue;
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      report(
        problemAt(
          at(offset),
          path,
          `too deeply nested to read (${yamlMessage(
            error.message,
          )}) — a container.yaml needs a few levels at most`,
          'too-large',
        ),
      );
    } else {
      let where = offset;
      const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
      if (error.code === 'MISSING_CHAR' && quote) {
        const opening = text.lastIndexOf(quote, Math.max(0, offset - 1));
        where = opening >= 0 ? opening : offset;
      }
      // "Flow sequence … must … end with a ]": the bracket opened earlier is the mistake, not
      // the line where YAML gave up.
      const unclosed =
        /Flow (?:sequence|map(?:ping)?) .*end with an? ([\]}])/.exec(
          error.message,
        )?.[1];
      if (unclosed) {
        const opener = unclosed === ']' ? '[' : '{';
        const opening = text.lastIndexOf(opener, Math.max(0, offset - 1));
        if (opening >= 0) {
          report(
            problemAt(
              at(opening),
              knownPrefix(pathAtOffset(doc, opening)),
              `YAML syntax: the ${opener} opened here is never closed — end it with ${unclosed} on the same line, or write the ${
                opener === '['
                  ? 'list one "- item" per line'
                  : 'mapping one "key: value" per line'
              }`,
              'syntax',
            ),
          );
          continue;
        }
      }
      const hint = SYNTAX_HINTS[error.code];
      report(
        problemAt(
          at(where),
          error.code === 'MISSING_CHAR'
            ? knownPrefix(pathAtOffset(doc, where))
            : path,
          `YAML syntax: ${yamlMessage(error.message)}${
            hint ? ` — ${hint}` : ''
          }`,
          'syntax',
        ),
      );
    }
  }
  // Tags: an unquoted "!token" is read by YAML as a tag and silently dropped.
  for (const warning of doc.warnings.slice(0, MAX_REPORTED_PROBLEMS + 1)) {
    const offset = warning.pos?.[0] ?? 0;
    const path = pathAtOffset(doc, offset);
    const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1];
    if (
      warning.code === 'TAG_RESOLVE_FAILED' &&
      tag &&
      /^![A-Za-z_][\w.]*$/.test(tag)
    ) {
      report(
        problemAt(
          at(offset),
          path,
          `unquoted token: YAML reads ${tag} as a tag and drops the value — write "${tag}" in quotes`,
          'token',
        ),
      );
    } else if (warning.code === 'TAG_RESOLVE_FAILED') {
      report(
        problemAt(
          at(offset),
          path,
          `YAML tag ${
            tag ?? ''
          } is not supported in container.yaml — write a plain value (quote it when it starts with !)`,
          'syntax',
        ),
      );
    } else {
      report(
        problemAt(
          at(offset),
          path,
          `YAML: ${yamlMessage(warning.message)}`,
          'syntax',
          'warning',
        ),
      );
    }
  }
  // A duplicate key leaves a whole document behind (the later value wins), so the schema can
  // still report the file's other problems; any other syntax error stops here.
  if (
    problems.some(p => p.severity === 'error' && p.rule !== 'duplicate-key')
  ) {
    return finish(problems);
  }

  // 2. Size once aliases are expanded, nesting depth.
  const measured = measure(doc);
  if (
    measured.cyclic ||
    (measured.aliases > 0 && measured.nodes > MAX_EXPANDED_NODES)
  ) {
    return finish([
      ...problems,
      problemAt(
        at(firstAliasOffset(doc)),
        [],
        measured.cyclic
          ? 'an alias refers to the node that contains it — remove the recursive alias'
          : `aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString(
              'en-US',
            )} values (an alias-expansion bomb) — write the values out or use fewer aliases`,
        'alias-bomb',
      ),
    ]);
  }
  if (measured.depth > MAX_DEPTH && measured.tooDeepAt !== undefined) {
    return finish([
      ...problems,
      problemAt(
        at(measured.tooDeepAt),
        knownPrefix(pathAtOffset(doc, measured.tooDeepAt)),
        `nested more than ${MAX_DEPTH} levels deep here — a container.yaml needs a few levels at most`,
        'too-large',
      ),
    ]);
  }
  if (measured.depth > MAX_DEPTH || measured.nodes > MAX_EXPANDED_NODES) {
    return whole(
      measured.depth > MAX_DEPTH
        ? `nested more than ${MAX_DEPTH} levels deep — a container.yaml needs a few levels at most`
        : `holds more than ${MAX_EXPANDED_NODES.toLocaleString(
            'en-US',
          )} values — a container.yaml describes one image`,
      'too-large',
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (
      /alias/i.test(message) &&
      /resource exhaustion|excessive/i.test(message)
    ) {
      return finish([
        ...problems,
        problemAt(
          at(firstAliasOffset(doc)),
          [],
          `aliases are expanded more than ${MAX_ALIAS_COUNT} times (an alias-expansion bomb) — write the values out or use fewer aliases`,
          'alias-bomb',
        ),
      ]);
    }
    if (/unresolved alias/i.test(message)) {
      const offset = firstAliasOffset(doc, alias => !alias.resolve(doc));
      const name = /:\s*(\S+)\s*$/.exec(yamlMessage(message))?.[1] ?? 'name';
      return finish([
        ...problems,
        problemAt(
          at(offset),
          knownPrefix(pathAtOffset(doc, offset)),
          `YAML syntax: alias *${name} has no anchor — define &${name} on an earlier value, or write the value out`,
          'syntax',
        ),
      ]);
    }
    return finish([
      ...problems,
      problemAt(
        at(0),
        [],
        `cannot be read as YAML: ${yamlMessage(message)}`,
        'syntax',
      ),
    ]);
  }

  if (data === null || data === undefined) {
    return whole(
      'the file is empty — a container.yaml is a mapping with at least name, slug, summary, maintainers and version (see docs/reference/container-yaml.md)',
      'schema',
    );
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return finish([
      ...problems,
      problemAt(
        at(
          isNode(doc.contents) && doc.contents.range
            ? doc.contents.range[0]
            : 0,
        ),
        [],
        `must be a mapping of fields (name: …, slug: …, version: …), not ${
          Array.isArray(data) ? 'a list' : 'a single value'
        }`,
        'schema',
      ),
    ]);
  }

  // 3. Schema, tokens, the schema again over the resolved container.
  const locate = createLocator(yaml);
  const checked = checkValue(data);
  if ('issues' in checked) {
    return finish([
      ...problems,
      ...issuesToProblems(
        checked.issues,
        {
          locate,
          sourceText: path => sourceTextAt(yaml, path),
          afterTokens: checked.afterTokens,
        },
        MAX_REPORTED_PROBLEMS + 1 - problems.length,
      ),
    ]);
  }
  if ('tokenProblems' in checked) {
    return finish([
      ...problems,
      ...checked.tokenProblems.map(p =>
        problemAt(locate(p.path), p.path, p.message, p.rule),
      ),
    ]);
  }

  // 4. The folder, then the lint rules.
  problems.push(...folderAndLintProblems(checked, options, locate));
  if (problems.some(p => p.rule === 'duplicate-key')) {
    // Which of two values was meant is a guess: no container, so nothing is built from it.
    return finish(problems);
  }
  return finish(problems, checked.container, checked.resolved);
}

/** What the schema makes of a plain value, then of it with its tokens resolved. */
type CheckedValue =
  | { issues: readonly z.core.$ZodIssue[]; afterTokens: boolean }
  | { tokenProblems: ContainerTokenProblem[] }
  | { container: ContainerSpec; resolved: ContainerSpec };

function checkValue(data: unknown): CheckedValue {
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

/** The slug against its folder, then the lint rules (errors and warnings). */
function folderAndLintProblems(
  {
    container,
    resolved,
  }: { container: ContainerSpec; resolved: ContainerSpec },
  options: ParseContainerYamlOptions,
  locate: ContainerLocator,
): ContainerProblem[] {
  const problems: ContainerProblem[] = [];
  if (
    options.folderName !== undefined &&
    container.slug !== options.folderName
  ) {
    problems.push(
      problemAt(
        locate(['slug']),
        ['slug'],
        `slug "${container.slug}" differs from its folder "${options.folderName}" — the slug is the folder's name: rename the folder or set slug: ${options.folderName}`,
        'slug-folder',
      ),
    );
  }
  problems.push(...lintResolved(resolved, locate));
  return problems;
}

/**
 * Parses and checks one container.yaml: syntax, duplicate keys, size, alias bombs, the schema,
 * tokens, the slug against its folder, and the lint rules. Never throws: every failure is a
 * problem with file, line, column, field path and a message a person can act on.
 *
 * A file without any problem (most files, most of the time) is read by a fast path; any problem
 * sends the file through the precise, position-keeping path, which gives the same result for a
 * clean file and places every problem.
 */
export function parseContainerYaml(
  text: string,
  options: ParseContainerYamlOptions,
): ContainerParseResult {
  return (
    parseWithoutPositions(text, options) ?? parseWithPositions(text, options)
  );
}

/**
 * The fast path alone: js-yaml reads the file without positions and the same checks run on its
 * value (about a fifth of the precise path's time). It answers only for a small file with no
 * problem at all, not even a warning — a problem needs the line and column only the precise path
 * knows — and otherwise returns undefined. Exported for the tests that hold the two paths to the
 * same results.
 */
export function parseWithoutPositions(
  text: string,
  options: ParseContainerYamlOptions,
): ContainerParseResult | undefined {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_CONTAINER_YAML_BYTES;
  if (
    typeof text !== 'string' ||
    text.length > Math.min(FAST_PATH_MAX_CHARS, maxBytes / 3) ||
    NOT_TEXT.test(text)
  ) {
    return undefined;
  }
  const data = readPlainMapping(text);
  if (!data) {
    return undefined;
  }
  try {
    const checked = checkValue(data);
    // Whether there is a problem is all this path needs to know, not where it is.
    const nowhere: ContainerLocator = () => ({
      file: fileOf(options),
      line: 0,
      column: 0,
    });
    if (
      !('resolved' in checked) ||
      folderAndLintProblems(checked, options, nowhere).length > 0
    ) {
      return undefined;
    }
    return finish([], checked.container, checked.resolved);
  } catch {
    return undefined; // whatever it is, the precise path reports it
  }
}

/** The precise path alone: every check, every problem placed (exported for tests). */
export function parseWithPositions(
  text: string,
  options: ParseContainerYamlOptions,
): ContainerParseResult {
  const file = fileOf(options);
  try {
    return parseUnsafe(text, { ...options, file });
  } catch (e) {
    let reason = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError) {
      reason = 'it is nested too deeply';
    }
    return finish([
      wholeFileProblem(
        file,
        `cannot be read: ${reason} — check that it is a container.yaml (see docs/reference/container-yaml.md)`,
        'syntax',
      ),
    ]);
  }
}

function fileOf(options: ParseContainerYamlOptions | undefined): string {
  return typeof options?.file === 'string' ? options.file : '<container.yaml>';
}
