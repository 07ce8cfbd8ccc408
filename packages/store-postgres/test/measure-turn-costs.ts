import {
  type ConductStore,
  generateId,
  generateTraceId,
  type StoreTransaction,
} from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';

const ROUNDS = 100;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The writes that end a turn (block reply, ready, session state, decision record). */
async function endOfTurn(store: StoreTransaction, sessionId: string, agentId: string) {
  const traceId = generateTraceId();
  const envelope = { source: 'ai_agent', traceId } as const;
  await store.events.append(sessionId, {
    ...envelope,
    kind: 'message',
    data: {
      message: 'Your order shipped today.',
      participant: { id: agentId, display_name: 'Ava' },
    },
  });
  await store.events.append(sessionId, {
    ...envelope,
    kind: 'status',
    data: { status: 'ready', data: {} },
  });
  const session = await store.sessions.get(sessionId);
  await store.sessions.update(sessionId, {
    state: {
      ...session.state,
      recentlyMatched: [['g1', 'g2'], ...session.state.recentlyMatched].slice(0, 3),
    },
  });
  await store.turns.save({
    ...newTurnRecord({
      id: generateId(),
      sessionId,
      agentId,
      traceId,
      startedAt: new Date().toISOString(),
    }),
    status: 'completed',
  });
}

/**
 * What the engine's coordination adds to a turn, in milliseconds (medians): taking and releasing
 * a session lock, and the end-of-turn writes as one transaction versus one by one.
 */
export async function measureTurnCosts(store: ConductStore) {
  const agent = await store.agents.create({ name: 'Bench' });
  const session = await store.sessions.create({ agentId: agent.id });
  const lock: number[] = [];
  const separate: number[] = [];
  const atomic: number[] = [];
  for (let n = 0; n < ROUNDS; n += 1) {
    let started = performance.now();
    await store.sessionLocks.withSessionLock(session.id, async () => {});
    lock.push(performance.now() - started);
    started = performance.now();
    await endOfTurn(store, session.id, agent.id);
    separate.push(performance.now() - started);
    started = performance.now();
    await store.transaction((tx) => endOfTurn(tx, session.id, agent.id));
    atomic.push(performance.now() - started);
  }
  return { lock: median(lock), separate: median(separate), atomic: median(atomic) };
}

/** One line of the report. */
export function reportTurnCosts(
  label: string,
  costs: Awaited<ReturnType<typeof measureTurnCosts>>,
): string {
  const f = (n: number) => n.toFixed(2).padStart(6);
  return `${label.padEnd(34)} per turn (ms): session lock ${f(costs.lock)} | end-of-turn writes one by one ${f(costs.separate)} | in one transaction ${f(costs.atomic)}`;
}
