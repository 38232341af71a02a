import { isError } from '@backstage/errors';
import type { ContainerSpec } from './schema';

/**
 * The rule a problem comes from: a closed list, so a reader can switch on it.
 *
 * @public
 */
export type ContainerProblemRule =
  /** The file as a whole cannot be read (missing, not a file, a read error). */
  | 'unreadable'
  /** Over the size limit. */
  | 'too-large'
  /** Not YAML, or YAML the parser refuses (tags, several documents, not a mapping…). */
  | 'syntax'
  | 'duplicate-key'
  /** Aliases that expand past the limit, or recursive ones. */
  | 'alias-bomb'
  /** The value does not fit the schema. */
  | 'schema'
  | 'unknown-strategy'
  | 'token'
  | 'token-cycle'
  /** The slug is not the container's folder name. */
  | 'slug-folder'
  /** Lint rules of the Iceberg catalog decision and rollback notes. */
  | 'catalog-cloud-decision'
  | 'catalog-provider-rollback'
  /** A Dockerfile, context or test path the build cannot use. */
  | 'build-path'
  | 'base-image-digest'
  /** Another file (of this target or an earlier one) already has this slug. */
  | 'duplicate-slug'
  /** The last problem reported: the parser stopped looking. */
  | 'too-many-problems'
  /** A stand-in entity's problems annotation that is not the JSON the catalog module writes. */
  | 'unknown';

/**
 * One problem in a container.yaml: where it is, which field, what to do.
 *
 * @public
 */
export interface ContainerProblem {
  /** The file as given to the parser. */
  file: string;
  /** 1-based line of the offending key or value (0 when the position is unknown). */
  line: number;
  /** 1-based column of the offending key or value (0 when the position is unknown). */
  column: number;
  /** Field path: `version.source.repo`, `runtime.ports[0].container_port`, '' for the whole file. */
  path: string;
  /** What is wrong and what to do, e.g. "required — the upstream version this image packages". */
  message: string;
  severity: 'error' | 'warning';
  rule: ContainerProblemRule;
}

/**
 * An error about the file as a whole: line 1, column 1, no field.
 *
 * @public
 */
export function wholeFileProblem(
  file: string,
  message: string,
  rule: ContainerProblemRule,
): ContainerProblem {
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    message,
    severity: 'error',
    rule,
  };
}

/**
 * A file that cannot be read at all (missing, not a file, a read error), wherever it is read.
 *
 * @public
 */
export function unreadableFileProblem(
  file: string,
  error: unknown,
): ContainerProblem {
  // isError is duck-typed: a Node error from another realm (a worker, a test sandbox) is no
  // `instanceof Error`.
  const reason = isError(error) ? error.message : String(error);
  return wholeFileProblem(file, `cannot be read: ${reason}`, 'unreadable');
}

/**
 * The result of parsing one container.yaml.
 *
 * @public
 */
export interface ContainerParseResult {
  /** Present when syntax, schema and tokens are fine (lint problems, even errors, don't remove it). */
  container?: ContainerSpec;
  /** `container` with every "!token" resolved. */
  resolved?: ContainerSpec;
  /** Errors and warnings, sorted by line and column. */
  problems: ContainerProblem[];
  /** True when no problem has severity 'error'. */
  ok: boolean;
}

/**
 * A path into a container as a list of keys and indexes.
 *
 * @public
 */
export type ContainerPath = ReadonlyArray<string | number>;

/**
 * A position in a file.
 *
 * @public
 */
export interface ContainerLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * Finds where a field is written. `at: 'key'` asks for the key (`version:`), `'value'` for its
 * value; a path that is not in the file gives the nearest enclosing field that is.
 *
 * @public
 */
export type ContainerLocator = (
  path: ContainerPath,
  at?: 'key' | 'value',
) => ContainerLocation;

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Keys longer than this are shortened in paths (a hostile file's key may be 100 KB). */
const MAX_SHOWN_KEY = 64;

/**
 * `['runtime', 'ports', 0, 'container_port']` → `runtime.ports[0].container_port`.
 *
 * @public
 */
export function formatContainerPath(path: ContainerPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (segment.length > MAX_SHOWN_KEY) {
      out += `[${JSON.stringify(segment.slice(0, MAX_SHOWN_KEY - 4)).slice(
        0,
        -1,
      )}…"]`;
    } else if (SIMPLE_KEY.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/**
 * One problem as one line: `FILE:LINE:COLUMN FIELD MESSAGE`, FIELD `-` for the whole file;
 * warnings say so at the start of the message.
 *
 * @public
 */
export function formatProblem(p: ContainerProblem): string {
  const field = p.path === '' ? '-' : p.path;
  const message = p.message.replace(/\s*\n\s*/g, ' ');
  const severity = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}:${p.column} ${field} ${severity}${message}`;
}

function severityRank(p: ContainerProblem): number {
  return p.severity === 'error' ? 0 : 1;
}

/**
 * Sorts problems by line, then column, errors before warnings at the same place.
 *
 * @public
 */
export function sortProblems(problems: ContainerProblem[]): ContainerProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        a.p.line - b.p.line ||
        a.p.column - b.p.column ||
        severityRank(a.p) - severityRank(b.p) ||
        a.i - b.i,
    )
    .map(x => x.p);
}
