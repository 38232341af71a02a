import fs from 'node:fs';
import path from 'node:path';
import { containerJsonSchema } from './jsonSchema';

const SCHEMA_FILE = path.resolve(
  __dirname,
  '../../schema/container.schema.json',
);

/** `yarn workspace @dockyard/plugin-containers-common generate-schema` rewrites the file. */
const writing =
  process.env.DOCKYARD_WRITE_SCHEMA === '1' ||
  (expect.getState() as { snapshotState?: { _updateSnapshot?: string } })
    .snapshotState?._updateSnapshot === 'all';

describe('schema/container.schema.json', () => {
  const generated = `${JSON.stringify(containerJsonSchema(), null, 2)}\n`;

  it('is the JSON Schema generated from the zod schema', () => {
    if (writing) {
      fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
      fs.writeFileSync(SCHEMA_FILE, generated);
    }
    const committed = fs.existsSync(SCHEMA_FILE)
      ? fs.readFileSync(SCHEMA_FILE, 'utf8')
      : '';
    if (committed !== generated) {
      throw new Error(
        'plugins/containers-common/schema/container.schema.json is not the schema generated from src/container/schema.ts. ' +
          'Regenerate it with `yarn workspace @dockyard/plugin-containers-common generate-schema` and commit the result.',
      );
    }
    expect(committed).toBe(generated);
  });

  it('describes the fields editors complete', () => {
    const schema = JSON.parse(generated);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'name',
        'slug',
        'summary',
        'maintainers',
        'version',
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.version.properties.strategy.enum).toContain(
      'github-release',
    );
    expect(schema.properties.version.properties.current.description).toBe(
      'the upstream version this image packages',
    );
  });

  it('accepts tokens where a shaped string is expected', () => {
    const schema = JSON.parse(generated);
    const pattern = new RegExp(
      schema.properties.publish.properties.image.pattern,
    );
    expect(pattern.test('ghcr.io/example/trino')).toBe(true);
    expect(pattern.test('ghcr.io/example/!slug')).toBe(true);
    expect(pattern.test('ghcr.io/Example/Trino:1')).toBe(false);
  });
});
