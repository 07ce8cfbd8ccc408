import type { TurnRecord } from '../domain/turn-record.js';
import type { TurnFinish, TurnOutcome } from './session-runtime.js';

/** How a turn ended, for `EngineDependencies.onTurnEnd` (e.g. one log line per turn). */
export interface TurnReport {
  outcome: TurnOutcome;
  /**
   * The turn's decision record as last saved — after the after-reply work, whose model calls
   * it holds too. `startedAt`/`endedAt` span the turn up to its final `ready`.
   */
  record: TurnRecord;
}

/** Options of {@link reportWhenSettled}. */
export interface ReportOptions {
  finish: TurnFinish;
  record: TurnRecord;
  onTurnEnd: ((report: TurnReport) => void) | undefined;
  /** Receives what `onTurnEnd` throws. */
  onError: (error: unknown) => void;
}

/**
 * Reports the turn once its after-reply work is done, as part of that work (so `await turn`,
 * `engine.idle` and `close` cover the report too).
 */
export function reportWhenSettled({
  finish,
  record,
  onTurnEnd,
  onError,
}: ReportOptions): TurnFinish {
  if (onTurnEnd === undefined) return finish;
  const report = () => {
    try {
      onTurnEnd({ outcome: finish.outcome, record });
    } catch (error) {
      onError(error);
    }
  };
  if (finish.background === undefined) {
    report();
    return finish;
  }
  return { ...finish, background: finish.background.finally(report) };
}
