import type { Event, Session, TurnOutcome } from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, services } from '../app-env.js';
import { HttpError } from '../errors.js';
import type { EventCreationParams } from './event-creation-schema.js';
import { waitMs } from './event-query.js';
import { ignoreTurnOutcome } from './turn-outcome.js';

const WHY_SILENT: Partial<Record<TurnOutcome['status'], string>> = {
  silent: 'the session is in manual mode (or was deleted)',
  superseded: 'a newer customer message took over before it started',
};

/**
 * `{kind:"message", source:"ai_agent"}` without `guidelines`
 * (docs/compatibility.md#creating-events): asks the engine to respond now, under this request's
 * trace, and answers with the turn's first status event (waiting up to 60 s, capped by
 * `maxWaitSeconds`). If the turn ends without emitting any event (manual mode), the answer is a 409
 * that says why; no status within the wait is a 504.
 *
 * Utterances (`guidelines: [{action}]`) are not supported yet: they are a 422 that says so.
 */
export async function requestAgentTurn(
  c: Context<AppEnv>,
  session: Session,
  params: EventCreationParams,
  traceId: string,
): Promise<Event> {
  if (params.guidelines && params.guidelines.length > 0) {
    throw new HttpError(
      422,
      "Agent utterances ('guidelines') are not supported yet; omit 'guidelines' to let the agent respond",
    );
  }
  const { store, engine } = services(c);
  const filter = { traceId, kinds: ['status' as const] };
  const controller = new AbortController();
  const onRequestAbort = () => controller.abort();
  c.req.raw.signal.addEventListener('abort', onRequestAbort, { once: true });
  const turn = engine.respond(session.id, traceId);
  ignoreTurnOutcome(turn);
  try {
    const first = await Promise.race([
      store.events
        .waitFor(session.id, filter, { timeoutMs: waitMs(c, 60), signal: controller.signal })
        .then((events) => ({ events, outcome: undefined })),
      turn.then(
        (outcome) => ({ events: undefined, outcome }),
        () => ({ events: undefined, outcome: undefined }),
      ),
    ]);
    const events = first.events ?? (await store.events.list(session.id, filter));
    const [status] = events;
    if (status !== undefined) return status;
    if (first.events !== undefined) throw new HttpError(504, 'Request timed out');
    const reason =
      (first.outcome && WHY_SILENT[first.outcome.status]) ?? 'the turn emitted no events';
    throw new HttpError(409, `The agent did not respond: ${reason}`);
  } finally {
    c.req.raw.signal.removeEventListener('abort', onRequestAbort);
    controller.abort();
  }
}
