import { ConfigurationError } from '@conduct/core';
import ipaddr from 'ipaddr.js';
import { type IpAddress, unmapped } from './ip-address.js';

type Range = [IpAddress, number];

function parseAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/**
 * One entry: an address or a CIDR range. An IPv4-mapped entry (`::ffff:10.0.0.1`,
 * `::ffff:10.0.0.0/104`) is its IPv4 equivalent, since addresses are compared unmapped.
 */
function parseRange(entry: string): Range | undefined {
  const [base = '', bits, ...rest] = entry.trim().split('/');
  if (rest.length > 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return undefined;
  const address = parseAddress(base);
  if (address === undefined) return undefined;
  const width = address.kind() === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return undefined;
  const plain = unmapped(address);
  if (plain === address) return [address, prefix];
  return prefix >= 96 ? [plain, prefix - 96] : undefined;
}

/** Whether an address (already unmapped, see `parseIpAddress`) is one of the trusted proxies. */
export type TrustedProxies = (address: IpAddress) => boolean;

/**
 * The matcher of a list of trusted proxies: addresses and CIDR ranges, IPv4 or IPv6
 * (`10.0.0.0/8`, `192.168.1.7`, `fd00::/8`, `::1`, `::ffff:127.0.0.1`).
 *
 * @throws ConfigurationError naming every entry that is not an address or a range.
 */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges: Range[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const range = parseRange(entry);
    if (range === undefined) invalid.push(`'${entry}'`);
    else ranges.push(range);
  }
  if (invalid.length > 0) {
    throw new ConfigurationError(
      `Invalid trusted proxies: ${invalid.join(', ')} (each must be an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8)`,
    );
  }
  return (address) =>
    ranges.some(([base, prefix]) => base.kind() === address.kind() && address.match(base, prefix));
}
