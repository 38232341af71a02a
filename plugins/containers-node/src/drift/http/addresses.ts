import { isIP } from 'net';
import ipaddr from 'ipaddr.js';

const IPV4_LABELS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
};

const IPV6_LABELS: Record<string, string> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique-local',
};

/** Global unicast IPv6 (2000::/3): everything outside it is special-purpose. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** NAT64's well-known prefix: the last 32 bits are the IPv4 address it reaches. */
const NAT64_V6 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

function describeIPv4(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  if (range === 'unicast') return undefined;
  return IPV4_LABELS[range] ?? 'special-purpose';
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

/**
 * Why an IP address is not public, in words (`loopback`, `private`, `link-local`,
 * `unique-local`, …), or undefined when it is a public unicast address. IPv4-mapped
 * (`::ffff:127.0.0.1`) and NAT64 (`64:ff9b::10.0.0.1`) addresses are judged by the IPv4
 * address they reach; any other IPv6 address outside global unicast (2000::/3) is not public.
 * Anything that is not an IP address at all is reported as such, never as public.
 */
export function nonPublicAddressKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return 'not an IP address';
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return describeIPv4(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress() || v6.match(NAT64_V6)) {
    return describeIPv4(embeddedIPv4(v6));
  }
  const range = v6.range();
  if (range === 'unicast' && v6.match(GLOBAL_UNICAST_V6)) return undefined;
  return IPV6_LABELS[range] ?? 'special-purpose';
}
