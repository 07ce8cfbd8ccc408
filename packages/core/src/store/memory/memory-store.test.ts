import { describe, expect, it } from 'vitest';
import type { Event } from '../../domain/event.js';
import {
  customerChecks,
  describeStoreConformance,
  entityCrudChecks,
  eventFilterChecks,
  eventLogChecks,
  eventWaitChecks,
  runCheck,
  type StoreCheck,
} from '../../testing/store-conformance/index.js';
import type { ConductStore } from '../ports.js';
import { createMemoryStore } from './memory-store.js';

const shared = createMemoryStore();

describeStoreConformance('memory store', {
  create: () => shared,
  // Kept open: the test below inspects what the kit left behind.
  teardown: async () => {},
});

describe('the store conformance kit', () => {
  it('leaves nothing behind but the guest', async () => {
    expect((await shared.customers.list()).map((customer) => customer.id)).toEqual(['guest']);
    for (const store of [
      shared.agents,
      shared.sessions,
      shared.guidelines,
      shared.relationships,
      shared.tags,
      shared.journeys,
      shared.terms,
      shared.variables,
      shared.cannedResponses,
      shared.capabilities,
    ]) {
      expect(await store.list()).toEqual([]);
    }
  });
});

/**
 * A copy of `target` whose listed methods are replaced; the others stay bound to `target` (the
 * memory stores keep state in private fields, so they must be called on the real instance).
 */
function override<T extends object>(target: T, replacements: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (key in replacements) return replacements[key as keyof T];
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

function brokenStore(replace: (store: ConductStore) => Partial<ConductStore>): ConductStore {
  const store = createMemoryStore();
  return { ...store, ...replace(store) };
}

async function expectCheckToFail(check: StoreCheck, store: ConductStore): Promise<void> {
  await expect(runCheck(check, store)).rejects.toThrow();
}

describe('the kit catches broken stores', () => {
  it('a racy append that hands out an offset twice', async () => {
    const store = brokenStore(({ events }) => ({
      events: override(events, {
        // Read-then-write without a lock: concurrent appends see the same count.
        async append(sessionId, event): Promise<Event> {
          const before = await events.list(sessionId, { includeDeleted: true });
          const appended = await events.append(sessionId, event);
          return { ...appended, offset: before.length };
        },
      }),
    }));
    await expectCheckToFail(eventLogChecks.concurrentAppends, store);
    await expect(runCheck(eventLogChecks.appendsAtNextOffset, store)).resolves.toBeUndefined();
  });

  it('a list that ignores the kinds filter', async () => {
    const store = brokenStore(({ events }) => ({
      events: override(events, {
        list: (sessionId, filter) => events.list(sessionId, { ...filter, kinds: undefined }),
      }),
    }));
    await expectCheckToFail(eventFilterChecks.everyFilter, store);
  });

  it('a waiter that polls instead of being notified', async () => {
    const store = brokenStore(({ events }) => ({
      events: override(events, {
        async waitFor(sessionId, filter, options) {
          for (let waited = 0; waited < options.timeoutMs; waited += 300) {
            const found = await events.list(sessionId, filter);
            if (found.length > 0) return found;
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
          return [];
        },
      }),
    }));
    await expectCheckToFail(eventWaitChecks.wakesOnAppend, store);
  });

  it('an update that erases fields given as undefined', async () => {
    const store = brokenStore(({ agents }) => ({
      agents: override(agents, {
        async update(id, patch) {
          const current = await agents.get(id);
          await agents.delete(id);
          return agents.create({ ...current, ...patch } as Parameters<typeof agents.create>[0]);
        },
      }),
    }));
    await expectCheckToFail(entityCrudChecks.agents.updates as StoreCheck, store);
  });

  it('pagination that ignores the cursor', async () => {
    const store = brokenStore(({ customers }) => ({
      customers: override(customers, {
        page: (options) => customers.page({ ...options, cursor: undefined }),
      }),
    }));
    await expectCheckToFail(customerChecks.pagesThroughAll, store);
  });
});
