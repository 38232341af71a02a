import { z } from 'zod';
import { CONTAINER_FILE_NAME } from '../layout';
import { containerSchema } from './schema';

/**
 * Where the generated JSON Schema lives, relative to a container folder (for the modeline).
 *
 * @public
 */
export const CONTAINER_JSON_SCHEMA_MODELINE =
  '# yaml-language-server: $schema=../../plugins/containers-common/schema/container.schema.json';

/**
 * The JSON Schema (draft-07, what editors' YAML language servers read best) generated from the
 * zod schema. Checks the schema cannot express (per-strategy source fields, tokens, lint rules)
 * are only made by the parser.
 *
 * @public
 */
export function containerJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(containerSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'https://dockyard.io/schemas/container.schema.json',
    title: CONTAINER_FILE_NAME,
    ...rest,
    description:
      'A platform container: containers/<slug>/container.yaml. Reference: docs/reference/container-yaml.md. `dockyard validate` checks more than this schema (per-strategy source fields, tokens, catalog rules).',
  };
}
