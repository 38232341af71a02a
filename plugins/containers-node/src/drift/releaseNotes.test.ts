import {
  MAX_RELEASE_BODY_LENGTH,
  MAX_RELEASE_NOTES,
} from '@dockyard/plugin-containers-common';
import { releaseNotesOf } from './releaseNotes';

describe('releaseNotesOf', () => {
  it('lists the releases in between with name, date, link, notes and highlights', () => {
    const answer = releaseNotesOf(
      { current: '1.9.0' },
      {
        latest: '2.0.1',
        releaseNotesUrl: 'https://github.com/o/r/releases/tag/v2.0.1',
        between: [
          {
            version: '2.0.1',
            upstream: {
              tag: 'v2.0.1',
              name: '  2.0.1  ',
              releasedAt: '2025-08-02T00:00:00Z',
              releaseNotesUrl: 'https://github.com/o/r/releases/tag/v2.0.1',
              body: 'Fixes CVE-2025-0001.',
            },
          },
          {
            version: '2.0.0',
            upstream: {
              tag: 'v2.0.0',
              name: 'Two',
              releasedAt: 'not a date',
              // eslint-disable-next-line no-script-url
              releaseNotesUrl: 'javascript:alert(1)',
              body: '## Breaking changes\n- the v1 API is removed',
            },
          },
        ],
      },
    );
    expect(answer).toEqual({
      releaseNotesUrl: 'https://github.com/o/r/releases/tag/v2.0.1',
      releases: [
        {
          version: '2.0.1',
          name: '2.0.1',
          publishedAt: '2025-08-02T00:00:00Z',
          url: 'https://github.com/o/r/releases/tag/v2.0.1',
          body: 'Fixes CVE-2025-0001.',
          highlights: ['security'],
        },
        {
          version: '2.0.0',
          name: 'Two',
          body: '## Breaking changes\n- the v1 API is removed',
          highlights: ['breaking', 'removal', 'major'],
        },
      ],
    });
  });

  it('links every version through version.release_notes, for any feed', () => {
    const answer = releaseNotesOf(
      {
        current: '476',
        release_notes:
          'https://trino.io/docs/current/release/release-{version}.html',
      },
      {
        latest: '478',
        between: [
          { version: '478', upstream: { tag: '478' } },
          {
            version: '477',
            upstream: {
              tag: '477',
              releaseNotesUrl:
                'https://github.com/trinodb/trino/releases/tag/477',
            },
          },
        ],
      },
    );
    expect(answer).toEqual({
      releaseNotesUrl: 'https://trino.io/docs/current/release/release-478.html',
      releases: [
        {
          version: '478',
          url: 'https://trino.io/docs/current/release/release-478.html',
        },
        {
          version: '477',
          url: 'https://trino.io/docs/current/release/release-477.html',
        },
      ],
    });
  });

  it('links latest through the template when up to date, with no releases', () => {
    expect(
      releaseNotesOf(
        { current: '478', release_notes: 'https://example.com/{version}' },
        { latest: '478' },
      ),
    ).toEqual({ releaseNotesUrl: 'https://example.com/478' });
    expect(releaseNotesOf({ current: '478' }, {})).toEqual({});
  });

  it('keeps the newest releases and bounds each body', () => {
    const between = Array.from({ length: 30 }, (_, i) => ({
      version: `1.${30 - i}.0`,
      upstream: {
        tag: `1.${30 - i}.0`,
        name: 'n'.repeat(1000),
        body: 'b'.repeat(MAX_RELEASE_BODY_LENGTH + 1),
      },
    }));
    const { releases } = releaseNotesOf({ current: '1.0.0' }, { between });
    expect(releases).toHaveLength(MAX_RELEASE_NOTES);
    expect(releases![0].version).toBe('1.30.0');
    expect(releases![MAX_RELEASE_NOTES - 1].version).toBe('1.11.0');
    for (const note of releases!) {
      expect(note.name).toHaveLength(256);
      expect(note.body).toHaveLength(MAX_RELEASE_BODY_LENGTH);
      expect(note.bodyTruncated).toBe(true);
    }
  });

  it('counts a major step from the release before, or from current for the oldest', () => {
    const { releases } = releaseNotesOf(
      { current: '1.9.0' },
      {
        between: [
          { version: '3.0.0', upstream: { tag: '3.0.0', name: 'Three' } },
          { version: '2.1.0', upstream: { tag: '2.1.0' } },
          { version: '2.0.0', upstream: { tag: '2.0.0' } },
        ],
      },
    );
    expect(releases!.map(r => r.highlights)).toEqual([
      ['major'],
      undefined,
      ['major'],
    ]);
  });

  it('leaves out releases that are bare version numbers', () => {
    expect(
      releaseNotesOf(
        { current: '1.6.1' },
        {
          latest: '1.7.1',
          between: [
            { version: '1.7.1', upstream: { tag: '1.7.1' } },
            { version: '1.7.0', upstream: { tag: '1.7.0' } },
          ],
        },
      ),
    ).toEqual({});
  });
});
