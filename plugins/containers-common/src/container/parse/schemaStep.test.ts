import { checkValue, isChecked, schemaProblems } from './schemaStep';
import { readYaml } from './yamlDocument';
import { createLocator } from './yamlNodes';

const MINIMAL = `name: "Example"
slug: example
summary: "Example image."
maintainers:
  - name: Team
    email: team@example.com
version:
  strategy: manual
  current: "1.2.3"
`;

/** The schema step as the pipeline runs it: the value, then its problems placed in the file. */
function check(text: string, limit = 101) {
  const yaml = readYaml(text, 'c.yaml');
  const checked = checkValue(yaml.doc.toJS());
  if (isChecked(checked)) {
    return { checked, problems: [] };
  }
  const problems = schemaProblems(checked, yaml, createLocator(yaml), limit);
  return {
    checked,
    problems: problems.map(
      p => `${p.line}:${p.column} ${p.path} ${p.rule} ${p.message}`,
    ),
  };
}

describe('checkValue', () => {
  it('gives the container as written and with its tokens resolved', () => {
    const { checked } = check(
      `${MINIMAL}publish:\n  image: ghcr.io/example/example\n  tags: ["!version.current"]\n`,
    );
    expect(isChecked(checked)).toBe(true);
    expect(checked).toMatchObject({
      container: { publish: { tags: ['!version.current'] } },
      resolved: { publish: { tags: ['1.2.3'] } },
    });
  });

  it('gives the issues of the value as written', () => {
    expect(checkValue({ name: 'x' })).toMatchObject({
      afterTokens: false,
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ['slug'] }),
      ]),
    });
  });

  it('gives the token problems before looking at resolved values', () => {
    expect(
      checkValue({
        ...(readYaml(MINIMAL, 'c.yaml').doc.toJS() as object),
        links: { homepage: '!nothing' },
      }),
    ).toMatchObject({
      tokenProblems: [expect.objectContaining({ path: ['links', 'homepage'] })],
    });
  });

  it('checks the resolved container again', () => {
    const text = `${MINIMAL.replace(
      '"1.2.3"',
      '"javascript:alert(1)"',
    )}links:\n  homepage: "!version.current"\n`;
    expect(check(text).checked).toMatchObject({ afterTokens: true });
  });
});

describe('schemaProblems', () => {
  it('places an issue at its value', () => {
    expect(
      check(MINIMAL.replace('slug: example', 'slug: Example')).problems,
    ).toEqual([expect.stringMatching(/^2:7 slug schema must be lower case/)]);
  });

  it('places a token problem at its value', () => {
    expect(
      check(`${MINIMAL}links:\n  homepage: "!nothing"\n`).problems,
    ).toEqual([
      expect.stringMatching(
        /^11:13 links\.homepage token token !nothing names no field/,
      ),
    ]);
  });

  it('says an issue comes from a resolved token', () => {
    const text = `${MINIMAL.replace(
      '"1.2.3"',
      '"javascript:alert(1)"',
    )}links:\n  homepage: "!version.current"\n`;
    expect(check(text).problems).toEqual([
      expect.stringContaining(
        '(after resolving tokens: "javascript:alert(1)")',
      ),
    ]);
  });

  it('quotes the value as written when YAML changed it', () => {
    expect(check(MINIMAL.replace('"1.2.3"', '4.10')).problems).toEqual([
      expect.stringContaining('4.10'),
    ]);
  });

  it('reports at most `limit` issues', () => {
    const unknown = Array.from({ length: 20 }, (_, i) => `unknown_${i}: 1`);
    const text = `${MINIMAL}${unknown.join('\n')}\n`;
    expect(check(text, 5).problems).toHaveLength(5);
  });
});
