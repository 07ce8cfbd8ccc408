import { NestedTransactionError } from '../../errors/errors.js';
import { createAsyncContext } from '../../util/async-context.js';

/**
 * Transactions of the memory store. One runs at a time; while it runs, calls through the
 * store's public ports wait for it to end (see {@link gatedPort}), so nothing else interleaves
 * with its writes. Before a part of the state is first changed in a transaction, its owner
 * registers how to put it back ({@link MemoryJournal.touch}); wake-ups are held back until the
 * commit ({@link MemoryJournal.afterCommit}). A rejected transaction restores every touched part
 * and drops the wake-ups, so none of it ever happened.
 */
export class MemoryJournal {
  #active: { undo: Map<string, () => void>; wakeUps: (() => void)[] } | undefined;
  #tail: Promise<void> = Promise.resolve();
  /** Calls from the transaction's own view in progress (they must not wait for themselves). */
  #bypass = 0;
  /** Which transaction's work a call comes from, where the runtime can tell. */
  readonly #scope = createAsyncContext<{ open: boolean }>();

  /**
   * Runs `work` as one transaction (after the ones already started). Rejects at once with
   * `NestedTransactionError` when called from inside a transaction's work, which would otherwise
   * wait for itself forever.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    // What `work` started outside its awaits may run later, after it ended: only an open one counts.
    if (this.#scope?.getStore()?.open === true) throw new NestedTransactionError();
    const previous = this.#tail;
    let done!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      done = resolve;
    });
    await previous;
    const active = { undo: new Map<string, () => void>(), wakeUps: [] as (() => void)[] };
    this.#active = active;
    const scope = { open: true };
    try {
      const result = await (this.#scope === undefined ? work() : this.#scope.run(scope, work));
      this.#active = undefined;
      for (const wakeUp of active.wakeUps) wakeUp();
      return result;
    } catch (error) {
      this.#active = undefined;
      for (const restore of [...active.undo.values()].reverse()) restore();
      throw error;
    } finally {
      scope.open = false;
      this.#active = undefined;
      done();
    }
  }

  /**
   * Before changing the part of the state named `key` inside a transaction: `save` is called
   * (once per transaction and key) and returns what puts the part back as it was.
   */
  touch(key: string, save: () => () => void): void {
    if (this.#active === undefined || this.#active.undo.has(key)) return;
    this.#active.undo.set(key, save());
  }

  /** Runs `wakeUp` now, or once the running transaction commits (never if it rolls back). */
  afterCommit(wakeUp: () => void): void {
    if (this.#active === undefined) wakeUp();
    else this.#active.wakeUps.push(wakeUp);
  }

  /** Runs `call` now, or — from outside a running transaction — after it (and any queued). */
  gate<T>(call: () => T): T | Promise<Awaited<T>> {
    if (this.#active === undefined || this.#bypass > 0) return call();
    return this.#tail.then(() => this.gate(call)) as Promise<Awaited<T>>;
  }

  /** Runs `call` as the transaction's own (its synchronous part passes every gate). */
  within<T>(call: () => T): T {
    this.#bypass += 1;
    try {
      return call();
    } finally {
      this.#bypass -= 1;
    }
  }
}

/**
 * The public face of a memory port: every method call waits while a transaction runs. Property
 * writes (test spies) go to the port itself, so the transaction's view sees them too.
 */
export function gatedPort<T extends object>(port: T, journal: MemoryJournal): T {
  return new Proxy(port, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => journal.gate(() => value.apply(target, args));
    },
  });
}

/** A memory port as a transaction sees it: calls pass the gates the transaction closed. */
export function transactionPort<T extends object>(port: T, journal: MemoryJournal): T {
  return new Proxy(port, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => journal.within(() => value.apply(target, args));
    },
  });
}
