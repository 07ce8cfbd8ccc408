import { describe, expect, it } from 'vitest';
import { serviceHostPolicy } from '../src/index.js';

const mcp = (url: string) => ({ name: 's', kind: 'mcp' as const, url });
const names: Record<string, string[]> = {
  'public.example': ['93.184.216.34'],
  'internal.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  localhost: ['127.0.0.1', '::1'],
};
const resolve = async (host: string) => {
  const found = names[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
};

describe('serviceHostPolicy', () => {
  it('refuses link-local addresses always, even with * or the host listed', async () => {
    for (const allow of [[], ['*'], ['metadata.example', '169.254.169.254']]) {
      const check = serviceHostPolicy({ allow, resolve, allowLoopback: true });
      await expect(check(mcp('http://169.254.169.254/latest'))).rejects.toThrow(/link-local/);
      await expect(check(mcp('http://metadata.example/mcp'))).rejects.toThrow(/link-local/);
      await expect(check(mcp('http://[fe80::1]/mcp'))).rejects.toThrow(/link-local/);
      await expect(check(mcp('http://[::ffff:169.254.169.254]/'))).rejects.toThrow(/link-local/);
    }
  });

  it('without an allow-list takes public hosts, refuses private ones, and loopback unless allowed', async () => {
    const strict = serviceHostPolicy({ resolve });
    await expect(strict(mcp('https://public.example/mcp'))).resolves.toBeUndefined();
    await expect(strict(mcp('http://internal.example/mcp'))).rejects.toThrow(/private/);
    await expect(strict(mcp('http://192.168.1.5/mcp'))).rejects.toThrow(/private/);
    await expect(strict(mcp('http://localhost:3000/mcp'))).rejects.toThrow(/loopback/);
    await expect(strict(mcp('http://127.0.0.1:3000/mcp'))).rejects.toThrow(/loopback/);
    const dev = serviceHostPolicy({ resolve, allowLoopback: true });
    await expect(dev(mcp('http://localhost:3000/mcp'))).resolves.toBeUndefined();
    await expect(dev(mcp('http://10.0.0.8/mcp'))).rejects.toThrow(/private/);
  });

  it('with an allow-list takes only the listed hosts; * takes any', async () => {
    const listed = serviceHostPolicy({ allow: ['internal.example'], resolve });
    await expect(listed(mcp('http://internal.example/mcp'))).resolves.toBeUndefined();
    await expect(listed(mcp('https://public.example/mcp'))).rejects.toThrow(/not in the allowed/);
    const any = serviceHostPolicy({ allow: ['*'], resolve });
    await expect(any(mcp('http://10.0.0.8/mcp'))).resolves.toBeUndefined();
  });

  it('checks both the API base URL and the document URL of an OpenAPI registration', async () => {
    const check = serviceHostPolicy({ resolve });
    await expect(
      check({
        name: 'o',
        kind: 'openapi',
        url: 'https://public.example/api',
        source: 'http://internal.example/openapi.json',
      }),
    ).rejects.toThrow(/internal\.example.*private/);
  });
});
