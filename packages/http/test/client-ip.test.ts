import { describe, expect, it } from 'vitest';
import { resolveClientIp, trustedProxies } from '../src/index.js';

const proxies = trustedProxies(['10.0.0.0/8', 'fd00::/8', '::ffff:127.0.0.1']);
const resolve = (peer: string | undefined, headers: { xff?: string; realIp?: string } = {}) =>
  resolveClientIp({ peer, forwardedFor: headers.xff, realIp: headers.realIp, isTrusted: proxies });

describe('client address', () => {
  it('is the socket peer when the peer is not a trusted proxy, whatever the headers say', () => {
    expect(resolve('198.51.100.1', { xff: '203.0.113.9', realIp: '203.0.113.8' })).toBe(
      '198.51.100.1',
    );
    // With no trusted proxy configured at all, nobody is trusted.
    const none = trustedProxies([]);
    expect(
      resolveClientIp({
        peer: '10.0.0.1',
        forwardedFor: '203.0.113.9',
        realIp: undefined,
        isTrusted: none,
      }),
    ).toBe('10.0.0.1');
    expect(resolve(undefined, { xff: '203.0.113.9' })).toBeUndefined();
    expect(resolve('not an address', { xff: '203.0.113.9' })).toBeUndefined();
  });

  it('takes the right-most X-Forwarded-For hop that is not a trusted proxy from a trusted peer', () => {
    // The client forged the first entry; the outer proxy appended the address it really saw.
    expect(resolve('10.0.0.2', { xff: '1.2.3.4, 198.51.100.7' })).toBe('198.51.100.7');
    // Trusted hops (inner proxies) are skipped.
    expect(resolve('10.0.0.2', { xff: '1.2.3.4, 198.51.100.7, 10.1.1.1, fd00::5' })).toBe(
      '198.51.100.7',
    );
    // Only proxies in the chain: the furthest one is the best we know.
    expect(resolve('10.0.0.2', { xff: '10.9.9.9, 10.1.1.1' })).toBe('10.9.9.9');
    // A malformed hop was not written by a trusted proxy: stop at the trusted hop after it.
    expect(resolve('10.0.0.2', { xff: 'garbage, 10.1.1.1' })).toBe('10.1.1.1');
    expect(resolve('10.0.0.2', { xff: '198.51.100.7, garbage' })).toBe('10.0.0.2');
    // Hops with ports and brackets, as some proxies write them.
    expect(resolve('10.0.0.2', { xff: '198.51.100.7:51234' })).toBe('198.51.100.7');
    expect(resolve('10.0.0.2', { xff: '[2001:db8::1]:443' })).toBe('2001:db8::1');
  });

  it('reads X-Real-IP only from a trusted peer without X-Forwarded-For', () => {
    expect(resolve('10.0.0.2', { realIp: '198.51.100.3' })).toBe('198.51.100.3');
    expect(resolve('10.0.0.2', { realIp: 'garbage' })).toBe('10.0.0.2');
    expect(resolve('10.0.0.2', { xff: '198.51.100.7', realIp: '198.51.100.3' })).toBe(
      '198.51.100.7',
    );
    expect(resolve('10.0.0.2')).toBe('10.0.0.2');
  });

  it('treats IPv4-mapped IPv6 as IPv4, in peers, hops and the trusted list', () => {
    expect(resolve('::ffff:10.0.0.2', { xff: '198.51.100.7' })).toBe('198.51.100.7');
    // The list says ::ffff:127.0.0.1; a dual-stack socket or a v4 one may report either form.
    expect(resolve('127.0.0.1', { xff: '198.51.100.7' })).toBe('198.51.100.7');
    expect(resolve('::ffff:127.0.0.1', { xff: '::ffff:198.51.100.7' })).toBe('198.51.100.7');
    // One client, one spelling: mapped and plain count as the same address.
    expect(resolve('::ffff:198.51.100.1')).toBe('198.51.100.1');
    expect(resolve('2001:DB8:0:0::1')).toBe('2001:db8::1');
    // IPv6 ranges.
    expect(resolve('fd12::1', { xff: '2001:db8::7' })).toBe('2001:db8::7');
    expect(resolve('fe80::1', { xff: '2001:db8::7' })).toBe('fe80::1');
  });
});

describe('trusted proxy lists', () => {
  it('accept addresses and CIDR ranges, IPv4 and IPv6', () => {
    const list = trustedProxies([
      '192.168.1.7',
      '172.16.0.0/12',
      '::1',
      '2001:db8::/32',
      '::ffff:100.64.0.0/106',
    ]);
    const trusted = (peer: string) =>
      resolveClientIp({
        peer,
        forwardedFor: '198.51.100.1',
        realIp: undefined,
        isTrusted: list,
      }) === '198.51.100.1';
    expect(trusted('192.168.1.7')).toBe(true);
    expect(trusted('192.168.1.8')).toBe(false);
    expect(trusted('172.31.255.255')).toBe(true);
    expect(trusted('172.32.0.1')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted('2001:db8:ffff::1')).toBe(true);
    expect(trusted('2001:db9::1')).toBe(false);
    // ::ffff:100.64.0.0/106 is 100.64.0.0/10.
    expect(trusted('100.127.0.1')).toBe(true);
    expect(trusted('::ffff:100.127.0.1')).toBe(true);
    expect(trusted('100.128.0.1')).toBe(false);
  });

  it('refuse anything else, naming every bad entry', () => {
    expect(() => trustedProxies(['10.0.0.0/8', 'proxy.internal', '10.0.0.0/33', '127.1'])).toThrow(
      "Invalid trusted proxies: 'proxy.internal', '10.0.0.0/33', '127.1'",
    );
    for (const bad of ['', '10.0.0.1/', '10.0.0.1/8/8', '::/129', '::ffff:1.2.3.4/64', '[::1]']) {
      expect(() => trustedProxies([bad]), bad).toThrow('Invalid trusted proxies');
    }
  });
});
