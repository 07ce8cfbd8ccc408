import type { ConductStore } from './ports.js';

/**
 * The view of the store that a transaction's work writes through: every port, bound to the
 * transaction. What it writes becomes visible to everyone else — and wakes their waits — only
 * when the work resolves; if the work rejects, none of it happened.
 *
 * Use only this view inside the work: the store itself waits for the transaction to end, so a
 * call to it from inside the work never returns. Waiting (`events.waitFor`) inside a transaction
 * makes no sense and must not be done.
 */
export type StoreTransaction = Omit<ConductStore, 'transaction' | 'sessionLocks' | 'close'>;
