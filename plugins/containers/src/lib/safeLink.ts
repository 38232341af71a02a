/**
 * Schemes a link rendered in the portal may have. Everything else (`javascript:`, `data:`,
 * `vbscript:`, `file:`, …) is shown as text: link targets come from container.yaml and from
 * upstream feeds, both written by people outside the portal.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Written with a scheme: `name:` before any `/`, `?` or `#` (what a browser reads as one). */
const WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Raw control characters: browsers drop tabs and newlines anywhere in a URL (`java\tscript:`)
 * and C0 controls at its ends, so what is checked would not be what is followed. No real link
 * has them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * An HTML character reference (`&#106;`, `&#x6A`, `&colon;`): decoded by anything that renders
 * the value as HTML, so it could spell a scheme that is not visible here. No real link has one;
 * a query's `&name=` has no `;` and stays allowed.
 */
const CHARACTER_REFERENCE = /&(#x?[0-9a-f]+;?|[a-z][a-z0-9]*;)/i;

/** A stand-in origin for resolving relative links: they must stay on it. */
const RELATIVE_BASE = new URL('http://relative.invalid/base/');

/**
 * The value as a link target the portal may render, or undefined when it must be shown as text.
 * Allowed: absolute http(s) and mailto URLs (returned as the WHATWG URL parser normalises them,
 * so the scheme checked is the scheme followed) and links relative to the current page
 * (`docs/x.md`, `../x`, `/catalog/…`, `?q`, `#section`, returned as written). Refused: every
 * other scheme in any spelling, protocol-relative links (`//host`, `\\host`, `/\host`), control
 * characters and character references.
 */
export function safeHref(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text || CONTROL.test(text) || CHARACTER_REFERENCE.test(text)) {
    return undefined;
  }
  if (WITH_SCHEME.test(text)) {
    const url = parse(text);
    return url && LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  }
  // Relative: resolved the way a browser will, it must not leave the page's origin.
  const url = parse(text, RELATIVE_BASE);
  return url?.origin === RELATIVE_BASE.origin ? text : undefined;
}

function parse(value: string, base?: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
