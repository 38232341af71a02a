/** A host entry as config writes it: `api.github.com`, `127.0.0.1:8080`, `[::1]:5000`, `*.docker.io`. */
interface HostEntry {
  /** Canonical host name or IP literal (IPv6 in brackets), without a trailing dot. */
  hostname: string;
  /** Only this port matches; undefined: any port. */
  port?: string;
  /** `*.docker.io`: subdomains of `hostname`, not `hostname` itself. */
  wildcard: boolean;
}

const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
};

function canonicalHostname(hostname: string) {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** The port a URL connects to, default ports included. */
export function effectivePort(url: URL): string {
  return url.port || DEFAULT_PORTS[url.protocol] || '';
}

/**
 * Reads an entry through the URL parser, so that it is spelled the way request URLs are
 * (`0x7f.1` is `127.0.0.1`, IPv6 compressed, names lower-cased). Unreadable entries match
 * nothing.
 */
function parseEntry(entry: string): HostEntry | undefined {
  let text = entry.trim().toLowerCase();
  const wildcard = text.startsWith('*.');
  if (wildcard) text = text.slice(2);
  // A bare IPv6 address has colons but no brackets.
  if (!text.startsWith('[') && (text.match(/:/g)?.length ?? 0) > 1) {
    text = `[${text}]`;
  }
  try {
    const url = new URL(`http://${text}`);
    if (url.pathname !== '/' || url.search || url.username) return undefined;
    return {
      hostname: canonicalHostname(url.hostname),
      port: /:[0-9]+$/.test(text) ? url.port || '80' : undefined,
      wildcard,
    };
  } catch {
    return undefined;
  }
}

function matches(entry: HostEntry, url: URL): boolean {
  const hostname = canonicalHostname(url.hostname);
  if (entry.port !== undefined && entry.port !== effectivePort(url)) {
    return false;
  }
  return entry.wildcard
    ? hostname.endsWith(`.${entry.hostname}`)
    : hostname === entry.hostname;
}

/**
 * Whether a URL's host may be contacted. `allowedHosts` entries are host names (`api.github.com`,
 * any port), `host:port` (`127.0.0.1:8080`) or wildcards (`*.docker.io`, subdomains). Without a
 * list every host name passes (its addresses are still checked, see {@link isHostListed}).
 */
export function isHostAllowed(
  url: URL,
  allowedHosts: string[] | undefined,
): boolean {
  if (!allowedHosts) return true;
  return allowedHosts.some(text => {
    const entry = parseEntry(text);
    return !!entry && matches(entry, url);
  });
}

/**
 * Whether a URL's host is named exactly (no wildcard) by one of `hosts`: only such hosts may
 * resolve to loopback, private or link-local addresses. A wildcard does not count, since whoever
 * controls DNS under it could point a name at an internal address.
 */
export function isHostListed(url: URL, hosts: string[]): boolean {
  return hosts.some(text => {
    const entry = parseEntry(text);
    return !!entry && !entry.wildcard && matches(entry, url);
  });
}

/** `host:port` of an endpoint URL, the port always written, for {@link isHostListed}. */
export function hostWithPort(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    return `${url.hostname}:${effectivePort(url)}`;
  } catch {
    return undefined;
  }
}
