import { isAlias, isMap, isNode, isPair, isSeq, type Document } from 'yaml';
import { knownPrefix } from '../fields';
import {
  wholeFileProblem,
  type ContainerParseResult,
  type ContainerProblem,
} from '../problems';
import {
  DEFAULT_MAX_CONTAINER_YAML_BYTES,
  MAX_DEPTH,
  MAX_EXPANDED_NODES,
} from './constants';
import { finish, problemAt, type StepStop } from './result';
import { positionAt, type YamlSource } from './yamlDocument';
import { firstAliasOffset, pathAtOffset } from './yamlNodes';

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
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

function tooLargeProblem(
  file: string,
  bytes: number,
  maxBytes: number,
): ContainerProblem {
  return wholeFileProblem(
    file,
    `the file is ${formatBytes(bytes)}, more than the ${formatBytes(
      maxBytes,
    )} a container.yaml may have — move long notes to the container's README.md`,
    'too-large',
  );
}

/**
 * The result for a file that is too large to read (also used by discovery, which never reads it).
 *
 * @public
 */
export function containerTooLarge(
  file: string,
  bytes: number,
  maxBytes: number = DEFAULT_MAX_CONTAINER_YAML_BYTES,
): ContainerParseResult {
  return finish([tooLargeProblem(file, bytes, maxBytes)]);
}

/** Before reading: a text of more than `maxBytes` in UTF-8 is refused whole. */
export function fileSizeProblem(
  text: string,
  file: string,
  maxBytes: number,
): ContainerProblem | undefined {
  // A character is at most 3 bytes (a surrogate pair, 2 characters, 4): most files need no count.
  if (text.length * 3 <= maxBytes) {
    return undefined;
  }
  const bytes = utf8Length(text);
  return bytes > maxBytes ? tooLargeProblem(file, bytes, maxBytes) : undefined;
}

/** The document's size with aliases expanded, and its nesting depth. */
export interface Measured {
  /** Nodes, counted up to a little past MAX_EXPANDED_NODES. */
  nodes: number;
  depth: number;
  aliases: number;
  /** An alias inside the node it refers to. */
  cyclic: boolean;
  /** Where nesting first goes past MAX_DEPTH (a source offset), when it does. */
  tooDeepAt?: number;
}

/** Counts nodes with aliases expanded, and the nesting depth; stops early past the limits. */
export function measure(doc: Document.Parsed): Measured {
  const sizes = new Map<unknown, number>();
  const visiting = new Set<unknown>();
  const measured: Measured = { nodes: 0, depth: 0, aliases: 0, cyclic: false };
  const size = (node: unknown, depth: number): number => {
    measured.depth = Math.max(measured.depth, depth);
    if (depth > MAX_DEPTH || measured.cyclic) {
      if (
        depth > MAX_DEPTH &&
        measured.tooDeepAt === undefined &&
        isNode(node)
      ) {
        measured.tooDeepAt = node.range?.[0];
      }
      return MAX_EXPANDED_NODES + 1;
    }
    if (isAlias(node)) {
      measured.aliases++;
      const target = node.resolve(doc);
      return target ? size(target, depth) : 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(node)) {
      measured.cyclic = true;
      return MAX_EXPANDED_NODES + 1;
    }
    visiting.add(node);
    // Past the limit, the rest cannot make the file acceptable: stop counting.
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
  measured.nodes = size(doc.contents, 0);
  return measured;
}

/**
 * The second step: the document's size once aliases are expanded, and its nesting depth. An alias
 * bomb or a recursive alias is reported at the first alias, nesting where it goes too deep; a file
 * too large to look at in any other way is refused whole.
 */
export function limitsStop(yaml: YamlSource): StepStop | undefined {
  const { doc } = yaml;
  const measured = measure(doc);
  const values = MAX_EXPANDED_NODES.toLocaleString('en-US');
  if (
    measured.cyclic ||
    (measured.aliases > 0 && measured.nodes > MAX_EXPANDED_NODES)
  ) {
    const problem = problemAt(
      positionAt(yaml, firstAliasOffset(doc)),
      [],
      measured.cyclic
        ? 'an alias refers to the node that contains it — remove the recursive alias'
        : `aliases expand to more than ${values} values (an alias-expansion bomb) — write the values out or use fewer aliases`,
      'alias-bomb',
    );
    return { problem };
  }
  if (measured.depth > MAX_DEPTH && measured.tooDeepAt !== undefined) {
    const problem = problemAt(
      positionAt(yaml, measured.tooDeepAt),
      knownPrefix(pathAtOffset(doc, measured.tooDeepAt)),
      `nested more than ${MAX_DEPTH} levels deep here — a container.yaml needs a few levels at most`,
      'too-large',
    );
    return { problem };
  }
  if (measured.depth > MAX_DEPTH || measured.nodes > MAX_EXPANDED_NODES) {
    const problem = wholeFileProblem(
      yaml.file,
      measured.depth > MAX_DEPTH
        ? `nested more than ${MAX_DEPTH} levels deep — a container.yaml needs a few levels at most`
        : `holds more than ${values} values — a container.yaml describes one image`,
      'too-large',
    );
    return { problem, alone: true };
  }
  return undefined;
}
