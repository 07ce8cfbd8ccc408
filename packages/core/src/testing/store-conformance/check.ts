import { NotFoundError } from '../../errors/errors.js';
import type { ConductStore } from '../../store/ports.js';

/** What a conformance check runs against. */
export interface CheckContext {
  /** The store under test. */
  readonly store: ConductStore;
  /**
   * Registers a cleanup to run once the check ends, pass or fail, newest first. A cleanup that
   * rejects with `NotFoundError` is fine (the check may already have deleted the thing).
   */
  defer(cleanup: () => Promise<unknown>): void;
}

/** One conformance check: a titled async function that throws when the store misbehaves. */
export interface StoreCheck {
  readonly title: string;
  run(context: CheckContext): Promise<void>;
}

/** A named set of checks for one aggregate or concern. */
export type StoreCheckGroup = Readonly<Record<string, StoreCheck>>;

/** Declares a check. */
export function storeCheck(
  title: string,
  run: (context: CheckContext) => Promise<void>,
): StoreCheck {
  return { title, run };
}

/**
 * Runs one check against a store and then its cleanups. Rejects with the check's own failure
 * (or, when the check passed, with the first cleanup failure).
 */
export async function runCheck(check: StoreCheck, store: ConductStore): Promise<void> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const context: CheckContext = { store, defer: (cleanup) => cleanups.push(cleanup) };
  let failure: { error: unknown } | undefined;
  try {
    await check.run(context);
  } catch (error) {
    failure = { error };
  }
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      if (!NotFoundError.is(error)) failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}
