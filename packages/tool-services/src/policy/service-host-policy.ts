import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { type ToolServiceRegistration, ValidationError } from '@conduct/core';

/** Options of {@link serviceHostPolicy}. */
export interface ServiceHostPolicyOptions {
  /**
   * Host names (or literal addresses) services registered over the API may live at, whatever
   * addresses they resolve to; `*` allows any host. Empty: any host with a public address.
   * Link-local addresses (cloud metadata endpoints) are refused in every case.
   */
  allow?: readonly string[];
  /** With no allow-list: also accept loopback hosts (a server bound to loopback in development). */
  allowLoopback?: boolean;
  /** Resolves a host name to its addresses; default DNS. */
  resolve?: (host: string) => Promise<string[]>;
}

function blockList(subnets: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return list;
}

const linkLocal = blockList([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const loopback = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const privateRanges = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
]);

type Range = 'link-local' | 'loopback' | 'private' | 'public';

function rangeOf(address: string): Range {
  // An IPv4-mapped IPv6 address is checked as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const type = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
  if (linkLocal.check(plain, type)) return 'link-local';
  if (loopback.check(plain, type)) return 'loopback';
  if (privateRanges.check(plain, type)) return 'private';
  return 'public';
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((found) => found.address);
}

function urlsOf(registration: ToolServiceRegistration): string[] {
  if (registration.kind === 'mcp') return [registration.url];
  const urls = registration.url === undefined ? [] : [registration.url];
  if (/^https?:\/\//i.test(registration.source.trim())) urls.push(registration.source.trim());
  return urls;
}

/**
 * Checks the hosts a tool service registered over the API would be reached at, so an API key
 * cannot aim the server at its cloud metadata endpoint or internal hosts.
 *
 * @returns a check that throws a ValidationError naming the refused host.
 */
export function serviceHostPolicy(
  options: ServiceHostPolicyOptions = {},
): (registration: ToolServiceRegistration) => Promise<void> {
  const allow = new Set((options.allow ?? []).map((host) => host.trim().toLowerCase()));
  const resolve = options.resolve ?? defaultResolve;
  const refuse = (host: string, why: string) =>
    new ValidationError(
      `Tool service host "${host}" is not allowed: ${why} (see CONDUCT_SERVICE_HOSTS)`,
    );
  return async (registration) => {
    for (const url of urlsOf(registration)) {
      const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
      let addresses: string[];
      if (isIP(host) !== 0) addresses = [host];
      else {
        try {
          addresses = await resolve(host);
        } catch {
          throw refuse(host, 'it does not resolve');
        }
      }
      const ranges = new Set(addresses.map(rangeOf));
      if (ranges.has('link-local')) throw refuse(host, 'it is link-local');
      if (allow.has('*') || allow.has(host)) continue;
      if (allow.size > 0) throw refuse(host, 'it is not in the allowed hosts');
      if (ranges.has('private')) throw refuse(host, 'it is a private address');
      if (ranges.has('loopback') && !options.allowLoopback) throw refuse(host, 'it is loopback');
    }
  };
}
