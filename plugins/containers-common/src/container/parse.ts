import {
  wholeFileProblem,
  type ContainerLocator,
  type ContainerParseResult,
} from './problems';
import { MAX_REPORTED_PROBLEMS } from './messages';
import { readPlainMapping } from './plainYaml';
import { DEFAULT_MAX_CONTAINER_YAML_BYTES } from './parse/constants';
import { finish, stoppedAt } from './parse/result';
import { fileSizeProblem, limitsStop } from './parse/limits';
import { readYaml } from './parse/yamlDocument';
import { NOT_TEXT, syntaxProblems, syntaxStops } from './parse/syntax';
import { readValue } from './parse/value';
import { checkValue, isChecked, schemaProblems } from './parse/schemaStep';
import { folderAndLintProblems } from './parse/folderAndLint';
import { createLocator } from './parse/yamlNodes';

/**
 * Files up to this many characters may take the fast path. A value takes at least one character,
 * so such a file cannot hold more than MAX_EXPANDED_NODES values (the precise path's limit).
 */
const FAST_PATH_MAX_CHARS = 64 * 1024;

/**
 * Options of {@link parseContainerYaml}.
 *
 * @public
 */
export interface ParseContainerYamlOptions {
  /** The file name used in problems (as the user should see it). */
  file: string;
  /** The container folder's name; `slug` must equal it when given. */
  folderName?: string;
  /** Larger files are refused; default 256 KiB. */
  maxBytes?: number;
}

/**
 * The precise path: syntax → limits → value → schema → folder and lint, each step in its own file
 * under parse/. A step hands the next what it made, or ends the parse with its problems. What no
 * step foresaw may throw: {@link parseWithPositions} makes a problem of it.
 */
function parseUnsafe(
  source: string,
  options: ParseContainerYamlOptions,
): ContainerParseResult {
  const { file } = options;
  if (typeof source !== 'string') {
    // A JavaScript caller may pass anything, whatever the type says.
    const message = 'is not text — a container.yaml is a UTF-8 YAML file';
    return finish([wholeFileProblem(file, message, 'syntax')]);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONTAINER_YAML_BYTES;
  const tooLarge = fileSizeProblem(source, file, maxBytes);
  if (tooLarge) {
    return finish([tooLarge]);
  }

  const yaml = readYaml(source, file);
  const problems = syntaxProblems(yaml);
  if (syntaxStops(problems)) {
    return finish(problems);
  }
  const limit = limitsStop(yaml);
  if (limit) {
    return finish(stoppedAt(problems, limit));
  }
  const value = readValue(yaml);
  if ('problem' in value) {
    return finish(stoppedAt(problems, value));
  }
  const locate = createLocator(yaml);
  const checked = checkValue(value.data);
  if (!isChecked(checked)) {
    const budget = MAX_REPORTED_PROBLEMS + 1 - problems.length;
    return finish([
      ...problems,
      ...schemaProblems(checked, yaml, locate, budget),
    ]);
  }
  problems.push(...folderAndLintProblems(checked, options.folderName, locate));
  if (problems.some(p => p.rule === 'duplicate-key')) {
    // Which of two values was meant is a guess: no container, so nothing is built from it.
    return finish(problems);
  }
  return finish(problems, checked.container, checked.resolved);
}

/**
 * Parses and checks one container.yaml: syntax, duplicate keys, size, alias bombs, the schema,
 * tokens, the slug against its folder, and the lint rules. Never throws: every failure is a
 * problem with file, line, column, field path and a message a person can act on.
 *
 * A file without any problem (most files, most of the time) is read by a fast path; any problem
 * sends the file through the precise, position-keeping path, which gives the same result for a
 * clean file and places every problem.
 *
 * @public
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
      !isChecked(checked) ||
      folderAndLintProblems(checked, options.folderName, nowhere).length > 0
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
