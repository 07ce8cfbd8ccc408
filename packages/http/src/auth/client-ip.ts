import type { Context } from 'hono';
import { formatIpAddress, type IpAddress, parseIpAddress } from './ip-address.js';
import type { TrustedProxies } from './trusted-proxies.js';

/** What {@link resolveClientIp} decides from. */
export interface ClientIpSources {
  /** The address of the connection's peer (the socket). */
  peer: string | undefined;
  /** The `X-Forwarded-For` header, if any (repeated headers joined with commas). */
  forwardedFor: string | undefined;
  /** The `X-Real-IP` header, if any. */
  realIp: string | undefined;
  /** Which peers may tell the client's address. */
  isTrusted: TrustedProxies;
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy. Then the
 * `X-Forwarded-For` hops are walked from the right (each proxy appends the address it saw) and
 * the first one that is not a trusted proxy is the client; a malformed hop stops the walk at the
 * trusted hop after it (what precedes it was not written by a proxy we trust). With no
 * `X-Forwarded-For`, a trusted peer's `X-Real-IP` is used. IPv4-mapped IPv6 addresses come back
 * as IPv4, IPv6 in RFC 5952 spelling.
 */
export function resolveClientIp(sources: ClientIpSources): string | undefined {
  const peer = sources.peer === undefined ? undefined : parseIpAddress(sources.peer);
  if (peer === undefined) return undefined;
  if (!sources.isTrusted(peer)) return formatIpAddress(peer);
  const hops = (sources.forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) {
    const realIp = sources.realIp === undefined ? undefined : parseIpAddress(sources.realIp);
    return formatIpAddress(realIp ?? peer);
  }
  let nearest: IpAddress = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseIpAddress(hops[index] as string);
    if (hop === undefined) break;
    nearest = hop;
    if (!sources.isTrusted(hop)) break;
  }
  return formatIpAddress(nearest);
}

/**
 * The socket peer's address under `@hono/node-server` (what its `getConnInfo` reads), without
 * failing where there is no socket (`app.request()` in tests, other runtimes).
 */
export function socketAddress(c: Context): string | undefined {
  type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };
  const env = c.env as (Bindings & { server?: Bindings }) | undefined;
  return (env?.server ?? env)?.incoming?.socket?.remoteAddress;
}

/**
 * The client's address as the app resolved it (see `trustedProxies` and `clientAddress` of
 * `createConductApp`). Outside such an app: the socket peer's address, headers ignored.
 * `undefined` when it is unknown.
 */
export function clientIp(c: Context): string | undefined {
  // Set by the app's middleware: a string, or `null` when the address is unknown.
  const resolved: unknown = c.get('clientIp');
  if (typeof resolved === 'string') return resolved;
  if (resolved === null) return undefined;
  const peer = socketAddress(c);
  const address = peer === undefined ? undefined : parseIpAddress(peer);
  return address === undefined ? undefined : formatIpAddress(address);
}
