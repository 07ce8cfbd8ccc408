import { describe, expect, it } from 'vitest';
import type { MessageEventData } from '../../src/domain/event-data.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { sequence, setup } from './harness.js';

async function turn(outputMode: 'block' | 'stream', compose: unknown[]) {
  const model = createScriptedModel().on('compose', compose);
  const t = await setup({ model });
  await t.conduct.store.agents.update(t.agent.id, { outputMode });
  const customer = await t.say('where is my order?');
  const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
  const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
  return {
    replies: replies.map((event) => ({ id: event.id, data: event.data as MessageEventData })),
    statuses: sequence(await t.events()).slice(-2),
    record,
  };
}

describe('a reply cut off', () => {
  it('by a stream that fails mid-way (stream mode) is marked truncated in its final chunk', async () => {
    const { replies, statuses, record } = await turn('stream', [
      'Your order',
      ' is',
      scripted.fail('connection reset by peer', { retryable: true }),
    ]);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.data).toMatchObject({
      message: 'Your order is',
      chunks: ['Your order', ' is', null],
      truncated: true,
    });
    expect(statuses).toEqual(['status:error', 'status:ready']);
    expect(record?.status).toBe('error');
    expect(record?.errors).toContainEqual({
      stage: 'compose',
      code: 'reply_truncated',
      message: expect.stringMatching(
        new RegExp(`failed after 13 characters \\(connection reset by peer\\).*${replies[0]?.id}`),
      ),
    });
  });

  it('by a stream that fails mid-way (block mode) sends nothing: the turn fails', async () => {
    const { replies, statuses, record } = await turn('block', [
      'Your order',
      ' is',
      scripted.fail('connection reset by peer', { retryable: true }),
    ]);
    expect(replies).toEqual([]);
    expect(statuses).toEqual(['status:error', 'status:ready']);
    expect(record?.status).toBe('error');
    expect(record?.errors).toContainEqual(
      expect.objectContaining({ stage: 'turn', message: 'connection reset by peer' }),
    );
  });

  it('at the output-token limit (stream mode) completes, marked truncated and recorded', async () => {
    const { replies, statuses, record } = await turn('stream', [
      'Your order ships',
      ' on',
      scripted.finish('max-tokens'),
    ]);
    expect(replies[0]?.data).toMatchObject({
      message: 'Your order ships on',
      chunks: ['Your order ships', ' on', null],
      truncated: true,
    });
    expect(statuses).toEqual(['message:ai_agent', 'status:ready']);
    expect(record?.status).toBe('completed');
    expect(record?.errors).toEqual([
      {
        stage: 'compose',
        code: 'reply_truncated',
        message: expect.stringContaining('output-token limit'),
      },
    ]);
  });

  it('by a content filter (block mode) is sent, marked truncated and recorded', async () => {
    const { replies, record } = await turn('block', [
      'Your order',
      scripted.finish('content-filter'),
    ]);
    expect(replies[0]?.data).toMatchObject({ message: 'Your order', truncated: true });
    expect(record?.status).toBe('completed');
    expect(record?.errors.map((e) => e.code)).toEqual(['reply_truncated']);
  });

  it('is never claimed for a reply that ended normally', async () => {
    for (const mode of ['block', 'stream'] as const) {
      const { replies, record } = await turn(mode, ['All', ' good', scripted.finish('stop')]);
      expect(replies[0]?.data.message).toBe('All good');
      expect(replies[0]?.data).not.toHaveProperty('truncated');
      expect(record?.errors).toEqual([]);
    }
  });
});
