import type { Logger } from './logger.js';

/** Options of {@link exitOnSignals}. */
export interface ExitOnSignalsOptions {
  /** Default: `process.exit`. */
  exit?: (code: number) => void;
  /**
   * Signals this soon after the first one are taken as the same one. Default 1000 ms: one
   * Ctrl+C reaches the process both from the terminal and relayed by `pnpm`/`tsx`.
   */
  repeatWindowMs?: number;
  /** Default: `Date.now`. */
  now?: () => number;
}

/**
 * On SIGINT or SIGTERM, runs `close` once and exits; a second signal (after the repeat window)
 * exits at once, for a shutdown stuck on a slow model call. Returns a function that removes
 * the handlers.
 */
export function exitOnSignals(
  close: () => Promise<void>,
  log: Logger,
  options: ExitOnSignalsOptions = {},
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? Date.now;
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (now() - firstAt < (options.repeatWindowMs ?? 1000)) return;
      log.warn(`${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    firstAt = now();
    log.info(`${signal}: shutting down (send it again to force)`);
    close().then(
      () => {
        log.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', error);
        exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
