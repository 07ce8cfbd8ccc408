import { describe, expect, it } from 'vitest';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { sequence, setup } from './harness.js';

describe('a turn', () => {
  it('emits the wire sequence, all under the customer message trace id', async () => {
    const t = await setup();
    t.model.on('compose', 'Hello! How can I help?');
    const customer = await t.say('hi there');

    const events = await t.events();
    expect(sequence(events)).toEqual([
      'message:customer',
      'status:acknowledged',
      'status:processing(Interpreting)',
      'status:typing',
      'message:ai_agent',
      'status:ready',
    ]);
    expect(events.map((event) => event.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(events.map((event) => event.traceId))).toEqual(new Set([customer.traceId]));
    const reply = events[4];
    expect(reply?.kind === 'message' && reply.data).toEqual({
      message: 'Hello! How can I help?',
      participant: { id: t.agent.id, display_name: 'Ava' },
    });
    expect(events[5]?.data).toEqual({
      status: 'ready',
      data: {
        stage: 'completed',
        matched_guidelines: [],
        matched_journeys: [],
        matched_journey_states: [],
      },
    });
  });

  it('gives the composer the matched guidelines and lists them in ready', async () => {
    const t = await setup();
    const refund = await t.agent.guidelines.create({
      condition: 'the customer asks about a refund',
      action: 'explain the 30-day refund policy',
    });
    await t.agent.guidelines.create({
      condition: 'the customer mentions shipping',
      action: 'give tracking',
    });
    t.model.on('compose', 'Refunds are possible within 30 days.');
    await t.say('Can I get a refund?');

    const compose = t.model.callsFor('compose')[0];
    const prompt = compose?.messages.map((message) => message.content).join('\n') ?? '';
    expect(prompt).toContain('explain the 30-day refund policy');
    expect(prompt).not.toContain('give tracking');
    expect(prompt).toContain('Customer (Guest): Can I get a refund?');
    const ready = (await t.events({ kinds: ['status'] })).at(-1);
    expect(ready?.data).toMatchObject({ data: { matched_guidelines: [{ id: refund.id }] } });
  });

  it('ends a turn whose model fails with error, then ready', async () => {
    const t = await setup();
    t.model.on('compose', scripted.fail('provider unavailable', { status: 503, retryable: true }));
    await t.say('hello');
    const statuses = (await t.events({ kinds: ['status'] })).map((event) =>
      event.kind === 'status' ? event.data : undefined,
    );
    expect(statuses.map((status) => status?.status)).toEqual([
      'acknowledged',
      'processing',
      'typing',
      'error',
      'ready',
    ]);
    expect(statuses[3]).toMatchObject({
      data: { exception: expect.stringContaining('provider unavailable') },
    });
    expect(await t.events({ kinds: ['message'], source: 'ai_agent' })).toEqual([]);
    const [record] = await t.conduct.store.turns.list(t.session.id);
    expect(record?.status).toBe('error');
    expect(record?.errors[0]?.message).toContain('provider unavailable');
  });

  it('stays silent in manual mode', async () => {
    const t = await setup();
    t.model.on('compose', 'should never be sent');
    await t.conduct.store.sessions.update(t.session.id, { mode: 'manual' });
    await t.say('is anyone there?');
    expect(sequence(await t.events())).toEqual(['message:customer']);
    expect(t.model.calls).toEqual([]);
  });

  it('streams the reply into one message whose chunks end with null', async () => {
    const model = createScriptedModel({ chunking: 'words' });
    const t = await setup({ model });
    await t.conduct.store.agents.update(t.agent.id, { outputMode: 'stream' });
    model.on('compose', 'Your order ships tomorrow.');
    await t.say('where is my order?');

    const [reply] = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(reply?.kind === 'message' && reply.data.chunks).toEqual([
      'Your',
      ' order',
      ' ships',
      ' tomorrow.',
      null,
    ]);
    expect(reply?.kind === 'message' && reply.data.message).toBe('Your order ships tomorrow.');
    expect(reply?.revision).toBe(4);
    expect(sequence(await t.events()).slice(-2)).toEqual(['message:ai_agent', 'status:ready']);
  });

  it('records every model call of the turn in the decision record', async () => {
    const model = createScriptedModel();
    const t = await setup({
      model,
      strategies: [
        (await import('../../src/testing/test-strategies.js')).scriptedTaskStrategy('actionable'),
      ],
    });
    await t.agent.guidelines.create({ condition: 'the customer greets', action: 'greet back' });
    model.on('actionable', { matches: [{ number: 1, applies: true, rationale: 'they said hi' }] });
    model.on('compose', 'Hi!');
    const customer = await t.say('hi');

    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.status).toBe('completed');
    expect(record?.modelCalls.map((call) => call.task)).toEqual(['actionable', 'compose']);
    expect(record?.modelCalls.every((call) => call.traceId === customer.traceId)).toBe(true);
    expect(record?.modelCalls[0]?.usage.inputTokens).toBeGreaterThan(0);
    expect(record?.verdicts).toEqual([
      expect.objectContaining({ strategy: 'actionable', matched: true, rationale: 'they said hi' }),
    ]);
    expect(record?.matched.guidelines).toHaveLength(1);
    expect(record?.stages.map((stage) => stage.name)).toEqual(
      expect.arrayContaining(['gather', 'match', 'compose']),
    );
    expect(record?.eventIds).toHaveLength(5);
  });
});
