import { splitTagPrefix, tagPrefixes } from '../version/prefix';
import { inferScheme } from '../version/schemes';
import { splitVersionParts } from '../version/versionParts';
import { ReleaseHighlight, ReleaseNote } from './types';

/**
 * Release notes: the bounds of what a drift result carries, the `version.release_notes` URL
 * template, and the highlighter. Release names and bodies are written upstream, so they are
 * untrusted text of any length: everything here is plain string search, linear in the text.
 */

/**
 * Most releases a drift result lists (the newest ones); `behind.releases` counts them all.
 *
 * @public
 */
export const MAX_RELEASE_NOTES = 20;

/**
 * Longest release body a drift result keeps, in characters; a longer one is cut and marked
 * `bodyTruncated` (the full notes are at its link).
 *
 * @public
 */
export const MAX_RELEASE_BODY_LENGTH = 20_000;

/**
 * Longest release name kept, in characters.
 *
 * @public
 */
export const MAX_RELEASE_NAME_LENGTH = 256;

/**
 * What `version.release_notes` writes for the version: `https://example.com/notes/{version}`.
 *
 * @public
 */
export const RELEASE_NOTES_PLACEHOLDER = '{version}';

/** Scheme and host of an http(s) URL: everything up to the first `/`, `?` or `#` after `//`. */
function authorityEnd(url: string): number {
  const start = url.indexOf('//') + 2;
  let end = url.length;
  for (const stop of ['/', '?', '#']) {
    const at = url.indexOf(stop, start);
    if (at !== -1 && at < end) end = at;
  }
  return end;
}

/**
 * What is wrong with a `version.release_notes` template (already an http(s) URL), or undefined:
 * it names `{version}`, only in its path, query or fragment (so a version never picks the host),
 * and holds no other braces.
 *
 * @public
 */
export function releaseNotesTemplateProblem(
  template: string,
): string | undefined {
  const at = template.indexOf(RELEASE_NOTES_PLACEHOLDER);
  if (at === -1) {
    return `must contain ${RELEASE_NOTES_PLACEHOLDER}, where each version goes, e.g. https://github.com/trinodb/trino/releases/tag/${RELEASE_NOTES_PLACEHOLDER}`;
  }
  if (at < authorityEnd(template)) {
    return `${RELEASE_NOTES_PLACEHOLDER} may only stand in the path, query or fragment, not in the host`;
  }
  const rest = template.split(RELEASE_NOTES_PLACEHOLDER).join('');
  if (rest.includes('{') || rest.includes('}')) {
    return `${RELEASE_NOTES_PLACEHOLDER} is the only placeholder: write other braces as %7B and %7D`;
  }
  return undefined;
}

/**
 * The release notes link of `version` from a `version.release_notes` template: each
 * `{version}` replaced by the version URL-encoded (`/` becomes `%2F`). Undefined when the
 * template is not a valid one.
 *
 * @public
 */
export function releaseNotesLink(
  template: string,
  version: string,
): string | undefined {
  if (
    !/^https?:\/\//i.test(template) ||
    releaseNotesTemplateProblem(template)
  ) {
    return undefined;
  }
  return template
    .split(RELEASE_NOTES_PLACEHOLDER)
    .join(encodeURIComponent(version));
}

/**
 * A release body cut to {@link MAX_RELEASE_BODY_LENGTH} characters (never inside a surrogate
 * pair), and whether it was cut.
 *
 * @public
 */
export function boundReleaseBody(body: string): {
  body: string;
  truncated: boolean;
} {
  if (body.length <= MAX_RELEASE_BODY_LENGTH) {
    return { body, truncated: false };
  }
  let end = MAX_RELEASE_BODY_LENGTH;
  const last = body.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { body: body.slice(0, end), truncated: true };
}

/**
 * Words that flag a release, by highlight: each is looked for at the start of a word, in lower
 * case. Stems catch their family (`deprecat` → deprecated, deprecation, deprecates).
 */
const HIGHLIGHT_WORDS: Array<[ReleaseHighlight, string[]]> = [
  [
    'breaking',
    [
      'breaking',
      'backward incompatible',
      'backwards incompatible',
      'backward-incompatible',
      'backwards-incompatible',
    ],
  ],
  ['deprecation', ['deprecat']],
  [
    'removal',
    [
      'removed',
      'removal',
      'drop support',
      'dropped support',
      'no longer supported',
    ],
  ],
  ['security', ['security', 'cve-', 'vulnerab']],
];

/** Words before "breaking" that say the opposite: "non-breaking", "no breaking changes". */
const NEGATIONS = ['non-', 'non ', 'no ', 'not ', 'without '];

function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x61 && code <= 0x7a) || // a-z (the text is in lower case)
    code === 0x5f // _
  );
}

/** Whether `word` starts a word somewhere in `text` (not negated, for "breaking"). */
function mentions(text: string, word: string, negatable: boolean): boolean {
  for (
    let at = text.indexOf(word);
    at !== -1;
    at = text.indexOf(word, at + 1)
  ) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    if (negatable && NEGATIONS.some(n => text.endsWith(n, at))) continue;
    return true;
  }
  return false;
}

/**
 * The first number of a version, when it has at least two and is not a calendar version: a
 * release that changes it is a major step. Single-number versions (Trino's `476`) and dates
 * step every release, so they never count as one.
 */
function majorOf(version: string): number | undefined {
  const { rest } = splitTagPrefix(version.trim(), tagPrefixes());
  const parts = splitVersionParts(rest);
  if (
    !parts ||
    parts.numbers.length < 2 ||
    parts.timestamp !== undefined ||
    inferScheme(rest) === 'calver'
  ) {
    return undefined;
  }
  return parts.numbers[0];
}

/**
 * Why a release deserves a look: its name or notes mention a breaking change, a deprecation, a
 * removal or a security fix, or it is a major step from `fromVersion` (the release before it,
 * or `current`). Pure and linear in the length of the notes: plain string search, no pattern.
 *
 * @public
 */
export function releaseHighlights(
  fromVersion: string,
  note: Pick<ReleaseNote, 'version' | 'name' | 'body'>,
): ReleaseHighlight[] {
  const text = `${note.name ?? ''}\n${note.body ?? ''}`.toLowerCase();
  const highlights: ReleaseHighlight[] = HIGHLIGHT_WORDS.filter(
    ([highlight, words]) =>
      words.some(word => mentions(text, word, highlight === 'breaking')),
  ).map(([highlight]) => highlight);
  const from = majorOf(fromVersion);
  const to = majorOf(note.version);
  if (from !== undefined && to !== undefined && to > from) {
    highlights.push('major');
  }
  return highlights;
}
