import type { Conduct } from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenarios } from '../scenario/parse-yaml.js';
import { setup, URL } from '../targets/http/test-app.js';
import {
  conversationFromServer,
  conversationFromStore,
  keyPhrases,
  type StoredConversation,
  scenarioFromConversation,
  scenarioYaml,
} from './index.js';

let opened: Conduct | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('a stored conversation as a scenario', () => {
  it('keeps the customer turns and expects what the agent did, read from the store or the server alike', async () => {
    const { conduct, target, fetch } = await setup();
    opened = conduct;
    const session = await target().openSession({ agentId: 'shop', customerId: 'cus-1' });
    await session.send('Where is my order 4411?');
    await session.send('I want a human person please');
    await session.send('Hello?');

    const fromStore = await scenarioFromConversation(
      await conversationFromStore(conduct.store, session.id),
      { name: 'Order, then a human' },
    );
    expect(fromStore).toEqual({
      name: 'Order, then a human',
      agent: 'shop',
      customer: 'cus-1',
      turns: [
        {
          customer: 'Where is my order 4411?',
          expect: {
            guidelines: { matched: ['Order status'] },
            tools: { called: [{ tool: 'order_status', arguments: { orderId: '4411' } }] },
            reply: { contains: ['4411', 'shipped'] },
          },
        },
        {
          customer: 'I want a human person please',
          expect: {
            guidelines: { matched: ['Human'] },
            tools: { called: [{ tool: 'hand_off', arguments: {} }] },
            session: { handedOff: true },
          },
        },
        // The session was with a human: no turn ran.
        { customer: 'Hello?', expect: { status: 'silent' } },
      ],
    });

    const fromServer = await scenarioFromConversation(
      await conversationFromServer({ url: URL, sessionId: session.id, fetch }),
      { name: 'Order, then a human' },
    );
    expect(fromServer).toEqual(fromStore);

    const yaml = scenarioYaml(fromStore, { sessionId: session.id });
    expect(yaml.split('\n')[0]).toBe(`# Exported from session ${session.id}.`);
    expect(parse(yaml)).toEqual(fromStore);
    // The scenario format reads it back as the same scenario.
    const [read] = parseScenarios(yaml, { file: 'exported.yaml' });
    expect(read).toMatchObject(fromStore);
  });

  it('lets feedback on a reply override what the agent did, from the store or the server alike', async () => {
    const { conduct, target, fetch } = await setup();
    opened = conduct;
    const session = await target().openSession({ agentId: 'shop', customerId: 'cus-1' });
    await session.send('Where is my order 4411?');
    await session.send('I want a human person please');
    const [order, human] = await conduct.store.turns.list(session.id);
    const events = await conduct.store.events.list(session.id);
    const replyOf = (traceId: string) => {
      const reply = events.findLast(
        (event) =>
          event.kind === 'message' && event.source === 'ai_agent' && event.traceId === traceId,
      );
      if (reply === undefined) throw new Error(`no reply under ${traceId}`);
      return { sessionId: session.id, agentId: 'shop', eventId: reply.id, traceId };
    };
    const orderGuideline = order?.matched.guidelines[0] ?? '';
    const humanGuideline = human?.matched.guidelines[0] ?? '';
    const orderTool = order?.toolCalls[0]?.tool ?? '';
    await conduct.store.feedback.create({
      ...replyOf(order?.traceId ?? ''),
      rating: 'bad',
      comment: 'It should hand over at once',
      corrections: {
        guidelines: { shouldMatch: [humanGuideline], shouldNotMatch: [orderGuideline] },
        expectedReply: 'A colleague will look into order 4411 with you.',
        tools: { shouldCall: [human?.toolCalls[0]?.tool ?? ''], shouldNotCall: [orderTool] },
      },
    });
    await conduct.store.feedback.create({
      ...replyOf(human?.traceId ?? ''),
      rating: 'bad',
      comment: 'Too abrupt',
    });

    const fromStore = await scenarioFromConversation(
      await conversationFromStore(conduct.store, session.id),
    );
    expect(fromStore.turns).toEqual([
      {
        customer: 'Where is my order 4411?',
        expect: {
          guidelines: { matched: ['Human'], notMatched: ['Order status'] },
          tools: { called: ['hand_off'], notCalled: ['order_status'] },
          reply: {
            judge: 'the reply says in substance: A colleague will look into order 4411 with you.',
          },
        },
      },
      {
        customer: 'I want a human person please',
        expect: {
          guidelines: { matched: ['Human'] },
          tools: { called: [{ tool: 'hand_off', arguments: {} }] },
          session: { handedOff: true },
        },
        reviewNote: 'Rated bad: "Too abrupt" — say what it should have done here.',
      },
    ]);
    const fromServer = await scenarioFromConversation(
      await conversationFromServer({ url: URL, sessionId: session.id, fetch }),
    );
    expect(fromServer).toEqual(fromStore);

    const yaml = scenarioYaml(fromStore, { sessionId: session.id });
    expect(yaml).toContain(
      '\n  # Rated bad: "Too abrupt" — say what it should have done here.\n  - customer: I want',
    );
    const [read] = parseScenarios(yaml, { file: 'exported.yaml' });
    expect(read?.turns?.[0]?.expect).toMatchObject(fromStore.turns[0]?.expect ?? {});
    expect(read?.turns?.[1]?.expect).toMatchObject(fromStore.turns[1]?.expect ?? {});
  });

  it('names the session by its title, leaves the guest out, and sees a transfer in the next turn', async () => {
    const record = (traceId: string, agentId: string) => ({
      ...newTurnRecord({
        id: `turn${traceId}`,
        sessionId: 's1',
        agentId,
        traceId,
        startedAt: '2026-12-07T10:00:00.000Z',
      }),
      status: 'completed' as const,
    });
    const message = (traceId: string, offset: number, text: string) => ({
      id: `e${offset}`,
      sessionId: 's1',
      offset,
      source: 'customer' as const,
      kind: 'message' as const,
      traceId,
      createdAt: '2026-12-07T10:00:00.000Z',
      metadata: {},
      deleted: false,
      revision: 0,
      data: { message: text, participant: { id: null, display_name: 'Guest' } },
    });
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    const conversation: StoredConversation = {
      session: { id: 's1', agentId: 'billing', customerId: 'guest', title: 'Invoice question' },
      events: [message(a, 0, 'I have a question about my invoice'), message(b, 1, 'It is INV-77')],
      records: async (traceId) => [record(traceId, traceId === a ? 'reception' : 'billing')],
    };
    expect(await scenarioFromConversation(conversation)).toEqual({
      name: 'Invoice question',
      agent: 'reception',
      turns: [
        {
          customer: 'I have a question about my invoice',
          expect: { session: { transferredTo: 'billing' } },
        },
        { customer: 'It is INV-77' },
      ],
    });
  });
});

describe('key phrases of a reply', () => {
  it('keeps identifiers, amounts and repeated tool values, in reply order, and leaves dates and bare numbers out', () => {
    expect(
      keyPhrases(
        'Your order VM-10423 shipped with UPS on 2026-11-25, 12 days ago; it cost $129.99.',
        [
          { orderId: 'VM-10423' },
          { status: 'shipped', carrier: 'UPS', shippedOn: '2026-11-25', items: 12 },
        ],
      ),
    ).toEqual(['VM-10423', 'shipped', 'UPS']);
    expect(keyPhrases('That is $129.99 in total.', [])).toEqual(['$129.99']);
    // A tool value inside another word is not the value.
    expect(keyPhrases('We will reship it.', [{ status: 'ship' }])).toEqual([]);
  });
});
