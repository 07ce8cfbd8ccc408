import { type DependencyList, useCallback, useEffect, useState } from 'react';

/** The state of something loading. */
export interface AsyncState<T> {
  value: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again. */
  reload: () => void;
}

/**
 * Runs `load` when `deps` change (aborting the previous run) and keeps its latest result.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<{ value: T | undefined; error: unknown; loading: boolean }>({
    value: undefined,
    error: undefined,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ value, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ value: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [...deps, round]);
  return { ...state, reload } satisfies AsyncState<T>;
}
