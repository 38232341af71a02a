/** The URL of a `Link` header's relation (`next`, `last`), resolved against the request URL. */
export function linkHeaderUrl(
  header: string | undefined | null,
  rel: string,
  baseUrl: string,
): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2])?.[1].split(/\s+/) ?? [];
    if (rels.includes(rel)) return new URL(match[1], baseUrl).toString();
  }
  return undefined;
}

/**
 * Milliseconds to wait from a `Retry-After` header (seconds, or an HTTP date), or undefined when
 * the header is absent or unreadable.
 */
export function retryAfterMs(
  header: string | undefined | null,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^[0-9]+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A `WWW-Authenticate` challenge: its scheme and parameters (`realm`, `service`, `scope`). */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** Reads the first challenge of a `WWW-Authenticate` header. */
export function parseAuthChallenge(
  header: string | undefined | null,
): AuthChallenge | undefined {
  const match = header ? /^\s*([A-Za-z]+)\s*(.*)$/.exec(header) : null;
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const paramPattern = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const param of match[2].matchAll(paramPattern)) {
    params[param[1].toLowerCase()] = (param[2] ?? param[3] ?? '').replace(
      /\\(.)/g,
      '$1',
    );
  }
  return { scheme: match[1].toLowerCase(), params };
}
