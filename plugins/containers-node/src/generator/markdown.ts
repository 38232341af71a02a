// Characters that start Markdown (CommonMark + GitHub) syntax anywhere in a line, or that end a
// table cell. Every ASCII punctuation character may be backslash-escaped in CommonMark.
const INLINE_SYNTAX = /[\\`*_{}[\]()<>#+!|~$&]/g;
// Line breaks, other control characters and Unicode line separators.
// eslint-disable-next-line no-control-regex
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Free text as literal, single-line Markdown: it renders as the text itself, in a paragraph, a
 * heading or a table cell, and can never open a link, an HTML tag, a code span, a list or a new
 * block. Line breaks become spaces.
 *
 * @public
 */
export function markdownText(text: string): string {
  // At the start of a line these open a list, a setext underline or an ordered list.
  return markdownCell(text)
    .replace(/^([-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Free text as literal Markdown inside a table cell or after other text on the line.
 *
 * @public
 */
export function markdownCell(text: string): string {
  const oneLine = text
    .replace(BREAKS_AND_CONTROLS, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return oneLine.replace(INLINE_SYNTAX, match => `\\${match}`);
}

/** One Markdown table row of literal cells. */
export function markdownTableRow(cells: string[]): string {
  return `| ${cells.map(cell => (cell === '' ? ' ' : cell)).join(' | ')} |`;
}

/** A validated value (no backtick, `|` or line break) as inline code. */
export function markdownCode(value: string): string {
  if (/[`|\r\n]/.test(value)) {
    throw new Error(`cannot show ${JSON.stringify(value)} as inline code`);
  }
  return value === '' ? '' : `\`${value}\``;
}
