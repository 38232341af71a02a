import {
  formatContainerPath,
  type ContainerPath,
} from '@dockyard/plugin-containers-common';
import { ContainerEditError, valueAt } from './yamlEdit';

// The token syntax of containers-common's tokens.ts: `!` and a dotted field path.
const WHOLE_TOKEN = /^!([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
const TOKEN_INSIDE = /![A-Za-z_]/;
/** Token hops followed at most (the parser refuses cycles; this bounds a hostile chain). */
const MAX_HOPS = 32;

/**
 * Where a field's value is written, and the text written there.
 *
 * @public
 */
export interface PinTarget {
  path: ContainerPath;
  /** The text at `path`, tokens unresolved. */
  raw: string;
  /** `raw` holds a token inside a longer string (`constraints-!version.current`). */
  composed: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys of the field a token's dotted path names, consuming every name; keys may contain dots
 * themselves (`org.opencontainers.image.version`), so the longest key is tried first, as the
 * token resolver does.
 */
function fieldKeys(
  node: unknown,
  names: string[],
  index = 0,
): string[] | undefined {
  if (index === names.length) return [];
  if (!isRecord(node)) return undefined;
  for (let end = names.length; end > index; end--) {
    const key = names.slice(index, end).join('.');
    if (Object.prototype.hasOwnProperty.call(node, key)) {
      const rest = fieldKeys(node[key], names, end);
      if (rest) return [key, ...rest];
    }
  }
  return undefined;
}

/**
 * Where the value of `path` is written in a container (the parser's `container`, tokens
 * unresolved): the field itself, or, when it holds a whole-string token such as
 * `"!build.args.ICEBERG_VERSION"`, the field that token names, followed to the end. Editing that
 * field changes every field that refers to it, which is what the token says.
 *
 * @public
 */
export function pinTarget(container: object, path: ContainerPath): PinTarget {
  let current: ContainerPath = path;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const raw = valueAt(container, current);
    if (typeof raw !== 'string') {
      throw new ContainerEditError(
        `${formatContainerPath(current)} is not text${
          current === path
            ? ''
            : ` (followed from ${formatContainerPath(path)})`
        }`,
      );
    }
    const token = WHOLE_TOKEN.exec(raw);
    const keys = token ? fieldKeys(container, token[1].split('.')) : undefined;
    if (!keys) {
      return { path: current, raw, composed: TOKEN_INSIDE.test(raw) };
    }
    current = keys;
  }
  throw new ContainerEditError(
    `${formatContainerPath(
      path,
    )}: tokens refer to each other more than ${MAX_HOPS} times`,
  );
}
