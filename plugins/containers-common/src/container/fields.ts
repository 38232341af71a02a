import { containerSchema, isShapedWithTokens } from './schema';
import type { ContainerPath } from './problems';

/** Zod internals we read to find a field's description and the keys allowed in an object. */
interface SchemaNode {
  description?: string;
  _zod: { def: Record<string, unknown> & { type: string } };
}

function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def;
    if (
      def.type === 'optional' ||
      def.type === 'nullable' ||
      def.type === 'default' ||
      def.type === 'readonly'
    ) {
      current = def.innerType as SchemaNode;
    } else if (def.type === 'pipe') {
      current = def.in as SchemaNode;
    } else {
      break;
    }
  }
  return current;
}

/** The schema of the field at `path`, if the schema has one. */
function schemaAt(path: ContainerPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = containerSchema as unknown as SchemaNode;
  for (const segment of path) {
    if (!node) {
      return undefined;
    }
    const def: SchemaNode['_zod']['def'] = unwrap(node)._zod.def;
    if (def.type === 'object') {
      const shape = def.shape as Record<string, SchemaNode>;
      node = Object.prototype.hasOwnProperty.call(shape, segment)
        ? shape[String(segment)]
        : undefined;
    } else if (def.type === 'array') {
      node = def.element as SchemaNode;
    } else if (def.type === 'record') {
      node = def.valueType as SchemaNode;
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * What the field at `path` is for ("the upstream version this image packages").
 *
 * @public
 */
export function describeField(path: ContainerPath): string | undefined {
  const node = schemaAt(path);
  if (!node) {
    return undefined;
  }
  return node.description ?? unwrap(node).description;
}

/** The keys allowed in the object at `path`. */
export function allowedKeys(path: ContainerPath): string[] {
  const node = schemaAt(path);
  if (!node) {
    return [];
  }
  const def = unwrap(node)._zod.def;
  return def.type === 'object'
    ? Object.keys(def.shape as Record<string, unknown>)
    : [];
}

/** Whether the schema has a field at `path` (whether or not a file sets it). */
export function isSchemaField(path: ContainerPath): boolean {
  return path.length > 0 && schemaAt(path) !== undefined;
}

/**
 * Whether the field at `path` has a shape (URL, image, tag, package…) and may be written with a
 * `!token`: once resolved it must hold no token, and it is checked against its shape.
 */
export function isShapedField(path: ContainerPath): boolean {
  const node = schemaAt(path);
  return node !== undefined && isShapedWithTokens(unwrap(node));
}

/** The longest prefix of `path` that the schema knows. */
export function knownPrefix(path: ContainerPath): ContainerPath {
  let end = path.length;
  while (end > 0 && !isSchemaField(path.slice(0, end))) {
    end--;
  }
  return path.slice(0, end);
}
