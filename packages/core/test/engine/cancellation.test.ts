import { describe, expect, it } from 'vitest';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { sequence, setup } from './harness.js';

describe('double texting', () => {
  it('cancels the first turn and answers both messages in one reply', async () => {
    const model = createScriptedModel({ latencyMs: 30 });
    const t = await setup({ model });
    model.on('compose', (request) => {
      const prompt = request.messages.map((message) => message.content).join('\n');
      return prompt.includes('my order is late') && prompt.includes('order 4411')
        ? 'Sorry about the delay on order 4411 — checking now.'
        : 'INCOMPLETE CONTEXT';
    });

    const first = await t.conduct.engine.postCustomerMessage(t.session.id, {
      message: 'my order is late',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await t.conduct.engine.postCustomerMessage(t.session.id, {
      message: 'it is order 4411',
    });
    await Promise.all([first.turn, second.turn]);
    await t.conduct.engine.idle(t.session.id);

    const firstTrace = await t.events({ traceId: first.event.traceId });
    // Where exactly the first turn was when it got cancelled depends on timing; how it ends does not.
    const firstSequence = sequence(firstTrace);
    expect(firstSequence.slice(0, 2)).toEqual(['message:customer', 'status:acknowledged']);
    expect(firstSequence.slice(-2)).toEqual(['status:cancelled', 'status:ready']);
    expect(firstSequence).not.toContain('message:ai_agent');
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.traceId).toBe(second.event.traceId);
    expect(replies[0]?.kind === 'message' && replies[0].data.message).toBe(
      'Sorry about the delay on order 4411 — checking now.',
    );
    const customerMessages = await t.events({ kinds: ['message'], source: 'customer' });
    expect(customerMessages).toHaveLength(2);
    const offsets = (await t.events()).map((event) => event.offset);
    expect(offsets).toEqual(offsets.map((_, index) => index));

    const records = await t.conduct.store.turns.list(t.session.id);
    expect(records.map((record) => record.status).sort()).toEqual(['cancelled', 'completed']);
  });

  it('lets a committed reply finish before the next turn starts', async () => {
    const model = createScriptedModel({ chunkDelayMs: 15 });
    const t = await setup({ model });
    await t.conduct.store.agents.update(t.agent.id, { outputMode: 'stream' });
    model.queue('compose', 'one two three four', 'second answer');

    const first = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'first' });
    // Wait until the reply has started streaming: from then on it is committed.
    await t.conduct.store.events.waitFor(
      t.session.id,
      { kinds: ['message'], source: 'ai_agent' },
      { timeoutMs: 2_000 },
    );
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'second' });
    await first.turn;
    await t.conduct.engine.idle(t.session.id);

    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((event) => event.kind === 'message' && event.data.message)).toEqual([
      'one two three four',
      'second answer',
    ]);
    expect(await t.events({ kinds: ['status'], traceId: first.event.traceId })).not.toContainEqual(
      expect.objectContaining({ data: { status: 'cancelled', data: {} } }),
    );
  });

  it('answers only the newest of several quick messages', async () => {
    const model = createScriptedModel({ latencyMs: 20 });
    const t = await setup({ model });
    model.on('compose', 'answer');
    const posts = [];
    for (const message of ['a', 'b', 'c']) {
      posts.push(await t.conduct.engine.postCustomerMessage(t.session.id, { message }));
    }
    await Promise.all(posts.map((post) => post.turn));
    await t.conduct.engine.idle(t.session.id);
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((reply) => reply.traceId)).toEqual([posts[2]?.event.traceId]);
  });

  it('cancels a turn stuck in a hanging model call', async () => {
    const model = createScriptedModel();
    const t = await setup({ model });
    model.queue('compose', scripted.hang(), 'fine now');
    const first = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'hello' });
    await t.conduct.store.events.waitFor(
      t.session.id,
      { kinds: ['status'], minOffset: 3 },
      { timeoutMs: 1_000 },
    );
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'hello?' });
    await first.turn;
    await t.conduct.engine.idle(t.session.id);
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((reply) => reply.kind === 'message' && reply.data.message)).toEqual([
      'fine now',
    ]);
  });
});
