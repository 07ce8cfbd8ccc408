import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replyStream, replyText } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [
  { role: 'system' as const, content: 'You route support requests.', cacheBreakpoint: true },
  { role: 'user' as const, content: 'My parcel never arrived.' },
];
const schema = z.object({
  topic: z.enum(['shipping', 'billing']),
  note: z.string().optional(),
  urgency: z.number().int().nullable(),
});

describe('request bodies', () => {
  it('sends a strict json_schema response format built from the zod schema', async () => {
    const { provider, requests } = await setup((request, res) =>
      replyText(res, request, '{"topic":"shipping","note":null,"urgency":2}'),
    );
    const result = await provider('gpt-4.1-mini').generateObject({
      task: 'classify topic',
      messages,
      schema,
      temperature: 0,
      maxOutputTokens: 200,
    });

    expect(result.value).toEqual({ topic: 'shipping', urgency: 2 });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'You route support requests.' },
        { role: 'user', content: 'My parcel never arrived.' },
      ],
      temperature: 0,
      max_completion_tokens: 200,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'classify_topic',
          strict: true,
          schema: {
            type: 'object',
            properties: {
              topic: { type: 'string', enum: ['shipping', 'billing'] },
              note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              urgency: {
                anyOf: [
                  { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
                  { type: 'null' },
                ],
              },
            },
            required: ['topic', 'note', 'urgency'],
            additionalProperties: false,
          },
        },
      },
    });
  });

  it('streams with stream_options.include_usage and uses schemaName when given', async () => {
    const { provider, requests } = await setup((request, res) =>
      request.body.stream
        ? replyStream(res, ['Hi'])
        : replyText(res, request, '{"topic":"billing","urgency":null}'),
    );
    const model = provider('gpt-4.1-mini', { temperature: 0.3, maxOutputTokens: 50 });
    await model.streamText({ task: 'compose', messages }).result;
    await model.generateObject({ task: 'x', messages, schema, schemaName: 'route.v2' });

    const [stream, object] = requests;
    expect(stream?.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'You route support requests.' },
        { role: 'user', content: 'My parcel never arrived.' },
      ],
      temperature: 0.3,
      max_completion_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(object?.body.response_format.json_schema.name).toBe('route_v2');
  });

  it('honours maxTokensParameter, extraBody and custom headers', async () => {
    const { provider, requests } = await setup((_request, res) => replyStream(res, ['ok']), {
      maxTokensParameter: 'max_tokens',
      headers: { 'HTTP-Referer': 'https://shop.example' },
    });
    const model = provider.languageModel('meta-llama/llama-3.1-8b', {
      extraBody: { top_k: 20, temperature: 0.9 },
    });
    await model.streamText({ task: 'compose', messages, temperature: 0.1, maxOutputTokens: 9 })
      .result;

    const body = requests[0]?.body;
    expect(body.max_tokens).toBe(9);
    expect(body.max_completion_tokens).toBeUndefined();
    expect(body.top_k).toBe(20);
    // extraBody is merged last, on purpose: it is the escape hatch.
    expect(body.temperature).toBe(0.9);
    expect(requests[0]?.headers['http-referer']).toBe('https://shop.example');
  });
});
