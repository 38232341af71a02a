import {
  formatContainerPath,
  type ContainerPath,
} from '@dockyard/plugin-containers-common';
import { CST, LineCounter, parse as parseYaml, Parser } from 'yaml';

/**
 * One scalar of container.yaml to set: the field, as container.yaml's keys and list indexes
 * name it (`['version', 'current']`, `['build', 'args', 'ICEBERG_VERSION']`), and its new text.
 *
 * @public
 */
export interface ContainerPin {
  path: ContainerPath;
  value: string;
}

/**
 * A pin that cannot be applied to the file as written; names the line and column.
 *
 * @public
 */
export class ContainerEditError extends Error {
  name = 'ContainerEditError';

  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

interface FoundValue {
  token: CST.Token;
  /** Inside `{…}` or `[…]`, where `,` `[` `]` `{` `}` end a plain scalar. */
  inFlow: boolean;
  /** A mapping's value (not a list item). */
  afterKey: boolean;
}

const BLOCK_SCALAR_TYPES = new Set(['BLOCK_LITERAL', 'BLOCK_FOLDED']);

function keyText(key: CST.Token | null | undefined): string | undefined {
  return key && CST.isScalar(key) ? CST.resolveAsScalar(key)?.value : undefined;
}

function isMapping(
  token: CST.Token,
): token is CST.BlockMap | CST.FlowCollection {
  return (
    token.type === 'block-map' ||
    (token.type === 'flow-collection' && token.start.source === '{')
  );
}

function isSequence(
  token: CST.Token,
): token is CST.BlockSequence | CST.FlowCollection {
  return (
    token.type === 'block-seq' ||
    (token.type === 'flow-collection' && token.start.source === '[')
  );
}

/** The value token at `path`, or undefined when the file does not write that field. */
function findValue(
  root: CST.Token | undefined,
  path: ContainerPath,
): FoundValue | undefined {
  let found: FoundValue | undefined = root
    ? { token: root, inFlow: false, afterKey: false }
    : undefined;
  for (const segment of path) {
    if (!found) return undefined;
    const { token } = found;
    const inFlow = found.inFlow || token.type === 'flow-collection';
    let value: CST.Token | undefined;
    if (isMapping(token) && typeof segment === 'string') {
      // The last of duplicate keys wins in YAML; the parser refuses such files anyway.
      const items = token.items.filter(item => keyText(item.key) === segment);
      value = items[items.length - 1]?.value;
      found = value ? { token: value, inFlow, afterKey: true } : undefined;
    } else if (isSequence(token) && typeof segment === 'number') {
      value = token.items[segment]?.value;
      found = value ? { token: value, inFlow, afterKey: false } : undefined;
    } else {
      return undefined;
    }
  }
  return found;
}

/**
 * Whether `value` written as a plain scalar reads back as the same string, under YAML 1.2 (this
 * project's readers) and YAML 1.1 (PyYAML and older tools, where `3.10` is a float and `yes` a
 * boolean).
 */
function readsAsPlainString(value: string, inFlow: boolean): boolean {
  const text = inFlow ? `[${value}]` : value;
  return (['1.1', '1.2'] as const).every(version => {
    try {
      const read = parseYaml(text, { version, logLevel: 'silent' });
      return (inFlow ? (read as unknown[])?.[0] : read) === value;
    } catch {
      return false;
    }
  });
}

/**
 * Sets scalars of a YAML file in place through the `yaml` library's concrete syntax tree: only
 * the pinned scalars change; comments, key order, quoting style, indentation, blank lines, line
 * endings (LF or CRLF), a byte-order mark and the final newline (or its absence) stay byte for
 * byte. A quoted scalar keeps its quotes; a plain one stays plain unless the new text would read
 * as something else than that string (`3.10`, `true`), then it is double-quoted; a block scalar
 * (`|`) becomes a double-quoted one, since a version is one line.
 *
 * Throws {@link ContainerEditError} when a field is not written in the file, is not a scalar,
 * or is a YAML alias (`*anchor`), whose edit would change other fields too.
 *
 * @public
 */
export function editContainerYaml(text: string, pins: ContainerPin[]): string {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const documents = tokens.filter(
    (t): t is CST.Document => t.type === 'document',
  );
  if (documents.length !== 1) {
    throw new ContainerEditError(
      `expected one YAML document, found ${documents.length}`,
    );
  }
  const where = (token: CST.Token) => {
    const { line, col } = lines.linePos(token.offset);
    return [line, col] as const;
  };
  for (const pin of pins) {
    const field = formatContainerPath(pin.path);
    const found = findValue(documents[0].value, pin.path);
    if (!found) {
      throw new ContainerEditError(`${field} is not written in the file`);
    }
    const { token } = found;
    if (token.type === 'alias') {
      throw new ContainerEditError(
        `${field} is a YAML alias (${token.source}): change it where its anchor is, by hand`,
        ...where(token),
      );
    }
    if (!CST.isScalar(token)) {
      throw new ContainerEditError(
        `${field} is not a single value (it is a ${
          isSequence(token) ? 'list' : 'mapping'
        })`,
        ...where(token),
      );
    }
    const before = CST.resolveAsScalar(token);
    let type = before?.type ?? 'PLAIN';
    if (BLOCK_SCALAR_TYPES.has(type)) type = 'QUOTE_DOUBLE';
    if (type === 'PLAIN' && !readsAsPlainString(pin.value, found.inFlow)) {
      type = 'QUOTE_DOUBLE';
    }
    CST.setScalarValue(token, pin.value, {
      afterKey: found.afterKey,
      inFlow: found.inFlow,
      type,
    });
    const after = CST.resolveAsScalar(token);
    if (after?.value !== pin.value) {
      throw new ContainerEditError(
        `${field} cannot be written as ${JSON.stringify(pin.value)}`,
        ...where(token),
      );
    }
  }
  return tokens.map(token => CST.stringify(token)).join('');
}

/** The value written at `path` in a parsed container (before tokens are resolved). */
export function valueAt(root: unknown, path: ContainerPath): unknown {
  let node = root;
  for (const segment of path) {
    if (
      node === null ||
      typeof node !== 'object' ||
      !Object.prototype.hasOwnProperty.call(node, segment)
    ) {
      return undefined;
    }
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
