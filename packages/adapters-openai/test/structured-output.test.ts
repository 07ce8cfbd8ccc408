import { ModelError, ModelOutputError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replyCompletion, replyError, replyText } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [
  { role: 'system' as const, content: 'Extract the order.' },
  { role: 'user' as const, content: 'Order 42, no coupon.' },
];
const order = z.object({
  orderId: z.number(),
  coupon: z.string().optional(),
  giftNote: z.string().nullable(),
  quantity: z.number().default(1),
});

describe('structured output', () => {
  it('round-trips optional fields: sent as required + nullable, null comes back absent', async () => {
    const { provider, requests } = await setup((request, res) =>
      replyText(res, request, '{"orderId":42,"coupon":null,"giftNote":null,"quantity":null}'),
    );
    const result = await provider('gpt-4.1-mini').generateObject({
      task: 'extract',
      messages,
      schema: order,
    });
    expect(result.value).toEqual({ orderId: 42, giftNote: null, quantity: 1 });
    expect('coupon' in result.value).toBe(false);
    expect(result.rawText).toBe('{"orderId":42,"coupon":null,"giftNote":null,"quantity":null}');
    const format = requests[0]?.body.response_format.json_schema;
    expect(format.strict).toBe(true);
    expect(format.schema.required).toEqual(['orderId', 'coupon', 'giftNote', 'quantity']);
  });

  it('sends schemas strict mode cannot express as non-strict json_schema and validates', async () => {
    const scores = z.object({ scores: z.record(z.string(), z.number()) });
    const { provider, requests } = await setup((request, res) =>
      replyText(res, request, '{"scores":{"a":1,"b":2}}'),
    );
    const result = await provider('gpt-4.1-mini').generateObject({
      task: 'score',
      messages,
      schema: scores,
    });
    expect(result.value).toEqual({ scores: { a: 1, b: 2 } });
    const format = requests[0]?.body.response_format.json_schema;
    expect(format.strict).toBe(false);
    expect(format.schema.properties.scores.additionalProperties).toEqual({ type: 'number' });
  });

  it('json-mode sends json_object with the schema in the system prompt, and repairs', async () => {
    const { provider, requests } = await setup(
      (request, res, index) =>
        replyText(
          res,
          request,
          index === 0 ? 'Sure! {"orderId":"x"}' : '{"orderId":42,"giftNote":null}',
        ),
      { structuredOutputs: 'json-mode' },
    );
    const result = await provider('local-model').generateObject({
      task: 'extract',
      messages,
      schema: order,
    });
    expect(result.value).toEqual({ orderId: 42, giftNote: null, quantity: 1 });
    expect(requests).toHaveLength(2);
    const first = requests[0]?.body;
    expect(first.response_format).toEqual({ type: 'json_object' });
    expect(first.messages).toHaveLength(2);
    expect(first.messages[0].role).toBe('system');
    expect(first.messages[0].content).toMatch(
      /^Extract the order\.\n\nReply with only a JSON value/,
    );
    expect(first.messages[0].content).toContain('"orderId":{"type":"number"}');
    // The repair request keeps the instructions and adds the bad answer and the problems.
    const repair = requests[1]?.body.messages;
    expect(repair).toHaveLength(4);
    expect(repair[0].content).toBe(first.messages[0].content);
    expect(repair[2]).toEqual({ role: 'assistant', content: 'Sure! {"orderId":"x"}' });
    expect(repair[3].content).toContain('orderId');
  });

  it('json-mode adds a system message when the prompt has none', async () => {
    const { provider, requests } = await setup(
      (request, res) => replyText(res, request, '{"orderId":1,"giftNote":null}'),
      { structuredOutputs: 'json-mode' },
    );
    await provider('m').generateObject({
      task: 'extract',
      messages: [{ role: 'user', content: 'Order 1' }],
      schema: order,
    });
    expect(requests[0]?.body.messages.map((m: { role: string }) => m.role)).toEqual([
      'system',
      'user',
    ]);
  });

  it('auto switches to JSON mode once a server rejects json_schema, and remembers it', async () => {
    const { provider, requests } = await setup(
      (request, res) => {
        if (request.body.response_format?.type === 'json_schema') {
          return replyError(res, 400, "response_format type 'json_schema' is not supported");
        }
        replyText(res, request, '{"orderId":7,"giftNote":null}');
      },
      { structuredOutputs: 'auto' },
    );
    const model = provider('vllm-model');
    const first = await model.generateObject({ task: 'extract', messages, schema: order });
    const second = await provider('another-model').generateObject({
      task: 'extract',
      messages,
      schema: order,
    });
    expect(first.value.orderId).toBe(7);
    expect(second.value.orderId).toBe(7);
    expect(requests.map((r) => r.body.response_format.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
  });

  it('auto does not switch on an unrelated bad request', async () => {
    const { provider, requests } = await setup(
      (_request, res) => replyError(res, 400, "Invalid value for 'messages'."),
      { structuredOutputs: 'auto' },
    );
    const error = await provider('m')
      .generateObject({ task: 'extract', messages, schema: order })
      .catch((e: unknown) => e);
    expect(ModelError.is(error) && error.status).toBe(400);
    expect(requests).toHaveLength(1);
  });

  it('strict mode surfaces a json_schema rejection as a non-retryable ModelError', async () => {
    const { provider, requests } = await setup((_request, res) =>
      replyError(res, 400, "Invalid schema for response_format 'extract'"),
    );
    const error = await provider('m')
      .generateObject({ task: 'extract', messages, schema: order })
      .catch((e: unknown) => e);
    expect(ModelError.is(error) && !error.isRetryable).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('turns a refusal into ModelOutputError without a repair attempt', async () => {
    const { provider, requests } = await setup((_request, res) =>
      replyCompletion(res, { content: null, refusal: "I'm sorry, I can't help with that." }),
    );
    const error = await provider('gpt-4.1-mini')
      .generateObject({ task: 'extract', messages, schema: order })
      .catch((e: unknown) => e);
    expect(ModelOutputError.is(error)).toBe(true);
    expect((error as ModelOutputError).output).toBe("I'm sorry, I can't help with that.");
    expect((error as ModelOutputError).issues[0]?.type).toBe('refusal');
    expect((error as Error).message).toMatch(/refused/);
    expect(requests).toHaveLength(1);
  });
});
