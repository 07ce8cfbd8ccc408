import { expect } from 'vitest';
import { GUEST_CUSTOMER_ID } from '../../domain/customer.js';
import { ValidationError } from '../../errors/errors.js';
import { type CheckContext, storeCheck } from './check.js';
import { expectRejection, pause, range } from './fixtures.js';

/** Creates `count` customers with distinct creation times; they are deleted afterwards. */
async function createCustomers(context: CheckContext, count: number) {
  const { customers } = context.store;
  for (const n of range(count)) {
    const customer = await customers.create({ name: `Page customer ${n}` });
    context.defer(() => customers.delete(customer.id));
    await pause(2);
  }
}

/** The built-in guest and cursor pagination of customers. */
export const customerChecks = {
  guestExists: storeCheck('has the built-in guest customer', async ({ store }) => {
    const guest = await store.customers.get(GUEST_CUSTOMER_ID);
    expect(guest).toEqual({
      id: 'guest',
      name: 'Guest',
      metadata: {},
      tags: [],
      createdAt: guest.createdAt,
    });
    expect(await store.customers.find(GUEST_CUSTOMER_ID)).toEqual(guest);
  }),

  guestFirst: storeCheck('lists the guest first in ascending order', async (context) => {
    await createCustomers(context, 1);
    const { customers } = context.store;
    expect((await customers.list())[0]?.id).toBe(GUEST_CUSTOMER_ID);
    expect((await customers.page()).items[0]?.id).toBe(GUEST_CUSTOMER_ID);
    expect((await customers.page({ limit: 1 })).items.map((item) => item.id)).toEqual(['guest']);
    const descending = await customers.page({ sort: 'desc' });
    expect(descending.items.at(-1)?.id).toBe(GUEST_CUSTOMER_ID);
  }),

  guestUndeletable: storeCheck(
    'refuses to delete the guest with ValidationError',
    async ({ store }) => {
      await expectRejection(store.customers.delete(GUEST_CUSTOMER_ID), ValidationError);
      expect((await store.customers.get(GUEST_CUSTOMER_ID)).name).toBe('Guest');
    },
  ),

  pagesThroughAll: storeCheck(
    'pages through every customer with a cursor: no duplicate, none missed, counts right',
    async (context) => {
      await createCustomers(context, 5);
      const { customers } = context.store;
      for (const sort of ['asc', 'desc'] as const) {
        const everything = await customers.page({ sort });
        expect(everything.hasMore).toBe(false);
        expect(everything.nextCursor).toBeNull();
        expect(everything.totalCount).toBe(everything.items.length);
        const all = everything.items.map((customer) => customer.id);
        const listed = (await customers.list()).map((customer) => customer.id);
        expect(all).toEqual(sort === 'asc' ? listed : [...listed].reverse());

        const seen: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await customers.page({ limit: 2, sort, cursor });
          expect(page.totalCount).toBe(all.length - seen.length);
          expect(page.items.length).toBe(Math.min(2, all.length - seen.length));
          seen.push(...page.items.map((customer) => customer.id));
          expect(page.hasMore).toBe(seen.length < all.length);
          if (!page.hasMore) {
            expect(page.nextCursor).toBeNull();
            break;
          }
          expect(typeof page.nextCursor).toBe('string');
          cursor = page.nextCursor ?? undefined;
        }
        expect(seen).toEqual(all);
      }
    },
  ),

  invalidCursor: storeCheck('ignores an invalid cursor', async (context) => {
    await createCustomers(context, 3);
    const { customers } = context.store;
    const first = await customers.page({ limit: 3 });
    for (const cursor of ['not a cursor', btoa('no separator'), btoa('yesterday|x'), '']) {
      expect(await customers.page({ limit: 3, cursor })).toEqual(first);
    }
  }),
} as const;
