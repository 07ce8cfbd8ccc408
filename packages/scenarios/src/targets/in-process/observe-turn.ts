import type { ConductStore, Event, TurnOutcome } from '@conduct/core';
import type { ObservedTurn, ObservedTurnStatus } from '../../target.js';

const STATUS: Record<TurnOutcome['status'], ObservedTurnStatus> = {
  answered: 'answered',
  'no-reply': 'no-reply',
  failed: 'error',
  cancelled: 'cancelled',
  // A turn that never started because a newer message came first: cancelled, as over the wire.
  superseded: 'cancelled',
  silent: 'silent',
};

/** What a finished turn did, read back from the store: its events, messages and record. */
export async function observeTurn(
  store: Pick<ConductStore, 'events' | 'turns'>,
  sessionId: string,
  outcome: TurnOutcome,
): Promise<ObservedTurn> {
  const { traceId } = outcome;
  const [events, records] = await Promise.all([
    store.events.list(sessionId, { traceId }),
    store.turns.list(sessionId, { traceId }),
  ]);
  return {
    traceId,
    status: STATUS[outcome.status],
    messages: agentMessages(events),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    events,
    record: records.at(-1),
  };
}

/** Text of each ai-agent message, in order (preambles first, the reply last). */
export function agentMessages(events: readonly Event[]): string[] {
  return events.flatMap((event) =>
    event.kind === 'message' && event.source === 'ai_agent' ? [event.data.message] : [],
  );
}
