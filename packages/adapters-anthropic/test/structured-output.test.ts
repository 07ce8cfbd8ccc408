import { ModelOutputError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { messageReply, textBlock, toolUseBlock } from './anthropic-wire.js';
import { answerSchema, anthropicHarness } from './harness.js';

const ANSWER = { answer: 'yes', score: 3 };
const request = {
  task: 'actionable',
  schema: answerSchema,
  messages: [
    { role: 'system' as const, content: 'Rules.', cacheBreakpoint: true },
    { role: 'user' as const, content: 'Question.' },
  ],
};

describe('structured output', () => {
  it('repairs an invalid tool input with a native tool_result error, summing usage', async () => {
    const { server, model } = await anthropicHarness((_, index) =>
      index === 0
        ? messageReply([toolUseBlock('respond', { answer: 42 }, 'toolu_bad')], {
            usage: { input_tokens: 10, output_tokens: 5 },
          })
        : messageReply([toolUseBlock('respond', ANSWER, 'toolu_good')], {
            usage: { input_tokens: 30, output_tokens: 6 },
          }),
    );
    const result = await model.generateObject(request);
    expect(result.value).toEqual(ANSWER);
    expect(result.usage).toMatchObject({ inputTokens: 40, outputTokens: 11 });
    expect(server.requests).toHaveLength(2);
    const repair = server.requests[1]?.body;
    expect(repair.tool_choice).toEqual({ type: 'tool', name: 'respond' });
    expect(repair.system).toEqual(server.requests[0]?.body.system);
    expect(repair.messages.slice(0, 1)).toEqual(server.requests[0]?.body.messages);
    expect(repair.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_bad', name: 'respond', input: { answer: 42 } }],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_bad',
            is_error: true,
            content: expect.stringMatching(/answer:.*\n.*score:/s),
          },
        ],
      },
    ]);
  });

  it('repairs a reply without a tool call with plain-text turns', async () => {
    const { server, model } = await anthropicHarness((_, index) =>
      index === 0
        ? messageReply([textBlock('Sorry, no idea.')])
        : messageReply([toolUseBlock('respond', ANSWER)]),
    );
    await expect(model.generateObject(request)).resolves.toMatchObject({ value: ANSWER });
    const messages = server.requests[1]?.body.messages;
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Sorry, no idea.' }],
    });
    expect(messages[2].role).toBe('user');
    expect(messages[2].content[0].text).toContain('does not match the required JSON schema');
  });

  it('fails at once with ModelOutputError when the answer is cut off at max_tokens', async () => {
    const { server, model } = await anthropicHarness(() =>
      messageReply([toolUseBlock('respond', { answer: 'ye' })], { stopReason: 'max_tokens' }),
    );
    const error = await model.generateObject({ ...request, maxOutputTokens: 8 }).catch((e) => e);
    expect(ModelOutputError.is(error), String(error)).toBe(true);
    expect((error as ModelOutputError).message).toMatch(/max_tokens.*maxOutputTokens/);
    expect((error as ModelOutputError).output).toBe('{"answer":"ye"}');
    expect((error as ModelOutputError).task).toBe('actionable');
    expect(server.requests).toHaveLength(1);
  });

  it('fails at once with ModelOutputError when the model refuses', async () => {
    const { server, model } = await anthropicHarness(() =>
      messageReply([], { stopReason: 'refusal' }),
    );
    const error = await model.generateObject(request).catch((e) => e);
    expect(ModelOutputError.is(error), String(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('returns the model that answered and the raw tool input', async () => {
    const { model } = await anthropicHarness(() =>
      messageReply([textBlock('Calling the tool.'), toolUseBlock('respond', ANSWER)]),
    );
    const result = await model.generateObject(request);
    expect(result.model).toBe('claude-test-1-20990101');
    expect(JSON.parse(result.rawText)).toEqual(ANSWER);
  });
});
