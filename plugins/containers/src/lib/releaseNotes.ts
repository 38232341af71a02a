import type { ReleaseHighlight } from '@dockyard/plugin-containers-common';
import { DateTime } from 'luxon';
import { safeHref } from './safeLink';

/** The words of each release highlight, as the drift card's chips say them. */
export const RELEASE_HIGHLIGHT_LABELS: Record<ReleaseHighlight, string> = {
  breaking: 'Breaking',
  deprecation: 'Deprecation',
  removal: 'Removal',
  security: 'Security',
  major: 'Major version',
};

/** Lines of release notes shown before "Show more". */
export const PREVIEW_LINES = 6;
/** Characters shown before "Show more", however few lines they make. */
export const PREVIEW_CHARS = 600;

/**
 * The start of a release body, shown until "Show more": its first {@link PREVIEW_LINES}
 * lines, at most {@link PREVIEW_CHARS} characters (cut at a space when there is one). Only that
 * much Markdown is rendered for a collapsed body, so a card with twenty long bodies stays quick.
 */
export function bodyPreview(body: string): { preview: string; more: boolean } {
  let end = -1;
  for (let line = 0; line < PREVIEW_LINES; line++) {
    end = body.indexOf('\n', end + 1);
    if (end === -1) break;
  }
  const lines =
    end === -1 || body.slice(end).trim() === '' ? body : body.slice(0, end);
  if (lines.length > PREVIEW_CHARS) {
    const cut = lines.lastIndexOf(' ', PREVIEW_CHARS);
    return {
      preview: `${lines.slice(0, cut > 0 ? cut : PREVIEW_CHARS)} …`,
      more: true,
    };
  }
  return lines === body
    ? { preview: body, more: false }
    : { preview: lines.trimEnd(), more: true };
}

/**
 * A link target in release notes, or '' to show its text without a link: upstream wrote it, so
 * only absolute http(s) and mailto links are followed; a relative one is read against the
 * release's own page (GitHub's `#section`, `../compare/…`), or dropped when there is none.
 */
export function releaseBodyHref(href: string, releaseUrl?: string): string {
  // The sanitiser empties a link it refuses: that is no link, not one to the release page.
  if (href.trim() === '') return '';
  const base = safeHref(releaseUrl);
  let absolute: string | undefined;
  try {
    absolute = base ? new URL(href.trim(), base).href : new URL(href).href;
  } catch {
    return '';
  }
  // safeHref refuses every other scheme in any spelling, control characters and entities.
  return /^(?:https?|mailto):/i.test(absolute) ? safeHref(absolute) ?? '' : '';
}

/** The day a release came out, `2025-08-01` (UTC), or undefined when it is not a date. */
export function releaseDay(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = DateTime.fromISO(iso, { zone: 'utc' });
  return time.isValid ? time.toFormat('yyyy-MM-dd') : undefined;
}
