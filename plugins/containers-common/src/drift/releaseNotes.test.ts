/* eslint-disable no-script-url -- a script URL is what a template must not become */
import {
  boundReleaseBody,
  MAX_RELEASE_BODY_LENGTH,
  releaseHighlights,
  releaseNotesLink,
  releaseNotesTemplateProblem,
} from './releaseNotes';

describe('releaseNotesTemplateProblem', () => {
  it('accepts {version} in the path, query or fragment', () => {
    for (const template of [
      'https://github.com/trinodb/trino/releases/tag/{version}',
      'https://trino.io/docs/current/release/release-{version}.html',
      'https://example.com/notes?v={version}',
      'https://example.com/changelog#{version}',
      'http://example.com:8080/{version}/{version}.md',
    ]) {
      expect(releaseNotesTemplateProblem(template)).toBeUndefined();
    }
  });

  it('needs {version}, never in the host, and no other braces', () => {
    expect(releaseNotesTemplateProblem('https://example.com/notes')).toMatch(
      /^must contain \{version\}/,
    );
    expect(
      releaseNotesTemplateProblem('https://{version}.example.com/notes'),
    ).toMatch(/not in the host/);
    expect(releaseNotesTemplateProblem('https://ex{version}')).toMatch(
      /not in the host/,
    );
    expect(
      releaseNotesTemplateProblem('https://example.com/{major}/{version}'),
    ).toMatch(/only placeholder/);
    expect(
      releaseNotesTemplateProblem('https://example.com/{Version}'),
    ).toMatch(/must contain/);
  });
});

describe('releaseNotesLink', () => {
  it('puts the version in, URL-encoded', () => {
    expect(
      releaseNotesLink(
        'https://trino.io/docs/current/release/release-{version}.html',
        '479',
      ),
    ).toBe('https://trino.io/docs/current/release/release-479.html');
    expect(
      releaseNotesLink(
        'https://github.com/apache/hive/releases/tag/{version}',
        'rel/release-4.1.0',
      ),
    ).toBe('https://github.com/apache/hive/releases/tag/rel%2Frelease-4.1.0');
    expect(
      releaseNotesLink('https://example.com/{version}#{version}', 'a?b#c d'),
    ).toBe('https://example.com/a%3Fb%23c%20d#a%3Fb%23c%20d');
  });

  it('gives nothing for a template that is not one', () => {
    expect(
      releaseNotesLink('javascript:alert({version})', '1'),
    ).toBeUndefined();
    expect(releaseNotesLink('https://{version}/x', 'evil.com')).toBeUndefined();
    expect(releaseNotesLink('https://example.com/notes', '1')).toBeUndefined();
  });
});

describe('boundReleaseBody', () => {
  it('keeps a body within the bound as it is', () => {
    expect(boundReleaseBody('## Changes\n- one')).toEqual({
      body: '## Changes\n- one',
      truncated: false,
    });
  });

  it('cuts a longer one, never inside a surrogate pair', () => {
    const long = 'x'.repeat(MAX_RELEASE_BODY_LENGTH + 10);
    expect(boundReleaseBody(long).body).toHaveLength(MAX_RELEASE_BODY_LENGTH);
    expect(boundReleaseBody(long).truncated).toBe(true);
    const emoji = `${'x'.repeat(MAX_RELEASE_BODY_LENGTH - 1)}😀tail`;
    const cut = boundReleaseBody(emoji);
    expect(cut.body).toBe('x'.repeat(MAX_RELEASE_BODY_LENGTH - 1));
    expect(cut.truncated).toBe(true);
  });
});

describe('releaseHighlights', () => {
  const note = (body: string, name?: string) => ({
    version: '1.3.0',
    name,
    body,
  });

  it('flags breaking changes, deprecations, removals and security fixes', () => {
    expect(
      releaseHighlights('1.2.0', note('## Breaking changes\n- x')),
    ).toEqual(['breaking']);
    expect(
      releaseHighlights('1.2.0', note('The `foo` option is DEPRECATED.')),
    ).toEqual(['deprecation']);
    expect(
      releaseHighlights('1.2.0', note('Deprecation of the v1 API')),
    ).toEqual(['deprecation']);
    expect(
      releaseHighlights('1.2.0', note('Removed the legacy connector')),
    ).toEqual(['removal']);
    expect(
      releaseHighlights('1.2.0', note('Scheduled for removal in 2.0')),
    ).toEqual(['removal']);
    expect(
      releaseHighlights('1.2.0', note('We drop support for Java 11')),
    ).toEqual(['removal']);
    expect(releaseHighlights('1.2.0', note('Fixes CVE-2025-1234'))).toEqual([
      'security',
    ]);
    expect(releaseHighlights('1.2.0', note('', 'Security release'))).toEqual([
      'security',
    ]);
    expect(
      releaseHighlights(
        '1.2.0',
        note('Breaking: removed X, deprecated Y; fixes a vulnerability'),
      ),
    ).toEqual(['breaking', 'deprecation', 'removal', 'security']);
  });

  it('reads words only at their start, and not when negated', () => {
    expect(
      releaseHighlights(
        '1.2.0',
        note(
          'No breaking changes. A non-breaking fix; not breaking either. Without breaking anyone. Unremoved, undeprecated, insecurity, icebreaking.',
        ),
      ),
    ).toEqual([]);
    expect(releaseHighlights('1.2.0', note('Bug fixes only.'))).toEqual([]);
  });

  it('flags a major step from the version before', () => {
    expect(releaseHighlights('1.9.2', { version: '2.0.0' })).toEqual(['major']);
    expect(releaseHighlights('v3.5.1', { version: 'v4.0.0-rc1' })).toEqual([
      'major',
    ]);
    expect(
      releaseHighlights('rel/release-3.1.3', { version: 'rel/release-4.0.0' }),
    ).toEqual(['major']);
    expect(releaseHighlights('1.9.2', { version: '1.10.0' })).toEqual([]);
    // Single numbers and calendar versions step every release: never a major step.
    expect(releaseHighlights('476', { version: '477' })).toEqual([]);
    expect(releaseHighlights('2024.12.1', { version: '2025.01.0' })).toEqual(
      [],
    );
    expect(
      releaseHighlights('RELEASE.2024-12-01T00-00-00Z', {
        version: 'RELEASE.2025-01-01T00-00-00Z',
      }),
    ).toEqual([]);
    expect(releaseHighlights('latest', { version: '2.0.0' })).toEqual([]);
  });

  it('is linear on long hostile text', () => {
    const hostile = `${'breakin'.repeat(200_000)}${'non-breaking '.repeat(
      50_000,
    )}${'a'.repeat(1_000_000)}`;
    const started = Date.now();
    expect(
      releaseHighlights('1.0.0', note(hostile, 'x'.repeat(100_000))),
    ).toEqual([]);
    // Generous for a shared CI machine; a quadratic search would take minutes.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
