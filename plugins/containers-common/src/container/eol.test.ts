import { parseContainerYaml, type ContainerParseResult } from '.';
import { containerJsonSchema } from './jsonSchema';

const HEAD = `name: PostgreSQL
slug: postgresql
summary: PostgreSQL for the metastore.
maintainers:
  - name: Team
    email: team@example.com
`;

/** A container.yaml whose version block ends with `eol` (indented under version:). */
function file(eol: string, current = '"17.6"') {
  return `${HEAD}version:
  strategy: docker-tags
  current: ${current}
  source:
    image: docker.io/library/postgres
  eol:
${eol.replace(/^(?=.)/gm, '    ')}`;
}

function problems(result: ContainerParseResult): string[] {
  return result.problems.map(
    p => `${p.severity} ${p.line}:${p.column} ${p.path} ${p.message}`,
  );
}

const parse = (text: string) =>
  parseContainerYaml(text, { file: 'containers/postgresql/container.yaml' });

describe('version.eol', () => {
  it('is optional: a file without it is unchanged', () => {
    const result = parse(
      `${HEAD}version:\n  strategy: manual\n  current: "1.0"\n`,
    );
    expect(problems(result)).toEqual([]);
    expect(result.container?.version.eol).toBeUndefined();
  });

  it('takes a product, and a cycle when it cannot be derived from current', () => {
    const withCycle = parse(file('product: postgresql\ncycle: "17"\n'));
    expect(problems(withCycle)).toEqual([]);
    expect(withCycle.resolved?.version.eol).toEqual({
      product: 'postgresql',
      cycle: '17',
    });
    const derived = parse(file('product: postgresql\n'));
    expect(problems(derived)).toEqual([]);
    expect(derived.resolved?.version.eol).toEqual({ product: 'postgresql' });
    for (const cycle of ['3.12', '22.04', 'rhel-9', 'v1_2']) {
      expect(problems(parse(file(`product: x\ncycle: "${cycle}"\n`)))).toEqual(
        [],
      );
    }
  });

  it('takes a cycle written as a token, checked once resolved', () => {
    const result = parse(
      `${file('product: postgresql\ncycle: "!build.args.PG_MAJOR"\n')}build:
  args:
    PG_MAJOR: "17"
`,
    );
    expect(problems(result)).toEqual([]);
    expect(result.resolved?.version.eol?.cycle).toBe('17');
    const bad = parse(
      `${file('product: postgresql\ncycle: "!build.args.PG_MAJOR"\n')}build:
  args:
    PG_MAJOR: "17 or 18"
`,
    );
    expect(problems(bad).join('\n')).toMatch(
      /version\.eol\.cycle must be a release cycle as endoflife.date names it/,
    );
  });

  it('names the line and field of a missing product', () => {
    expect(problems(parse(file('cycle: "17"\n')))).toEqual([
      expect.stringMatching(
        /^error 12:3 version\.eol\.product required — the endoflife\.date product id/,
      ),
    ]);
  });

  it('refuses a product or cycle of the wrong shape, at its line', () => {
    expect(problems(parse(file('product: PostgreSQL\n')))).toEqual([
      expect.stringMatching(
        /^error 13:14 version\.eol\.product must be a name in lower case letters/,
      ),
    ]);
    expect(problems(parse(file('product: ../admin\n')))).toEqual([
      expect.stringMatching(/^error 13:14 version\.eol\.product must be/),
    ]);
    expect(
      problems(parse(file('product: postgresql\ncycle: "17/../x"\n'))),
    ).toEqual([
      expect.stringMatching(
        /^error 14:12 version\.eol\.cycle must be a release cycle as endoflife\.date names it/,
      ),
    ]);
    expect(problems(parse(file('product: postgresql\ncycle: 17\n')))).toEqual([
      expect.stringMatching(/^error 14:12 version\.eol\.cycle must be text/),
    ]);
  });

  it('refuses unknown keys, naming the ones it takes', () => {
    expect(
      problems(parse(file('product: postgresql\ndate: 2029-11-08\n'))),
    ).toEqual([
      'error 14:5 version.eol.date unknown field "date" — remove it, or use one of: product, cycle',
    ]);
  });

  it('refuses long values before any pattern runs on them', () => {
    const longCycle = `${'1.'.repeat(10_000)}x`;
    const started = Date.now();
    const result = parse(file(`product: postgresql\ncycle: "${longCycle}"\n`));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problems(result)).toEqual([
      expect.stringMatching(
        /version\.eol\.cycle must be at most 64 characters, not 20,001/,
      ),
    ]);
    expect(problems(parse(file(`product: ${'a'.repeat(101)}\n`)))).toEqual([
      expect.stringMatching(
        /version\.eol\.product must be at most 100 characters/,
      ),
    ]);
  });

  it('is described in the JSON Schema for editors', () => {
    const schema = containerJsonSchema() as any;
    const eol = schema.properties.version.properties.eol;
    expect(eol.required).toEqual(['product']);
    expect(Object.keys(eol.properties)).toEqual(['product', 'cycle']);
    expect(eol.additionalProperties).toBe(false);
  });
});
