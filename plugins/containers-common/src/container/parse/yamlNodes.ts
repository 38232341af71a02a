import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { ContainerLocator, ContainerPath } from '../problems';
import { MAX_DEPTH } from './constants';
import { positionAt, type YamlSource } from './yamlDocument';

type Yaml = Document.Parsed;

/** A mapping key as the parsed value names it (undefined for a key that is not a scalar). */
export function keyName(key: unknown): string | undefined {
  if (isScalar(key)) {
    const value = key.value;
    return typeof value === 'symbol' ? undefined : String(value);
  }
  if (key === null || key === undefined) {
    return undefined;
  }
  return typeof key === 'object' ? undefined : String(key);
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

/** Where a path leads in the node tree. */
export interface Located {
  /** The key node (or the sequence item) of the deepest field found. */
  key?: YamlNode;
  /** Its value node. */
  value?: YamlNode | null;
  /** How many path segments were found. */
  found: number;
}

/** Walks the YAML node tree along a path, following aliases and merge keys. */
export function walkNodes(doc: Yaml, path: ContainerPath): Located {
  let node: unknown = doc.contents;
  const result: Located = { found: 0, value: doc.contents as YamlNode };
  for (const segment of path) {
    for (let hops = 0; isAlias(node) && hops < 10; hops++) {
      node = node.resolve(doc);
    }
    let next: { key: YamlNode; value: YamlNode | null } | undefined;
    if (isMap(node) && typeof segment === 'string') {
      next = findPair(doc, node, segment, 0);
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (isNode(item)) {
        next = { key: item, value: item };
      }
    }
    if (!next) {
      break;
    }
    result.key = next.key;
    result.value = next.value;
    result.found++;
    node = next.value;
  }
  return result;
}

function findPair(
  doc: Yaml,
  map: unknown,
  key: string,
  depth: number,
): { key: YamlNode; value: YamlNode | null } | undefined {
  if (!isMap(map) || depth > 5) {
    return undefined;
  }
  // The last occurrence wins, as in the parsed value.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (keyName(pair.key) === key && isNode(pair.key)) {
      return { key: pair.key, value: (pair.value as YamlNode) ?? null };
    }
  }
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const target = isAlias(source) ? source.resolve(doc) : source;
        const found = findPair(doc, target, key, depth + 1);
        if (found) {
          return found;
        }
      }
    }
  }
  return undefined;
}

/** The source text of the value at a path, when the file writes it there. */
export function sourceTextAt(
  yaml: YamlSource,
  path: ContainerPath,
): string | undefined {
  const { value, found } = walkNodes(yaml.doc, path);
  if (found !== path.length || !value || !value.range) {
    return undefined;
  }
  return yaml.text.slice(value.range[0], value.range[1]);
}

/** The offset of the first occurrence of the key at `path` (of a key written twice). */
export function firstKeyOffset(
  doc: Yaml,
  path: ContainerPath,
): number | undefined {
  const parent = walkNodes(doc, path.slice(0, -1));
  const map = path.length === 1 ? doc.contents : parent.value;
  const name = String(path[path.length - 1]);
  if (!isMap(map)) {
    return undefined;
  }
  const first = map.items.find(pair => keyName(pair.key) === name);
  return isNode(first?.key) ? first.key.range?.[0] : undefined;
}

/**
 * The offset of the first alias, in the file's order, that `matches` (every alias when not
 * given), or 0 when there is none. Aliases are not followed: each is written once.
 */
export function firstAliasOffset(
  doc: Yaml,
  matches: (alias: Alias) => boolean = () => true,
): number {
  let offset: number | undefined;
  const visit = (node: unknown, depth: number) => {
    if (offset !== undefined || depth > MAX_DEPTH) {
      return;
    }
    if (isAlias(node)) {
      if (matches(node)) {
        offset = node.range?.[0];
      }
    } else if (isMap(node)) {
      node.items.forEach(pair => {
        visit(pair.key, depth + 1);
        visit(pair.value, depth + 1);
      });
    } else if (isSeq(node)) {
      node.items.forEach(item => visit(item, depth + 1));
    }
  };
  visit(doc.contents, 0);
  return offset ?? 0;
}

/** The path of the deepest field whose key or value contains `offset`. */
export function pathAtOffset(doc: Yaml, offset: number): ContainerPath {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  const span = (n: unknown): [number, number] | undefined =>
    isNode(n) && n.range
      ? [n.range[0], Math.max(n.range[2], n.range[0] + 1)]
      : undefined;
  const within = (range: [number, number] | undefined) =>
    range !== undefined && range[0] <= offset && offset < range[1];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    let next: unknown;
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = keyName(pair.key);
        const keySpan = span(pair.key);
        const valueSpan = span(pair.value);
        if (name === undefined || !keySpan) {
          continue;
        }
        // From the key to the end of its value (a tag before the value belongs to it too).
        if (within([keySpan[0], valueSpan ? valueSpan[1] : keySpan[1]])) {
          path.push(name);
          if (within(valueSpan) && (isMap(pair.value) || isSeq(pair.value))) {
            next = pair.value;
          }
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (next === undefined && within(span(item))) {
          path.push(i);
          next = isMap(item) || isSeq(item) ? item : undefined;
        }
      });
    }
    if (next === undefined) {
      break;
    }
    node = next;
  }
  return path;
}

/** Finds where a field is written in the file (see {@link ContainerLocator}). */
export function createLocator(yaml: YamlSource): ContainerLocator {
  const { doc } = yaml;
  const at = (offset: number) => positionAt(yaml, offset);
  const start = (node: YamlNode | null | undefined) =>
    node && node.range ? node.range[0] : undefined;
  return (path, where = 'value') => {
    const located = walkNodes(doc, path);
    if (located.found === 0) {
      // The whole file, or a field missing at the top: point at the first key.
      const root = doc.contents;
      if (isMap(root) && root.items.length > 0 && isNode(root.items[0].key)) {
        return at(start(root.items[0].key as YamlNode) ?? 0);
      }
      return at(start(root as YamlNode) ?? 0);
    }
    const complete = located.found === path.length;
    const value = located.value;
    const emptyValue =
      !value ||
      (isScalar(value) &&
        value.value === null &&
        value.range?.[0] === value.range?.[1]);
    // A problem with a whole mapping or list points at its key.
    const collection = isMap(value) || isSeq(value);
    if (complete && where === 'value' && !emptyValue && !collection) {
      return at(start(value) ?? start(located.key) ?? 0);
    }
    return at(start(located.key) ?? 0);
  };
}
