import type { TurnOutcome } from '@conduct/core';

/**
 * Lets a turn run in the background. The engine reports turn failures itself (as `error`
 * status events and through its `onError`), so a rejection here must not crash the process.
 */
export function ignoreTurnOutcome(turn: Promise<TurnOutcome>): void {
  turn.catch(() => {});
}
