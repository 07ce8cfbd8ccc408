import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ConductStore } from '../../store/ports.js';
import { storeConformanceChecks } from './all-checks.js';
import { runCheck } from './check.js';

// Above the longest wait a check starts (5 s), so a store that never wakes a waiter fails with
// the check's own message rather than vitest's timeout.
const CHECK_TIMEOUT_MS = 15_000;
// Creating a database-backed store may run migrations.
const SETUP_TIMEOUT_MS = 60_000;

/** How the kit gets (and gets rid of) the store under test. */
export interface StoreConformanceSetup {
  /** Creates the store once, before the first check. It may hold data of other runs. */
  create: () => Promise<ConductStore> | ConductStore;
  /** Disposes of the store after the last check; defaults to `store.close()`. */
  teardown?: (store: ConductStore) => Promise<void>;
}

/**
 * Registers the store conformance suite (vitest `describe`/`it`) for one store implementation.
 * Every check uses fresh ids and deletes what it created, so the store may be a shared,
 * persistent database; nothing is assumed about timing beyond what the ports promise.
 *
 * @example
 * describeStoreConformance('memory store', { create: () => createMemoryStore() });
 */
export function describeStoreConformance(name: string, setup: StoreConformanceSetup): void {
  describe(`${name} conforms to the store ports`, () => {
    let store: ConductStore | undefined;
    beforeAll(async () => {
      store = await setup.create();
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      if (store === undefined) return;
      await (setup.teardown ?? ((created) => created.close()))(store);
    }, SETUP_TIMEOUT_MS);
    const storeUnderTest = (): ConductStore => {
      if (store === undefined) throw new Error('The store was not created (see beforeAll)');
      return store;
    };
    for (const [groupTitle, group] of Object.entries(storeConformanceChecks)) {
      describe(groupTitle, () => {
        for (const check of Object.values(group)) {
          it(check.title, () => runCheck(check, storeUnderTest()), CHECK_TIMEOUT_MS);
        }
      });
    }
  });
}
