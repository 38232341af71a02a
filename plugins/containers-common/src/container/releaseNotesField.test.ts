import { parseContainerYaml, type ContainerParseResult } from '.';
import { containerJsonSchema } from './jsonSchema';

const HEAD = `name: Trino
slug: trino
summary: Trino with the platform's connectors.
maintainers:
  - name: Team
    email: team@example.com
`;

/** A container.yaml whose version block ends with `lines` (indented under version:). */
function file(lines: string) {
  return `${HEAD}version:
  strategy: github-release
  current: "476"
  component: trino
  source:
    repo: trinodb/trino
${lines.replace(/^(?=.)/gm, '  ')}`;
}

function problems(result: ContainerParseResult): string[] {
  return result.problems.map(
    p => `${p.severity} ${p.line}:${p.column} ${p.path} ${p.message}`,
  );
}

const parse = (text: string) => parseContainerYaml(text, { file: 'x' });

describe('version.release_notes', () => {
  it('is optional, and takes an http(s) URL with {version}', () => {
    const result = parse(
      file(
        'release_notes: "https://trino.io/docs/current/release/release-{version}.html"\n',
      ),
    );
    expect(problems(result)).toEqual([]);
    expect(result.container?.version.release_notes).toBe(
      'https://trino.io/docs/current/release/release-{version}.html',
    );
    expect(problems(parse(file('')))).toEqual([]);
  });

  it('is an error at its line when it is not a URL template', () => {
    const at = (value: string) =>
      problems(parse(file(`release_notes: ${value}\n`)));
    expect(at('"javascript:alert({version})"')).toEqual([
      'error 13:18 version.release_notes must be an http(s) URL',
    ]);
    expect(at('"https://trino.io/docs/release-notes.html"')).toEqual([
      'error 13:18 version.release_notes must contain {version}, where each version goes, e.g. https://github.com/trinodb/trino/releases/tag/{version}',
    ]);
    expect(at('"https://{version}.example.com/notes"')).toEqual([
      'error 13:18 version.release_notes {version} may only stand in the path, query or fragment, not in the host',
    ]);
    expect(at('"https://example.com/{major}/{version}"')).toEqual([
      'error 13:18 version.release_notes {version} is the only placeholder: write other braces as %7B and %7D',
    ]);
    expect(at(`"https://example.com/${'x'.repeat(3000)}{version}"`)).toEqual([
      'error 13:18 version.release_notes must be at most 2,048 characters, not 3,029',
    ]);
    expect(at('[1, 2]')).toEqual([
      expect.stringMatching(
        /^error 13:3 version\.release_notes must be text, not a list/,
      ),
    ]);
  });

  it('resolves tokens, and checks the resolved value again', () => {
    const ok = parse(
      file(
        'release_notes: "https://github.com/!version.source.repo/releases/tag/{version}"\n',
      ),
    );
    expect(problems(ok)).toEqual([]);
    expect(ok.resolved?.version.release_notes).toBe(
      'https://github.com/trinodb/trino/releases/tag/{version}',
    );
    // A token never makes an invalid value valid: resolved, the template has no {version}.
    const bad = parse(
      file('release_notes: "https://github.com/!version.source.repo"\n'),
    );
    expect(problems(bad)).toEqual([
      expect.stringMatching(
        /^error 13:18 version\.release_notes .*must contain \{version\}/,
      ),
    ]);
  });

  it('is a field of every companion too', () => {
    const result = parse(
      file(`companions:
  - name: iceberg
    current: "1.6.1"
    strategy: maven
    source:
      package: org.apache.iceberg:iceberg-core
    release_notes: "https://iceberg.apache.org/releases/#{version}-release"
  - name: nessie
    current: "0.105.1"
    strategy: github-tag
    source:
      repo: projectnessie/nessie
    release_notes: "https://example.com/notes"
`),
    );
    expect(problems(result)).toEqual([
      'error 25:22 version.companions[1].release_notes must contain {version}, where each version goes, e.g. https://github.com/trinodb/trino/releases/tag/{version}',
    ]);
  });

  it('is kept on a companion', () => {
    const result = parse(
      file(`companions:
  - name: iceberg
    current: "1.6.1"
    strategy: maven
    source:
      package: org.apache.iceberg:iceberg-core
    release_notes: "https://iceberg.apache.org/releases/#{version}-release"
`),
    );
    expect(problems(result)).toEqual([]);
    expect(result.container?.version.companions?.[0].release_notes).toBe(
      'https://iceberg.apache.org/releases/#{version}-release',
    );
  });

  it('is described in the JSON Schema for editors', () => {
    const version = (containerJsonSchema() as any).properties.version;
    expect(version.properties.release_notes).toMatchObject({
      type: 'string',
      maxLength: 2048,
      description: expect.stringContaining('{version}'),
    });
    expect(
      version.properties.companions.items.properties.release_notes,
    ).toMatchObject({ type: 'string' });
  });
});
