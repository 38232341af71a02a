/**
 * Whether a URL's host may be contacted. `allowedHosts` entries are host names (`api.github.com`,
 * any port), `host:port` (`127.0.0.1:8080`) or wildcards (`*.docker.io`). Without a list every
 * host is allowed.
 */
export function isHostAllowed(
  url: URL,
  allowedHosts: string[] | undefined,
): boolean {
  if (!allowedHosts) return true;
  const hostname = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const host = url.host.toLowerCase();
  return allowedHosts.some(entry => {
    const pattern = entry.trim().toLowerCase();
    if (pattern === host || pattern === hostname) return true;
    if (pattern.startsWith('*.')) {
      return (
        hostname.endsWith(pattern.slice(1)) || host.endsWith(pattern.slice(1))
      );
    }
    return false;
  });
}
