/** A value that follows a call into everything it starts, awaits included. */
export interface AsyncContext<T> {
  /** The value of the innermost `run` this code was started from, if any. */
  getStore(): T | undefined;
  /** Runs `call` with `value` as the context of everything it starts. */
  run<R>(value: T, call: () => R): R;
}

interface BuiltinModules {
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * Node's `AsyncLocalStorage` (also in Deno and Bun), looked up at run time so that core imports
 * no Node module; `undefined` on runtimes without it (browsers, Node before 20.16), where what
 * relies on it does without.
 */
export function createAsyncContext<T>(): AsyncContext<T> | undefined {
  const runtime = (globalThis as { process?: BuiltinModules }).process;
  let hooks: { AsyncLocalStorage?: new () => AsyncContext<T> } | undefined;
  try {
    hooks = runtime?.getBuiltinModule?.('node:async_hooks') as typeof hooks;
  } catch {
    return undefined;
  }
  const Storage = hooks?.AsyncLocalStorage;
  return Storage === undefined ? undefined : new Storage();
}
