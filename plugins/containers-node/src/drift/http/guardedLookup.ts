import { LookupAddress, promises as dns } from 'dns';
import { LookupFunction } from 'net';
import { nonPublicAddressKind } from './addresses';

/**
 * Resolves a host name to every address it has (injectable, so tests never use real DNS).
 *
 * @public
 */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver, as Node's own connections use it (`/etc/hosts` included). */
export const systemResolveHost: ResolveHost = hostname =>
  dns.lookup(hostname, { all: true, verbatim: true });

/** A connection refused because of the address its host resolved to. Never retried. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRESSREFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefusedError';
  }
}

/** Says why `address` of `host` may not be contacted, or nothing when it may. */
export function refusalFor(
  host: string,
  address: string,
): AddressRefusedError | undefined {
  const kind = nonPublicAddressKind(address);
  if (!kind) return undefined;
  const shown = address.includes(':') ? `[${address}]` : address;
  const what =
    host === address || host === shown
      ? shown
      : `${host} resolves to ${shown}, which`;
  return new AddressRefusedError(
    `${what} is not a public address (${kind}); it is contacted only when its host is listed in containers.drift.allowedHosts or configured as an endpoint`,
  );
}

/**
 * A `lookup` for `net.connect` that resolves the name and (with `check`) refuses the connection
 * when any of its addresses is not public, before a socket is opened to it. Checking inside the lookup the
 * connection itself uses leaves no window between the check and the connect in which DNS could
 * answer differently.
 */
export function guardedLookup(
  resolve: ResolveHost,
  check = true,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then(all => {
        const family = options?.family;
        const addresses =
          family === 4 || family === 6
            ? all.filter(a => a.family === family)
            : all;
        if (addresses.length === 0) {
          const error = Object.assign(
            new Error(`getaddrinfo ENOTFOUND ${hostname}`),
            { code: 'ENOTFOUND', hostname },
          );
          callback(error, '', 0);
          return;
        }
        for (const { address } of check ? addresses : []) {
          const refusal = refusalFor(hostname, address);
          if (refusal) {
            callback(refusal, '', 0);
            return;
          }
        }
        if (options?.all) {
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(
            null,
            addresses,
          );
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      })
      .catch(error => callback(error, '', 0));
  };
}
