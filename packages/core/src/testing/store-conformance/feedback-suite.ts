import { expect } from 'vitest';
import type { Feedback, FeedbackInput } from '../../domain/feedback.js';
import type { Session } from '../../domain/session.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/errors.js';
import { type CheckContext, storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  GENERATED_ID,
  issuePaths,
  pause,
  range,
  scribble,
  timed,
  traceId,
  uid,
} from './fixtures.js';

/** A minimal valid feedback input on a (made-up) agent message of `session`. */
function feedbackInput(session: Session, overrides: Partial<FeedbackInput> = {}): FeedbackInput {
  return {
    sessionId: session.id,
    agentId: session.agentId,
    eventId: uid(),
    traceId: traceId(),
    rating: 'bad',
    ...overrides,
  };
}

/** Creates feedback that is deleted when the check ends. */
async function createFeedback(
  context: CheckContext,
  session: Session,
  overrides: Partial<FeedbackInput> = {},
): Promise<Feedback> {
  const feedback = await context.store.feedback.create(feedbackInput(session, overrides));
  context.defer(() => context.store.feedback.delete(feedback.id));
  return feedback;
}

/** Creates `count` pieces of feedback on `session`, in order, with distinct creation times. */
async function createSeveral(
  context: CheckContext,
  session: Session,
  count: number,
): Promise<Feedback[]> {
  const created: Feedback[] = [];
  for (const index of range(count)) {
    created.push(await createFeedback(context, session, { comment: `number ${index}` }));
    await pause(2);
  }
  return created;
}

const ids = (items: Feedback[]) => items.map((item) => item.id);

/** Feedback on agent messages: validation, listing by session, agent and time, cascades. */
export const feedbackChecks = {
  createsAndGets: storeCheck(
    'creates feedback with its corrections and gets it back unchanged',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const input = feedbackInput(session, {
        author: 'ops@example.com',
        comment: 'It promised a refund the policy does not allow',
        corrections: {
          guidelines: { shouldMatch: ['refund-policy'], shouldNotMatch: ['offer-refund'] },
          expectedReply: 'Refunds are possible within 30 days of delivery.',
          tools: { shouldCall: ['local:order_status'], shouldNotCall: ['local:refund'] },
        },
      });
      const created = await createFeedback(context, session, input);
      expect(created).toEqual({
        ...input,
        id: expect.stringMatching(GENERATED_ID),
        createdAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);
      const stored = await store.feedback.get(created.id);
      expect(stored).toEqual(created);
      scribble(stored);
      expect(await store.feedback.get(created.id)).toEqual(created);
      await expectRejection(store.feedback.get(uid('no-feedback-')), NotFoundError);
    },
  ),

  defaults: storeCheck(
    'defaults author, comment and corrections, and keeps each correction once',
    async (context) => {
      const session = await createSession(context);
      const bare = await createFeedback(context, session, { rating: 'good' });
      expect(bare).toMatchObject({
        rating: 'good',
        author: null,
        comment: null,
        corrections: {
          guidelines: { shouldMatch: [], shouldNotMatch: [] },
          expectedReply: null,
          tools: { shouldCall: [], shouldNotCall: [] },
        },
      });
      const repeated = await createFeedback(context, session, {
        corrections: { guidelines: { shouldMatch: ['g2', 'g1', 'g2'] } },
      });
      expect(repeated.corrections.guidelines).toEqual({
        shouldMatch: ['g2', 'g1'],
        shouldNotMatch: [],
      });
      expect(await context.store.feedback.get(repeated.id)).toEqual(repeated);
    },
  ),

  rejectsInvalid: storeCheck(
    'rejects invalid feedback with ValidationError naming the field, and stores nothing',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const invalid = [
        { change: { rating: 'meh' }, path: ['rating'] },
        { change: { eventId: '' }, path: ['eventId'] },
        {
          change: { corrections: { guidelines: { shouldMatch: ['g1'], shouldNotMatch: ['g1'] } } },
          path: ['corrections', 'guidelines', 'shouldNotMatch', 0],
        },
        {
          change: { corrections: { tools: { shouldCall: ['refund'] } } },
          path: ['corrections', 'tools', 'shouldCall', 0],
        },
        {
          change: { corrections: { expectedReply: '  ' } },
          path: ['corrections', 'expectedReply'],
        },
      ];
      for (const { change, path } of invalid) {
        const input = { ...feedbackInput(session), ...change } as FeedbackInput;
        const error = await expectRejection(store.feedback.create(input), ValidationError);
        expect(issuePaths(error)).toContainEqual(path);
      }
      expect((await store.feedback.list({ sessionId: session.id })).items).toEqual([]);
    },
  ),

  requiresSession: storeCheck(
    'rejects feedback on an unknown session (NotFoundError) and a taken id (ConflictError)',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const ghost = { ...session, id: uid('no-session-') };
      const error = await expectRejection(
        store.feedback.create(feedbackInput(ghost)),
        NotFoundError,
      );
      expect(error.message).toContain(ghost.id);
      const taken = await createFeedback(context, session, { id: uid('feedback-') });
      await expectRejection(
        store.feedback.create(feedbackInput(session, { id: taken.id, rating: 'good' })),
        ConflictError,
      );
      expect(await store.feedback.get(taken.id)).toEqual(taken);
    },
  ),

  pagesBySession: storeCheck(
    'lists a session’s feedback by creation and pages it with a cursor, both ways',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const other = await createSession(context, { agentId: session.agentId });
      const created = await createSeveral(context, session, 5);
      await createFeedback(context, other);
      const sessionId = session.id;
      expect(await store.feedback.list({ sessionId })).toEqual({
        items: created,
        totalCount: 5,
        hasMore: false,
        nextCursor: null,
      });
      const first = await store.feedback.list({ sessionId, limit: 2 });
      expect(ids(first.items)).toEqual(ids(created.slice(0, 2)));
      expect([first.totalCount, first.hasMore]).toEqual([5, true]);
      const second = await store.feedback.list({
        sessionId,
        limit: 2,
        cursor: first.nextCursor ?? '',
      });
      expect(ids(second.items)).toEqual(ids(created.slice(2, 4)));
      expect([second.totalCount, second.hasMore]).toEqual([3, true]);
      const down = await store.feedback.list({ sessionId, limit: 3, sort: 'desc' });
      expect(ids(down.items)).toEqual(ids([...created].reverse().slice(0, 3)));
      const rest = await store.feedback.list({
        sessionId,
        limit: 3,
        sort: 'desc',
        cursor: down.nextCursor ?? '',
      });
      expect(ids(rest.items)).toEqual(ids([...created].reverse().slice(3)));
      expect([rest.totalCount, rest.hasMore, rest.nextCursor]).toEqual([2, false, null]);
      await expectRejection(store.feedback.list({ sessionId, limit: 0 }), ValidationError);
    },
  ),

  listsByAgentAndWindow: storeCheck(
    'lists an agent’s feedback in a time window: since included, until excluded',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const sameAgent = await createSession(context, { agentId: session.agentId });
      const otherAgent = await createSession(context);
      const [a, b] = (await createSeveral(context, session, 2)) as [Feedback, Feedback];
      const c = await createFeedback(context, sameAgent);
      await createFeedback(context, otherAgent);
      const agentId = session.agentId;
      const list = async (window: { since?: string; until?: string }) =>
        ids((await store.feedback.list({ agentId, ...window })).items);
      expect(await list({})).toEqual(ids([a, b, c]));
      expect(await list({ since: b.createdAt })).toEqual(ids([b, c]));
      expect(await list({ until: c.createdAt })).toEqual(ids([a, b]));
      expect(await list({ since: b.createdAt, until: c.createdAt })).toEqual(ids([b]));
      // Any ISO-8601 form of an instant bounds the same way as the stored one.
      const offsetForm = b.createdAt.replace(/\.\d{3}Z$/, (ms) => `${ms.slice(0, 4)}+00:00`);
      expect(await list({ since: offsetForm })).toEqual(ids([b, c]));
      expect(await list({ until: '2000-01-01T00:00:00Z' })).toEqual([]);
      const error = await expectRejection(
        store.feedback.list({ agentId, since: 'last week' }),
        ValidationError,
      );
      expect(issuePaths(error)).toContainEqual(['since']);
    },
  ),

  deletes: storeCheck(
    'deletes feedback, and NotFoundError for what is not there',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const [kept, doomed] = await createSeveral(context, session, 2);
      await store.feedback.delete(doomed?.id ?? '');
      await expectRejection(store.feedback.get(doomed?.id ?? ''), NotFoundError);
      await expectRejection(store.feedback.delete(doomed?.id ?? ''), NotFoundError);
      expect((await store.feedback.list({ sessionId: session.id })).items).toEqual([kept]);
    },
  ),

  goneWithSession: storeCheck(
    'deletes a session’s feedback with the session, as its events',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const spared = await createSession(context, { agentId: session.agentId });
      const doomed = await createFeedback(context, session);
      const kept = await createFeedback(context, spared);
      await store.sessions.delete(session.id);
      await expectRejection(store.feedback.get(doomed.id), NotFoundError);
      expect((await store.feedback.list({ sessionId: session.id })).items).toEqual([]);
      expect((await store.feedback.list({ agentId: session.agentId })).items).toEqual([kept]);
    },
  ),

  rollsBack: storeCheck(
    'keeps no feedback from a transaction that rolled back',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const id = uid('feedback-');
      const outcome = await timed(
        store.transaction(async (tx) => {
          await tx.feedback.create(feedbackInput(session, { id }));
          expect((await tx.feedback.get(id)).id).toBe(id);
          throw new Error('the work failed');
        }),
      );
      expect((outcome.error as Error | undefined)?.message).toBe('the work failed');
      await expectRejection(store.feedback.get(id), NotFoundError);
    },
  ),
} as const;
