import { readFileSync } from 'fs';
import path from 'path';
import Ajv from 'ajv';
import { stringifyError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';

/** The REST API's description: the source of truth for the router and the frontend client. */
const spec = parseYaml(
  readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

type Node = { [key: string]: unknown };
type Found = { at: string; node: Node };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null;

/** A JSON pointer segment (RFC 6901), so that a path such as /drift/refresh reads as one. */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every value in the document, with its JSON pointer. */
function* walk(
  node: unknown,
  at = '',
): Generator<{ at: string; value: unknown }> {
  yield { at, value: node };
  if (isNode(node)) {
    for (const [key, value] of Object.entries(node)) {
      yield* walk(value, `${at}/${segment(key)}`);
    }
  }
}

/**
 * The Schema Objects the document holds itself: each component schema and each `schema:` of a
 * parameter, header or media type. Their own subschemas are checked with them.
 */
function schemaObjects(node: unknown, at = ''): Found[] {
  if (!isNode(node)) {
    return [];
  }
  return Object.entries(node).flatMap(([key, value]) => {
    const here = `${at}/${segment(key)}`;
    if (at === '/components/schemas' || key === 'schema') {
      return isNode(value) ? [{ at: here, node: value }] : [];
    }
    return schemaObjects(value, here);
  });
}

/** The operations under paths, by method and path. */
function operations(): Array<{ at: string; operation: Node }> {
  return Object.entries(spec.paths as Node).flatMap(([route, item]) =>
    Object.entries(item as Node)
      .filter(([method]) =>
        ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(
          method,
        ),
      )
      .map(([method, operation]) => ({
        at: `${method} ${route}`,
        operation: operation as Node,
      })),
  );
}

describe('src/schema/openapi.yaml', () => {
  it('leaves no field without a value', () => {
    // In a flow mapping ({ type: string, description: … }) a comma ends the description, and
    // the rest of the sentence becomes a key of its own with no value.
    const empty = [...walk(spec)]
      .filter(({ value }) => value === null || value === undefined)
      .map(({ at }) => at);
    expect(empty).toEqual([]);
  });

  it('uses only the keywords a Schema Object knows', () => {
    // Ajv's strict mode refuses a keyword it does not know; it knows OpenAPI's nullable, and
    // OpenAPI 3.0 adds these few more to JSON Schema. Each schema is compiled on its own, references stubbed, so that a problem is
    // reported once, where it is written.
    const ajv = new Ajv({ strict: true, validateFormats: false });
    ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    const withoutReferences = (schema: Node): Node =>
      JSON.parse(JSON.stringify(schema), (_key, value) =>
        isNode(value) && typeof value.$ref === 'string' ? {} : value,
      );
    const problems = schemaObjects(spec).flatMap(({ at, node }) => {
      try {
        ajv.compile(withoutReferences(node));
        return [];
      } catch (error) {
        return [`${at}: ${stringifyError(error)}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it('points every $ref at something the document holds', () => {
    const resolves = (ref: string) =>
      ref.startsWith('#/') &&
      ref
        .slice(2)
        .split('/')
        .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>(
          (node, key) => (isNode(node) ? node[key] : undefined),
          spec,
        ) !== undefined;
    const dangling = [...walk(spec)]
      .filter(({ at }) => at.endsWith('/$ref'))
      .filter(({ value }) => typeof value !== 'string' || !resolves(value))
      .map(({ at, value }) => `${at}: ${value}`);
    expect(dangling).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary and a description', () => {
    const missing = operations().flatMap(({ at, operation }) =>
      ['operationId', 'summary', 'description']
        .filter(field => typeof operation[field] !== 'string')
        .map(field => `${at}: no ${field}`),
    );
    expect(missing).toEqual([]);
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids).toEqual([...new Set(ids)]);
  });
});
