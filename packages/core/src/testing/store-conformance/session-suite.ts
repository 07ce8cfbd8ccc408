import { expect } from 'vitest';
import type { Session, SessionInput } from '../../domain/session.js';
import type { SessionEngineState } from '../../domain/session-state.js';
import { NotFoundError } from '../../errors/errors.js';
import type { SessionFilter } from '../../store/ports.js';
import { type CheckContext, storeCheck } from './check.js';
import {
  createAgent,
  createSession,
  expectRejection,
  messageEvent,
  pause,
  range,
  traceId,
  turnRecord,
  uid,
} from './fixtures.js';

/** Creates sessions of one fresh agent, in order, with distinct creation times. */
async function createSessions(
  context: CheckContext,
  inputs: Omit<SessionInput, 'agentId'>[],
): Promise<Session[]> {
  const agent = await createAgent(context);
  const sessions: Session[] = [];
  for (const input of inputs) {
    sessions.push(await createSession(context, { ...input, agentId: agent.id }));
    await pause(2);
  }
  return sessions;
}

const ids = (sessions: Session[]) => sessions.map((session) => session.id);

/** Session-specific rules: references, filters, pagination, cascades, engine state. */
export const sessionChecks = {
  requiresAgent: storeCheck(
    'rejects a session of an unknown agent with NotFoundError',
    async ({ store }) => {
      const agentId = uid('no-agent-');
      const error = await expectRejection(store.sessions.create({ agentId }), NotFoundError);
      expect(error.message).toContain(agentId);
      expect(await store.sessions.list({ agentId })).toEqual([]);
    },
  ),

  customerNotChecked: storeCheck(
    'defaults the customer to the guest and accepts a customer id it does not know',
    async (context) => {
      const [guestSession, other] = await createSessions(context, [
        {},
        { customerId: uid('stranger-') },
      ]);
      expect(guestSession?.customerId).toBe('guest');
      expect(other?.customerId).toMatch(/^stranger-/);
    },
  ),

  filters: storeCheck('filters by agent, customer and labels (all of them)', async (context) => {
    const customerId = uid('customer-');
    const [both, onlyVip, none, otherCustomer] = await createSessions(context, [
      { customerId, labels: ['vip', 'refund'] },
      { customerId, labels: ['vip'] },
      { customerId },
      { labels: ['vip', 'refund'] },
    ]);
    const agentId = both?.agentId ?? '';
    const list = async (filter: SessionFilter) => ids(await context.store.sessions.list(filter));
    expect(await list({ agentId })).toEqual(ids([both, onlyVip, none, otherCustomer] as Session[]));
    expect(await list({ customerId })).toEqual(ids([both, onlyVip, none] as Session[]));
    expect(await list({ agentId, labels: ['vip'] })).toEqual(
      ids([both, onlyVip, otherCustomer] as Session[]),
    );
    expect(await list({ agentId, labels: ['refund', 'vip'] })).toEqual(
      ids([both, otherCustomer] as Session[]),
    );
    expect(await list({ agentId, customerId, labels: ['refund'] })).toEqual(
      ids([both] as Session[]),
    );
    expect(await list({ agentId, labels: ['unknown'] })).toEqual([]);
    expect(await list({ agentId: uid('nobody-') })).toEqual([]);
  }),

  pages: storeCheck('pages sessions of a filter with a cursor, both ways', async (context) => {
    const sessions = await createSessions(
      context,
      range(5).map(() => ({})),
    );
    const agentId = sessions[0]?.agentId ?? '';
    const { sessions: store } = context.store;
    const all = await store.page({ agentId });
    expect(all).toEqual({ items: sessions, totalCount: 5, hasMore: false, nextCursor: null });

    const first = await store.page({ agentId, limit: 2 });
    expect(ids(first.items)).toEqual(ids(sessions.slice(0, 2)));
    expect([first.totalCount, first.hasMore]).toEqual([5, true]);
    const second = await store.page({ agentId, limit: 2, cursor: first.nextCursor ?? '' });
    expect(ids(second.items)).toEqual(ids(sessions.slice(2, 4)));
    expect([second.totalCount, second.hasMore]).toEqual([3, true]);
    const last = await store.page({ agentId, limit: 2, cursor: second.nextCursor ?? '' });
    expect(last).toEqual({
      items: sessions.slice(4),
      totalCount: 1,
      hasMore: false,
      nextCursor: null,
    });

    const reversed = [...sessions].reverse();
    const down = await store.page({ agentId, limit: 3, sort: 'desc' });
    expect(ids(down.items)).toEqual(ids(reversed.slice(0, 3)));
    const rest = await store.page({
      agentId,
      limit: 3,
      sort: 'desc',
      cursor: down.nextCursor ?? '',
    });
    expect(ids(rest.items)).toEqual(ids(reversed.slice(3)));
    expect([rest.totalCount, rest.hasMore, rest.nextCursor]).toEqual([2, false, null]);
    expect(await store.page({ agentId, limit: 2, cursor: 'garbage' })).toEqual(first);
  }),

  deleteManyCascades: storeCheck(
    'deleteMany deletes only matching sessions, counts them and cascades',
    async (context) => {
      const { store } = context;
      const [doomedA, doomedB, spared] = await createSessions(context, [
        { labels: ['closed'] },
        { labels: ['closed', 'vip'] },
        {},
      ]);
      const doomed = [doomedA, doomedB] as Session[];
      const agentId = doomedA?.agentId ?? '';
      const events = await Promise.all(
        doomed.map((session) => store.events.append(session.id, messageEvent())),
      );
      const records = await Promise.all(
        doomed.map((session) => store.turns.save(turnRecord(session))),
      );
      expect(await store.sessions.deleteMany({ agentId, labels: ['closed'] })).toBe(2);
      expect(ids(await store.sessions.list({ agentId }))).toEqual([spared?.id]);
      for (const [index, session] of doomed.entries()) {
        await expectRejection(store.sessions.get(session.id), NotFoundError);
        await expectRejection(store.events.list(session.id), NotFoundError);
        await expectRejection(store.events.get(session.id, events[index]?.id ?? ''), NotFoundError);
        await expectRejection(store.turns.get(records[index]?.id ?? ''), NotFoundError);
      }
      expect(await store.sessions.deleteMany({ agentId, labels: ['closed'] })).toBe(0);
      expect(await store.sessions.deleteMany({ agentId })).toBe(1);
      expect(await store.sessions.list({ agentId })).toEqual([]);
    },
  ),

  deleteCascades: storeCheck(
    'deleting a session deletes its events and turn records',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const record = await store.turns.save(turnRecord(session));
      await store.sessions.delete(session.id);
      await expectRejection(store.events.get(session.id, event.id), NotFoundError);
      await expectRejection(store.events.list(session.id), NotFoundError);
      await expectRejection(store.turns.get(record.id), NotFoundError);
    },
  ),

  stateRoundTrips: storeCheck('stores the engine state exactly as given', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const trace = traceId();
    const state: SessionEngineState = {
      appliedGuidelines: [
        { guidelineId: uid(), traceId: trace, appliedAt: '2026-03-01T10:00:00.000Z', count: 2 },
      ],
      journeys: {
        refund: {
          journeyId: 'refund',
          stateId: 'ask-order',
          path: ['start', 'ask-order'],
          outcome: 'active',
          updatedAt: '2026-03-01T10:00:01.000Z',
          traceId: trace,
        },
        onboarding: {
          journeyId: 'onboarding',
          stateId: null,
          path: ['welcome'],
          outcome: 'completed',
          updatedAt: '2026-02-01T09:00:00.000Z',
          traceId: null,
        },
      },
      transfers: [
        {
          fromAgentId: session.agentId,
          toAgentId: uid(),
          reason: 'billing question',
          traceId: trace,
          at: '2026-03-01T10:00:02.000Z',
        },
      ],
      recentlyMatched: [[uid(), uid()], [], [uid()]],
    };
    const updated = await store.sessions.update(session.id, { state });
    expect(updated).toEqual({ ...session, state });
    expect(await store.sessions.get(session.id)).toEqual({ ...session, state });
  }),
} as const;
