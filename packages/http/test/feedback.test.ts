import {
  createConduct,
  createMemoryStore,
  generateTraceId,
  type NewEvent,
  NO_TRACE_ID,
} from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { lookupOrder, refundOrder } from './behavior-harness.js';
import { call, pollUntilReply, say, send } from './sessions-harness.js';

/** An app whose agent answers "Hello!", with two registered tools. */
function setup() {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    tools: [lookupOrder, refundOrder],
    onError: () => {},
  });
  return { app: createConductApp({ conduct }), store: conduct.store, conduct };
}

type Setup = ReturnType<typeof setup>;

function message(source: NewEvent['source'], text: string, traceId = generateTraceId()): NewEvent {
  return {
    kind: 'message',
    source,
    traceId,
    data: { message: text, participant: { id: null, display_name: source } },
  };
}

/** A session of a fresh agent with one agent message in it (appended, no turn ran). */
async function sessionWithReply({ store }: Setup, agentId?: string) {
  const agent = agentId ?? (await store.agents.create({ name: 'Ava' })).id;
  const session = await store.sessions.create({ agentId: agent });
  const reply = await store.events.append(session.id, message('ai_agent', 'Refunds are free!'));
  return { session, reply };
}

const post = (app: Setup['app'], sessionId: string, body: unknown) =>
  call(app, `/sessions/${sessionId}/feedback`, send('POST', body));

describe('POST /sessions/{session_id}/feedback', () => {
  it("stores feedback on the agent's reply, with the agent and trace of its turn", async () => {
    const context = setup();
    const { app, store, conduct } = context;
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const session = (await call(app, '/sessions', send('POST', { agent_id: agent.id }))).body;
    const refunds = await store.guidelines.create({
      condition: 'the customer asks about refunds',
      action: 'explain the 30-day policy',
    });
    const greeting = await store.guidelines.create({ condition: 'always', action: 'say hello' });
    const question = await say(app, session.id, 'Can I get a refund?');
    const events = await pollUntilReply(app, session.id, 1);
    await conduct.engine.idle(session.id);
    const reply = events.find((event) => event.kind === 'message' && event.source === 'ai_agent');
    // A transfer later moves the session; the feedback still names the agent that replied.
    const other = await store.agents.create({ name: 'Billing' });
    await store.sessions.update(session.id, { agentId: other.id });

    const body = {
      event_id: reply.id,
      rating: 'bad',
      comment: 'It should have explained the refund policy',
      author: 'ops@example.com',
      corrections: {
        guidelines: { should_match: [refunds.id], should_not_match: [greeting.id] },
        expected_reply: 'You can return it within 30 days for a full refund.',
        tools: {
          should_call: [{ service_name: 'orders', tool_name: 'lookup_order' }],
          should_not_call: [{ service_name: 'orders', tool_name: 'refund_order' }],
        },
      },
    };
    const created = await post(app, session.id, body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      session_id: session.id,
      agent_id: agent.id,
      event_id: reply.id,
      trace_id: question.trace_id,
      creation_utc: expect.any(String),
      author: 'ops@example.com',
      rating: 'bad',
      comment: body.comment,
      corrections: body.corrections,
    });
    const listed = await call(app, `/sessions/${session.id}/feedback`);
    expect(listed).toMatchObject({ status: 200, body: [created.body] });
    expect(await store.feedback.get(created.body.id)).toMatchObject({
      agentId: agent.id,
      corrections: { tools: { shouldCall: ['orders:lookup_order'] } },
    });
  });

  it('needs only an event and a rating; empty corrections read back as empty lists', async () => {
    const context = setup();
    const { session, reply } = await sessionWithReply(context);
    const created = await post(context.app, session.id, { event_id: reply.id, rating: 'good' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      agent_id: session.agentId,
      trace_id: reply.traceId,
      author: null,
      comment: null,
      corrections: {
        guidelines: { should_match: [], should_not_match: [] },
        expected_reply: null,
        tools: { should_call: [], should_not_call: [] },
      },
    });
  });

  it('answers 422 naming the wire field, and stores nothing', async () => {
    const context = setup();
    const { app, store } = context;
    const { session, reply } = await sessionWithReply(context);
    const customer = await store.events.append(session.id, message('customer', 'Hi'));
    const status = await store.events.append(session.id, {
      kind: 'status',
      source: 'ai_agent',
      traceId: NO_TRACE_ID,
      data: { status: 'typing', data: {} },
    });
    const guideline = await store.guidelines.create({ condition: 'c', action: 'a' });
    const cases: [Record<string, unknown>, (string | number)[], RegExp?][] = [
      [{ rating: 'meh' }, ['body', 'rating']],
      [{ event_id: undefined }, ['body', 'event_id']],
      [{ event_id: 'nope' }, ['body', 'event_id'], /No event 'nope'/],
      [{ event_id: customer.id }, ['body', 'event_id'], /ai_agent message.*message from customer/],
      [{ event_id: status.id }, ['body', 'event_id'], /status from ai_agent/],
      [{ comment: '   ' }, ['body', 'comment']],
      [
        { corrections: { guidelines: { should_match: [guideline.id, 'ghost'] } } },
        ['body', 'corrections', 'guidelines', 'should_match', 1],
        /No guideline 'ghost'/,
      ],
      [
        {
          corrections: {
            guidelines: { should_match: [guideline.id], should_not_match: [guideline.id] },
          },
        },
        ['body', 'corrections', 'guidelines', 'should_not_match', 0],
      ],
      [
        { corrections: { tools: { should_call: [{ service_name: 'orders', tool_name: 'x' }] } } },
        ['body', 'corrections', 'tools', 'should_call', 0],
        /No tool 'orders:x'/,
      ],
      [
        { corrections: { tools: { should_not_call: [{ service_name: 'a:b', tool_name: 'c' }] } } },
        ['body', 'corrections', 'tools', 'should_not_call', 0, 'service_name'],
      ],
      [{ corrections: { expected_reply: '' } }, ['body', 'corrections', 'expected_reply']],
    ];
    for (const [change, loc, msg] of cases) {
      const response = await post(app, session.id, {
        event_id: reply.id,
        rating: 'bad',
        ...change,
      });
      const where = JSON.stringify(change);
      expect(response.status, where).toBe(422);
      const detail = response.body.detail.find(
        (entry: { loc: unknown }) => JSON.stringify(entry.loc) === JSON.stringify(loc),
      );
      expect(detail, `${where}: ${JSON.stringify(response.body.detail)}`).toBeDefined();
      if (msg) expect(detail.msg).toMatch(msg);
    }
    await store.events.update(session.id, reply.id, { deleted: true });
    const deleted = await post(app, session.id, { event_id: reply.id, rating: 'bad' });
    expect(deleted.status).toBe(422);
    expect(deleted.body.detail[0].msg).toMatch(/a deleted event/);
    expect((await store.feedback.list()).items).toEqual([]);
    const unknownSession = await post(app, 'nope', { event_id: reply.id, rating: 'bad' });
    expect(unknownSession.status).toBe(404);
  });
});

describe('feedback listings and deletion', () => {
  it('lists across sessions by agent and time window, in pages', async () => {
    const context = setup();
    const { app } = context;
    const first = await sessionWithReply(context);
    const second = await sessionWithReply(context, first.session.agentId);
    const elsewhere = await sessionWithReply(context);
    const give = async ({ session, reply }: typeof first) => {
      const response = await post(app, session.id, { event_id: reply.id, rating: 'bad' });
      await new Promise((resolve) => setTimeout(resolve, 3));
      return response.body;
    };
    const a = await give(first);
    const b = await give(second);
    const c = await give(first);
    await give(elsewhere);
    const agentId = first.session.agentId;
    const ids = async (query: string) =>
      (await call(app, `/feedback?agent_id=${agentId}${query}`)).body.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids('')).toEqual([a.id, b.id, c.id]);
    expect(await ids(`&since=${b.creation_utc}`)).toEqual([b.id, c.id]);
    expect(await ids(`&until=${b.creation_utc}`)).toEqual([a.id]);
    expect(await ids(`&since=${a.creation_utc}&until=${c.creation_utc}`)).toEqual([a.id, b.id]);
    expect((await call(app, '/feedback')).body).toHaveLength(4);

    const page = await call(app, `/feedback?agent_id=${agentId}&limit=2&sort=desc`);
    expect(page.body).toMatchObject({ total_count: 3, has_more: true });
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([c.id, b.id]);
    const rest = await call(
      app,
      `/feedback?agent_id=${agentId}&limit=2&sort=desc&cursor=${page.body.next_cursor}`,
    );
    expect(rest.body).toEqual({ items: [a], total_count: 1, has_more: false, next_cursor: null });
    const session = await call(app, `/sessions/${first.session.id}/feedback?limit=1`);
    expect(session.body).toMatchObject({ items: [a], total_count: 2, has_more: true });

    const invalid = await call(app, '/feedback?since=yesterday');
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0].loc).toEqual(['query', 'since']);
  });

  it('deletes feedback through its own session only, and with its session', async () => {
    const context = setup();
    const { app, store } = context;
    const mine = await sessionWithReply(context);
    const theirs = await sessionWithReply(context);
    const given = (await post(app, mine.session.id, { event_id: mine.reply.id, rating: 'bad' }))
      .body;
    const other = (
      await post(app, theirs.session.id, { event_id: theirs.reply.id, rating: 'good' })
    ).body;
    const path = (sessionId: string, id: string) => `/sessions/${sessionId}/feedback/${id}`;
    const wrongSession = await call(app, path(mine.session.id, other.id), { method: 'DELETE' });
    expect(wrongSession.status).toBe(404);
    expect((await store.feedback.get(other.id)).id).toBe(other.id);
    expect((await call(app, path(mine.session.id, given.id), { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await call(app, path(mine.session.id, given.id), { method: 'DELETE' })).status).toBe(
      404,
    );
    expect((await call(app, `/sessions/${mine.session.id}/feedback`)).body).toEqual([]);

    expect((await call(app, `/sessions/${theirs.session.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await call(app, '/feedback')).body).toEqual([]);
  });
});

describe('feedback in /openapi.json', () => {
  it('documents every feedback route as a Conduct extension', async () => {
    const document = await (await setup().app.request('/openapi.json')).json();
    const operations = [
      document.paths['/sessions/{session_id}/feedback'].post,
      document.paths['/sessions/{session_id}/feedback'].get,
      document.paths['/sessions/{session_id}/feedback/{feedback_id}'].delete,
      document.paths['/feedback'].get,
    ];
    for (const operation of operations) {
      expect(operation['x-conduct-extension'], operation.operationId).toBe(true);
      expect(operation.tags).toEqual(['feedback']);
    }
    expect(document.components.schemas.Feedback.properties).toHaveProperty('corrections');
  });
});
