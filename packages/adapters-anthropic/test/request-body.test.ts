import { ConfigurationError, type ModelMessage } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MODEL_ID,
  messageReply,
  outputReply,
  textStreamEvents,
  toolUseBlock,
} from './anthropic-wire.js';
import { answerSchema, anthropicHarness } from './harness.js';

const ANSWER = { answer: 'yes', score: 3 };
const answer = () => anthropicHarness((request) => outputReply(request, JSON.stringify(ANSWER)));

// The layout core's PromptBuilder produces: static instructions and examples (cached), then
// dynamic content.
const PROMPT: ModelMessage[] = [
  { role: 'system', content: 'Instructions and examples.', cacheBreakpoint: true },
  { role: 'system', content: 'Agent: Ava' },
  { role: 'user', content: 'Conversation so far.' },
  { role: 'user', content: 'Which guidelines apply?' },
];

describe('request body', () => {
  it('sends a structured call as forced tool use, with system, merged turns and cache_control', async () => {
    const { server, model } = await answer();
    const result = await model.generateObject({
      task: 'actionable',
      messages: PROMPT,
      schema: answerSchema,
      schemaName: 'guideline_matches',
      temperature: 0,
    });
    expect(result.value).toEqual(ANSWER);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/messages');
    expect(request?.body).toEqual({
      model: MODEL_ID,
      max_tokens: 4096,
      temperature: 0,
      system: [
        { type: 'text', text: 'Instructions and examples.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Agent: Ava' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Conversation so far.' },
            { type: 'text', text: 'Which guidelines apply?' },
          ],
        },
      ],
      tools: [
        {
          name: 'guideline_matches',
          description: expect.stringContaining('calling this tool'),
          input_schema: {
            type: 'object',
            properties: {
              answer: { type: 'string' },
              score: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) },
            },
            required: ['answer', 'score'],
          },
        },
      ],
      tool_choice: { type: 'tool', name: 'guideline_matches' },
    });
    expect(String(request?.headers['x-api-key'] ?? request?.headers.authorization)).toContain(
      'test-key',
    );
    expect(request?.headers['anthropic-version']).toBeDefined();
  });

  it('puts cache_control on a user turn that ends the static prefix, inside the merged turn', async () => {
    const { server, model } = await answer();
    await model.generateObject({
      task: 't',
      schema: answerSchema,
      messages: [
        { role: 'system', content: 'Rules.' },
        { role: 'user', content: 'Example question.' },
        { role: 'assistant', content: 'Example answer.' },
        { role: 'user', content: 'More examples.', cacheBreakpoint: true },
        { role: 'user', content: 'The real question.' },
      ],
    });
    const body = server.requests[0]?.body;
    expect(body.system).toEqual([{ type: 'text', text: 'Rules.' }]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Example question.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Example answer.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'More examples.', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'The real question.' },
        ],
      },
    ]);
  });

  it('sends no cache_control when prompt caching is off', async () => {
    const { server, model } = await anthropicHarness(
      (request) => outputReply(request, JSON.stringify(ANSWER)),
      { promptCaching: false },
    );
    await model.generateObject({ task: 't', schema: answerSchema, messages: PROMPT });
    expect(JSON.stringify(server.requests[0]?.body)).not.toContain('cache_control');
  });

  it('leaves out empty messages and moves their breakpoint to the block before', async () => {
    const { server, model } = await answer();
    await model.generateObject({
      task: 't',
      schema: answerSchema,
      messages: [
        { role: 'system', content: 'Rules.' },
        { role: 'system', content: '  ', cacheBreakpoint: true },
        { role: 'user', content: 'Question.' },
      ],
    });
    expect(server.requests[0]?.body.system).toEqual([
      { type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('rejects a prompt without user or assistant content before sending anything', async () => {
    const { server, model } = await answer();
    const call = model.generateObject({
      task: 't',
      schema: answerSchema,
      messages: [{ role: 'system', content: 'Only instructions.' }],
    });
    await expect(call).rejects.toSatisfy((error) => ConfigurationError.is(error));
    expect(server.requests).toHaveLength(0);
  });

  it('takes max_tokens from the request, then the model settings, then the provider', async () => {
    const handler = (request: Parameters<typeof outputReply>[0]) =>
      outputReply(request, JSON.stringify(ANSWER));
    const { server, provider } = await anthropicHarness(handler, { maxOutputTokens: 1000 });
    const base = { task: 't', schema: answerSchema, messages: PROMPT };
    await provider.languageModel(MODEL_ID).generateObject(base);
    await provider.languageModel(MODEL_ID, { maxOutputTokens: 500 }).generateObject(base);
    await provider.languageModel(MODEL_ID).generateObject({ ...base, maxOutputTokens: 64 });
    expect(server.requests.map((request) => request.body.max_tokens)).toEqual([1000, 500, 64]);
  });

  it('wraps a non-object schema as { value } and unwraps the answer', async () => {
    const { server, model } = await anthropicHarness((request) =>
      messageReply([toolUseBlock(request.body.tool_choice.name, { value: ['a', 'b'] })]),
    );
    const result = await model.generateObject({
      task: 't',
      schema: z.array(z.string()),
      messages: PROMPT,
    });
    expect(result.value).toEqual(['a', 'b']);
    expect(result.rawText).toBe('["a","b"]');
    expect(server.requests[0]?.body.tools[0].name).toBe('respond');
    expect(server.requests[0]?.body.tools[0].input_schema).toEqual({
      type: 'object',
      properties: { value: { type: 'array', items: { type: 'string' } } },
      required: ['value'],
    });
  });

  it('streams text with stream: true and no tools', async () => {
    const { server, model } = await anthropicHarness(() => ({
      type: 'sse',
      events: textStreamEvents(['Hi']),
    }));
    await model.streamText({ task: 'compose', messages: PROMPT, maxOutputTokens: 300 }).result;
    const { tools, tool_choice, ...body } = server.requests[0]?.body ?? {};
    expect(tools).toBeUndefined();
    expect(tool_choice).toBeUndefined();
    expect(body).toMatchObject({ model: MODEL_ID, max_tokens: 300, stream: true });
    expect(body.system[0].cache_control).toEqual({ type: 'ephemeral' });
  });

  it('sends extra headers', async () => {
    const { server, model } = await anthropicHarness(
      (request) => outputReply(request, JSON.stringify(ANSWER)),
      { headers: { 'anthropic-beta': 'some-feature' } },
    );
    await model.generateObject({ task: 't', schema: answerSchema, messages: PROMPT });
    expect(server.requests[0]?.headers['anthropic-beta']).toBe('some-feature');
  });
});
