import { parse } from 'yaml';
import { renderContainerYaml } from './renderContainerYaml';
import { TemplateError } from './renderText';
import { validInput } from './__testUtils__/fixtures';

const TEMPLATE = `# a comment that stays
name: \${{ values.name }}
slug: \${{ values.slug }}
summary: "\${{ values.summary }}"
version:
  strategy: manual
  current: "0"
  notes: keep me
publish:
  image: placeholder
`;

function render(template: string, name = 'Trino: SQL "engine"\nslug: evil') {
  const input = validInput({ name, summary: name });
  return renderContainerYaml(
    template,
    'container.yaml',
    {
      verbatim: { slug: input.slug },
      text: { name, summary: name },
      markdown: {},
    },
    input,
    'ghcr.io/example/iceberg-rest',
  );
}

describe('renderContainerYaml', () => {
  it('sets values as strings, keeps comments, and adds keys in reference order', () => {
    const text = render(TEMPLATE);
    expect(text.startsWith('# a comment that stays\n')).toBe(true);
    const data = parse(text);
    expect(data.name).toBe('Trino: SQL "engine"\nslug: evil');
    expect(data.summary).toBe(data.name);
    expect(Object.keys(data)).toEqual([
      'name',
      'slug',
      'summary',
      'owner',
      'version',
      'publish',
    ]);
    expect(data.version).toEqual({
      strategy: 'github-release',
      current: '1.10.0',
      source: { repo: 'apache/iceberg' },
      notes: 'keep me',
    });
    // A line break in free text is an escape on one line, not a new line of YAML.
    expect(text).toContain('name: "Trino: SQL \\"engine\\"\\nslug: evil"\n');
  });

  it('writes a numeric-looking version as a string', () => {
    const input = validInput({
      version: { strategy: 'manual', current: '476' },
    });
    const text = renderContainerYaml(
      TEMPLATE,
      'container.yaml',
      {
        verbatim: { slug: 'iceberg-rest' },
        text: { name: 'x', summary: 'y' },
        markdown: {},
      },
      input,
      'ghcr.io/x/y',
    );
    expect(parse(text).version.current).toBe('476');
    expect(parse(text).version.source).toBeUndefined();
  });

  it('refuses placeholders in keys, unknown values and broken YAML', () => {
    expect(() => render('${{ values.slug }}: x\n')).toThrow(
      'placeholders are not allowed in keys',
    );
    expect(() => render('name: ${{ values.secret }}\n')).toThrow(TemplateError);
    expect(() => render('name: [unclosed\n')).toThrow('not valid YAML');
    expect(() => render('- a list\n')).toThrow(
      'the top level must be a mapping',
    );
  });
});
