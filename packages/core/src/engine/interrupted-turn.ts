import type { ConductStore } from '../store/ports.js';
import type { TurnOutcome, TurnStart } from './session-runtime.js';

/** The `exception` of the `error` status that marks a turn a crash interrupted. */
export const INTERRUPTED_TURN_MESSAGE =
  'InterruptedTurn: the turn was interrupted (the server stopped) before it completed';

/**
 * Closes a turn that a crash left unfinished without running it: `error` then `ready`, in the
 * message's trace, committed together — so clients stop waiting and the customer can write again.
 */
export async function markInterrupted(store: ConductStore, start: TurnStart): Promise<TurnOutcome> {
  await store.transaction(async (tx) => {
    const envelope = { kind: 'status', source: 'ai_agent', traceId: start.traceId } as const;
    await tx.events.append(start.sessionId, {
      ...envelope,
      data: { status: 'error', data: { exception: INTERRUPTED_TURN_MESSAGE } },
    });
    await tx.events.append(start.sessionId, {
      ...envelope,
      data: {
        status: 'ready',
        data: {
          stage: 'completed',
          matched_guidelines: [],
          matched_journeys: [],
          matched_journey_states: [],
        },
      },
    });
  });
  return { status: 'failed', traceId: start.traceId, error: INTERRUPTED_TURN_MESSAGE };
}
