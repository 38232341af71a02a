/* eslint-disable no-script-url -- script URLs are what release notes must not link to */
import {
  bodyPreview,
  PREVIEW_CHARS,
  PREVIEW_LINES,
  releaseBodyHref,
  releaseDay,
} from './releaseNotes';

describe('bodyPreview', () => {
  it('keeps a short body whole', () => {
    expect(bodyPreview('## Fixes\n- one\n- two\n')).toEqual({
      preview: '## Fixes\n- one\n- two\n',
      more: false,
    });
  });

  it('cuts after the first lines', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `- change ${i}`);
    expect(bodyPreview(lines.join('\n'))).toEqual({
      preview: lines.slice(0, PREVIEW_LINES).join('\n'),
      more: true,
    });
    // Exactly that many lines, with trailing blank lines: nothing more to show.
    const few = `${lines.slice(0, PREVIEW_LINES).join('\n')}\n\n  \n`;
    expect(bodyPreview(few)).toEqual({ preview: few, more: false });
  });

  it('cuts one long line at a space', () => {
    const words = 'word '.repeat(200);
    const { preview, more } = bodyPreview(words);
    expect(more).toBe(true);
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_CHARS + 2);
    expect(preview).toMatch(/word …$/);
    const { preview: solid } = bodyPreview('x'.repeat(PREVIEW_CHARS + 1));
    expect(solid).toBe(`${'x'.repeat(PREVIEW_CHARS)} …`);
  });
});

describe('releaseBodyHref', () => {
  const page = 'https://github.com/trinodb/trino/releases/tag/478';

  it('follows absolute web and mail links', () => {
    expect(releaseBodyHref('https://trino.io/docs/478.html', page)).toBe(
      'https://trino.io/docs/478.html',
    );
    expect(releaseBodyHref('mailto:dev@trino.io')).toBe('mailto:dev@trino.io');
  });

  it('reads relative links against the release page, and drops them without one', () => {
    expect(releaseBodyHref('#general', page)).toBe(`${page}#general`);
    expect(releaseBodyHref('../../compare/477...478', page)).toBe(
      'https://github.com/trinodb/trino/compare/477...478',
    );
    expect(releaseBodyHref('/trinodb/trino/pull/1', page)).toBe(
      'https://github.com/trinodb/trino/pull/1',
    );
    expect(releaseBodyHref('#general')).toBe('');
    expect(releaseBodyHref('', page)).toBe('');
    expect(releaseBodyHref('  ', page)).toBe('');
    expect(releaseBodyHref('docs/x.md', 'javascript:alert(1)')).toBe('');
  });

  it('never follows a script, data or file link in any spelling', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]) {
      expect([href, releaseBodyHref(href, page)]).toEqual([href, '']);
      expect([href, releaseBodyHref(href)]).toEqual([href, '']);
    }
  });
});

describe('releaseDay', () => {
  it('is the UTC day, or nothing for what is not a date', () => {
    expect(releaseDay('2025-08-01T23:30:00-02:00')).toBe('2025-08-02');
    expect(releaseDay('not a date')).toBeUndefined();
    expect(releaseDay(undefined)).toBeUndefined();
  });
});
