import { describe, expect, it } from 'vitest';
import { createCustomerToken, verifyCustomerToken } from '../src/index.js';

const SECRET = 'token-secret-0123456789abcdef0123456789';

describe('customer tokens', () => {
  it('round-trips the customer id and expiry', async () => {
    const now = () => 1_700_000_000_000;
    const token = await createCustomerToken({
      secret: SECRET,
      customerId: 'alice',
      expiresInSeconds: 60,
      now,
    });
    expect(token).toMatch(/^ct1\.[\w-]+\.[\w-]+$/);
    expect(await verifyCustomerToken(token, { secret: SECRET, now })).toEqual({
      customerId: 'alice',
      expiresAt: 1_700_000_060,
    });
    expect(
      await verifyCustomerToken(token, { secret: SECRET, now: () => 1_700_000_060_000 }),
    ).toBeUndefined();
    expect(await verifyCustomerToken(token, { secret: `${SECRET}x`, now })).toBeUndefined();
    expect(await verifyCustomerToken('not a token', { secret: SECRET })).toBeUndefined();
  });

  it('refuses bad options', async () => {
    await expect(
      createCustomerToken({ secret: SECRET, customerId: 'a', expiresInSeconds: 0 }),
    ).rejects.toThrow('expiresInSeconds');
    await expect(
      createCustomerToken({ secret: '', customerId: 'a', expiresInSeconds: 5 }),
    ).rejects.toThrow('secret');
  });
});
