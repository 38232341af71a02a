import { inputIssueMessages } from './messages';
import { parseContainerYaml } from './parse';
import { containerSchema } from './schema';

describe('messages', () => {
  it('says a missing enum value is required, not "undefined"', () => {
    const result = parseContainerYaml(
      [
        'name: Trino',
        'slug: trino',
        'summary: Trino SQL engine.',
        'maintainers: [{ name: Data Platform, email: data@example.com }]',
        'version:',
        '  current: "476"',
        '',
      ].join('\n'),
      { file: 'containers/trino/container.yaml', folderName: 'trino' },
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'version.strategy',
        line: 5,
        message: expect.stringMatching(
          /^required — how to find upstream releases: one of manual, github-release, /,
        ),
      }),
    ]);
  });

  it('words typed values like file values, without positions or YAML hints', () => {
    const parsed = containerSchema.shape.links.safeParse(
      { homepage: 42, source: 'ftp://x' },
      { reportInput: true },
    );
    expect(parsed.success || inputIssueMessages(parsed.error.issues)).toEqual([
      'homepage must be text, not the number 42',
      'source must be an http(s) URL',
    ]);
  });
});
