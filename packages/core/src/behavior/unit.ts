import type { ConductStore } from '../store/ports.js';
import type { StoreTransaction } from '../store/unit-of-work.js';

/**
 * How a behavior-model operation gets its transaction: a new one per operation, or the one the
 * operation is part of (a sync runs every definition in one transaction; they do not nest).
 */
export type UnitRunner = <T>(work: (tx: StoreTransaction) => Promise<T>) => Promise<T>;

/** Every operation in a transaction of its own. */
export function transactionRunner(store: ConductStore): UnitRunner {
  return (work) => store.transaction(work);
}

/** Every operation in the transaction `tx` that is already open. */
export function joinedRunner(tx: StoreTransaction): UnitRunner {
  return (work) => work(tx);
}
