import type { ConductStore, Event } from '@conduct/core';

/**
 * Waits (on the store's wake-ups, never by sleeping) until `done` holds for the session's log,
 * and returns the log. Rejects after `timeoutMs`.
 */
export async function waitForLog(
  store: ConductStore,
  sessionId: string,
  done: (events: Event[]) => boolean,
  timeoutMs = 30_000,
): Promise<Event[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await store.events.list(sessionId, { includeDeleted: true });
    if (done(events)) return events;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`Timed out waiting on the log of session ${sessionId}`);
    const next = (events.at(-1)?.offset ?? -1) + 1;
    await store.events.waitFor(
      sessionId,
      { minOffset: next, includeDeleted: true },
      {
        timeoutMs: remaining,
      },
    );
  }
}

/** True when the trace holds a completed turn: more `ready` than `cancelled` statuses. */
export function traceCompleted(events: readonly Event[], traceId: string): boolean {
  let balance = 0;
  for (const event of events) {
    if (event.kind !== 'status' || event.traceId !== traceId) continue;
    if (event.data.status === 'ready') balance += 1;
    if (event.data.status === 'cancelled') balance -= 1;
  }
  return balance > 0;
}

/** Agent replies, by trace id. */
export function repliesByTrace(events: readonly Event[]): Map<string, string[]> {
  const replies = new Map<string, string[]>();
  for (const event of events) {
    if (event.kind !== 'message' || event.source !== 'ai_agent') continue;
    replies.set(event.traceId, [...(replies.get(event.traceId) ?? []), event.data.message]);
  }
  return replies;
}
