import { expect } from 'vitest';
import type { NewEvent } from '../../domain/event.js';
import { NotFoundError } from '../../errors/errors.js';
import type { ConductStore } from '../../store/ports.js';
import type { UnfinishedTurn } from '../../store/turn-completion.js';
import { storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  messageEvent,
  statusEvent,
  traceId,
  uid,
} from './fixtures.js';

function readyEvent(trace: string): NewEvent {
  return {
    kind: 'status',
    source: 'ai_agent',
    traceId: trace,
    data: {
      status: 'ready',
      data: {
        stage: 'completed',
        matched_guidelines: [],
        matched_journeys: [],
        matched_journey_states: [],
      },
    },
  };
}

async function unfinishedIds(store: ConductStore, sessionIds: string[]): Promise<string[]> {
  const all = await store.events.listUnfinishedTurns();
  return all.filter((turn) => sessionIds.includes(turn.sessionId)).map((turn) => turn.sessionId);
}

/** Finding customer messages that never got a completed turn (crash recovery). */
export const turnCompletionChecks = {
  latestCustomerMessage: storeCheck(
    'tells a session’s newest customer message and whether a turn completed after it',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      expect(await store.events.latestCustomerMessage(session.id)).toBeUndefined();
      await expectRejection(store.events.latestCustomerMessage(uid('no-session-')), NotFoundError);
      const t1 = traceId();
      const first = await store.events.append(session.id, messageEvent('one', { traceId: t1 }));
      await store.events.append(session.id, statusEvent('acknowledged', { traceId: t1 }));
      expect(await store.events.latestCustomerMessage(session.id)).toEqual({
        event: first,
        completed: false,
      });
      await store.events.append(
        session.id,
        messageEvent('agent', { source: 'ai_agent', traceId: t1 }),
      );
      await store.events.append(session.id, readyEvent(t1));
      expect(await store.events.latestCustomerMessage(session.id)).toEqual({
        event: first,
        completed: true,
      });

      const t2 = traceId();
      const second = await store.events.append(session.id, messageEvent('two', { traceId: t2 }));
      // Another trace's turn that ends after the message (it committed before) does not count.
      await store.events.append(session.id, readyEvent(t1));
      expect(await store.events.latestCustomerMessage(session.id)).toEqual({
        event: second,
        completed: false,
      });
      // A turn retried in the same trace after a cancellation completes it.
      await store.events.append(session.id, statusEvent('cancelled', { traceId: t2 }));
      await store.events.append(session.id, readyEvent(t2));
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(false);
      await store.events.append(session.id, readyEvent(t2));
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(true);

      const third = await store.events.append(session.id, messageEvent('three'));
      await store.events.deleteFrom(session.id, third.offset);
      expect((await store.events.latestCustomerMessage(session.id))?.event.id).toBe(second.id);
    },
  ),

  preambleReady: storeCheck(
    'does not count the `ready {}` after a preamble as a completed turn',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const t = traceId();
      await store.events.append(session.id, messageEvent('hi', { traceId: t }));
      await store.events.append(
        session.id,
        messageEvent('One moment.', { source: 'ai_agent', traceId: t }),
      );
      const preambleReady: NewEvent = {
        kind: 'status',
        source: 'ai_agent',
        traceId: t,
        data: { status: 'ready', data: {} },
      };
      await store.events.append(session.id, preambleReady);
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(false);
      expect(await unfinishedIds(store, [session.id])).toEqual([session.id]);
      // Cancelled after its preamble (a shutdown): still unfinished.
      await store.events.append(session.id, statusEvent('cancelled', { traceId: t }));
      await store.events.append(session.id, readyEvent(t));
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(false);
      await store.events.append(session.id, readyEvent(t));
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(true);
      expect(await unfinishedIds(store, [session.id])).toEqual([]);
    },
  ),

  humanAnswered: storeCheck(
    'does not list a message a human agent answered (in manual mode, then handed back)',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const t = traceId();
      const message = await store.events.append(session.id, messageEvent('hi', { traceId: t }));
      expect(await unfinishedIds(store, [session.id])).toEqual([session.id]);
      const reply = await store.events.append(
        session.id,
        messageEvent('Hello, this is Sam.', { source: 'human_agent_on_behalf_of_ai_agent' }),
      );
      expect(await unfinishedIds(store, [session.id])).toEqual([]);
      // A deleted human reply does not count.
      await store.events.deleteFrom(session.id, reply.offset);
      expect(await unfinishedIds(store, [session.id])).toEqual([session.id]);
      expect(message.offset).toBe(0);
    },
  ),

  listsUnfinished: storeCheck(
    'lists the auto-mode sessions whose newest customer message has no completed turn',
    async (context) => {
      const { store } = context;
      const agent = { agentId: (await createSession(context)).agentId };
      const [unanswered, answered, manual, silent, cancelled] = await Promise.all(
        [{}, {}, { mode: 'manual' as const }, {}, {}].map((extra) =>
          createSession(context, { ...agent, ...extra }),
        ),
      );
      const ids = [unanswered!, answered!, manual!, silent!, cancelled!].map((s) => s.id);
      const t = traceId();
      const message = await store.events.append(
        unanswered!.id,
        messageEvent('help', { traceId: t }),
      );
      await store.events.append(answered!.id, messageEvent('help', { traceId: t }));
      await store.events.append(answered!.id, readyEvent(t));
      await store.events.append(manual!.id, messageEvent('help'));
      await store.events.append(silent!.id, statusEvent('typing'));
      await store.events.append(cancelled!.id, messageEvent('help', { traceId: t }));
      await store.events.append(cancelled!.id, statusEvent('cancelled', { traceId: t }));
      await store.events.append(cancelled!.id, readyEvent(t));
      expect((await unfinishedIds(store, ids)).sort()).toEqual(
        [unanswered!.id, cancelled!.id].sort(),
      );
      const mine = (await store.events.listUnfinishedTurns()).find(
        (turn) => turn.sessionId === unanswered!.id,
      );
      expect(mine).toEqual({
        sessionId: unanswered!.id,
        eventId: message.id,
        offset: 0,
        traceId: t,
        createdAt: message.createdAt,
        cursor: expect.any(String),
      });
      expect((await store.events.listUnfinishedTurns({ limit: 1 })).length).toBeLessThanOrEqual(1);
    },
  ),

  pagesUnfinished: storeCheck(
    'pages through unfinished turns with the cursor of the last one, oldest session first',
    async (context) => {
      const { store } = context;
      const agentId = (await createSession(context)).agentId;
      const sessions = [];
      for (const _ of [1, 2, 3]) sessions.push(await createSession(context, { agentId }));
      const messages = new Map<string, string>();
      for (const session of sessions) {
        const message = await store.events.append(session.id, messageEvent('still waiting'));
        messages.set(session.id, message.createdAt);
      }
      const ours = new Set(sessions.map((session) => session.id));
      const seen: string[] = [];
      const found: UnfinishedTurn[] = [];
      let cursor: string | undefined;
      // Other checks may share the store: walk every page, one turn per page.
      for (let page = 0; page < 10_000; page += 1) {
        const turns = await store.events.listUnfinishedTurns({
          limit: 1,
          ...(cursor === undefined ? {} : { cursor }),
        });
        expect(turns.length).toBeLessThanOrEqual(1);
        const turn = turns[0];
        if (turn === undefined) break;
        seen.push(turn.sessionId);
        if (ours.has(turn.sessionId)) found.push(turn);
        cursor = turn.cursor;
      }
      expect(new Set(seen).size, 'a session was listed twice').toBe(seen.length);
      const oldestFirst = [...sessions]
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
        )
        .map((session) => session.id);
      expect(found.map((turn) => turn.sessionId)).toEqual(oldestFirst);
      for (const turn of found) expect(turn.createdAt).toBe(messages.get(turn.sessionId));
      // After the second of ours, only the third of ours is left.
      const after = await store.events.listUnfinishedTurns({ cursor: found[1]!.cursor });
      expect(after.filter((turn) => ours.has(turn.sessionId)).map((t) => t.sessionId)).toEqual([
        oldestFirst[2],
      ]);
      // An invalid cursor is ignored, as in every listing.
      const all = await store.events.listUnfinishedTurns({ cursor: 'not a cursor' });
      expect(all.filter((turn) => ours.has(turn.sessionId))).toHaveLength(3);
    },
  ),
};
