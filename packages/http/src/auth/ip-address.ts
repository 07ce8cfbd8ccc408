import ipaddr from 'ipaddr.js';

/** A parsed IPv4 or IPv6 address (IPv4-mapped IPv6 addresses are turned into IPv4). */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

// `[v6]:port` or `[v6]` (URL style), and `v4:port`, as some proxies write forwarded hops.
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client: compare and count them as IPv4. */
export function unmapped(address: IpAddress): IpAddress {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Parses one address strictly: dotted-quad IPv4 (not the legacy `127.1` or hex forms, which no
 * proxy writes) or IPv6, optionally bracketed and with a port. `undefined` when it is not one.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  const host = BRACKETED.exec(trimmed)?.[1] ?? IPV4_WITH_PORT.exec(trimmed)?.[1] ?? trimmed;
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return ipaddr.IPv4.parse(host);
  if (ipaddr.IPv6.isValid(host)) return unmapped(ipaddr.IPv6.parse(host));
  return undefined;
}

/** The canonical spelling of an address (RFC 5952 for IPv6), so one client has one key. */
export function formatIpAddress(address: IpAddress): string {
  return address.kind() === 'ipv6'
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}
