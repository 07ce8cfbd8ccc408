import type { ConductStore } from '../store/ports.js';
import type { StoreTransaction } from '../store/unit-of-work.js';

/** Store methods that write. */
const WRITES = new Set([
  'create',
  'update',
  'delete',
  'deleteFrom',
  'deleteMany',
  'setValue',
  'deleteValue',
  'save',
  'append',
]);

/** The error an armed {@link FailingWrites} store throws. */
export class InjectedWriteFailure extends Error {
  constructor(write: string) {
    super(`injected failure at ${write}`);
    this.name = 'InjectedWriteFailure';
  }
}

/** A store whose writes can be made to fail, to prove that operations are atomic. */
export interface FailingWrites {
  /** The store to hand to the code under test (its transactions are wrapped too). */
  store: ConductStore;
  /**
   * From now on, the `nth` write (1 = the next one) throws {@link InjectedWriteFailure} instead of
   * writing; `null` disarms it.
   */
  failAt(nth: number | null): void;
  /** Writes made since the last `failAt`. */
  readonly writes: number;
}

/**
 * Wraps `store` so that one chosen write fails — through the store or inside a transaction:
 * operations that should be atomic must leave the store as it was when that happens.
 */
export function failingWrites(store: ConductStore): FailingWrites {
  let armed: number | null = null;
  let writes = 0;
  const wrapPorts = <T extends object>(ports: T): T => {
    const wrapped: Record<string, unknown> = { ...(ports as Record<string, unknown>) };
    for (const [name, port] of Object.entries(ports)) {
      if (port === null || typeof port !== 'object') continue;
      wrapped[name] = new Proxy(port as object, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          if (!WRITES.has(String(property))) return value.bind(target);
          return (...args: unknown[]) => {
            writes += 1;
            if (armed !== null && writes >= armed) {
              armed = null;
              return Promise.reject(new InjectedWriteFailure(`${name}.${String(property)}`));
            }
            return (value as (...args: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }
    return wrapped as T;
  };
  const wrapped: ConductStore = {
    ...wrapPorts(store),
    sessionLocks: store.sessionLocks,
    transaction: (work) => store.transaction((tx) => work(wrapPorts<StoreTransaction>(tx))),
    behaviorRevision: () => store.behaviorRevision(),
    close: () => store.close(),
  };
  return {
    store: wrapped,
    failAt(nth) {
      armed = nth;
      writes = 0;
    },
    get writes() {
      return writes;
    },
  };
}
