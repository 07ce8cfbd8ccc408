import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, ModelOutputError } from '../errors/errors.js';
import { extractJsonCandidates } from './json-extraction.js';
import type { ModelMessage, ModelUsage } from './language-model.js';
import {
  buildRepairMessages,
  generateWithRepair,
  parseStructuredOutput,
  toJsonSchema,
  zodIssuesToValidationIssues,
} from './structured-output.js';

const schema = z.object({ applies: z.boolean(), reason: z.string() });
const usage = (inputTokens: number, outputTokens: number): ModelUsage => ({
  inputTokens,
  outputTokens,
  cachedInputTokens: 1,
  cacheWriteTokens: 0,
});
const prompt: ModelMessage[] = [
  { role: 'system', content: 'Decide.' },
  { role: 'user', content: 'Does it apply?' },
];

describe('parseStructuredOutput', () => {
  it('parses bare JSON', () => {
    expect(parseStructuredOutput('{"applies":true,"reason":"r"}', schema)).toEqual({
      ok: true,
      value: { applies: true, reason: 'r' },
    });
  });

  it('extracts JSON from a ```json fence', () => {
    const text = 'Here you go:\n```json\n{"applies": false, "reason": "no"}\n```\nAnything else?';
    expect(parseStructuredOutput(text, schema)).toEqual({
      ok: true,
      value: { applies: false, reason: 'no' },
    });
  });

  it('extracts JSON from a bare ``` fence', () => {
    expect(parseStructuredOutput('```\n{"applies":true,"reason":"x"}\n```', schema)).toEqual({
      ok: true,
      value: { applies: true, reason: 'x' },
    });
  });

  it('extracts JSON surrounded by prose, ignoring braces inside strings', () => {
    const text = 'Sure! {"applies": true, "reason": "a } and { in text"} Hope that helps.';
    expect(parseStructuredOutput(text, schema)).toEqual({
      ok: true,
      value: { applies: true, reason: 'a } and { in text' },
    });
  });

  it('takes the first candidate that validates when prose holds several', () => {
    const text = 'Example shape: {"x": 1}. Answer: {"applies": true, "reason": "second"}';
    expect(parseStructuredOutput(text, schema)).toEqual({
      ok: true,
      value: { applies: true, reason: 'second' },
    });
  });

  it('applies the schema (defaults, stripping unknown keys)', () => {
    const withDefault = z.object({ n: z.number().default(3) });
    expect(parseStructuredOutput('{"extra": 1}', withDefault)).toEqual({
      ok: true,
      value: { n: 3 },
    });
  });

  it('reports validation issues of JSON with the wrong shape', () => {
    const result = parseStructuredOutput('{"applies":"yes"}', schema);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ['applies'],
          type: 'invalid_type',
          message: 'Invalid input: expected boolean, received string',
        },
        {
          path: ['reason'],
          type: 'invalid_type',
          message: 'Invalid input: expected string, received undefined',
        },
      ],
      message:
        'applies: Invalid input: expected boolean, received string; reason: Invalid input: expected string, received undefined',
    });
  });

  it('reports text without JSON as invalid_json', () => {
    expect(parseStructuredOutput('I cannot answer that.', schema)).toEqual({
      ok: false,
      issues: [{ path: [], type: 'invalid_json', message: 'Output contains no valid JSON value' }],
      message: 'Output contains no valid JSON value',
    });
    expect(parseStructuredOutput('', schema).ok).toBe(false);
    expect(parseStructuredOutput('{"applies": true,', schema).ok).toBe(false);
  });

  it('parses top-level arrays', () => {
    expect(parseStructuredOutput('Result: [1, 2, 3].', z.array(z.number()))).toEqual({
      ok: true,
      value: [1, 2, 3],
    });
  });
});

describe('extractJsonCandidates', () => {
  it('lists whole text, fence bodies and balanced spans, best first and without duplicates', () => {
    expect(extractJsonCandidates('a ```json\n{"b":1}\n``` c [2]')).toEqual([
      'a ```json\n{"b":1}\n``` c [2]',
      '{"b":1}',
      '[2]',
    ]);
  });
});

describe('zodIssuesToValidationIssues', () => {
  it('maps each zod issue to path, message and type', () => {
    const error = schema.safeParse({ applies: true, reason: 5 }).error;
    expect(error && zodIssuesToValidationIssues(error)).toEqual([
      {
        path: ['reason'],
        type: 'invalid_type',
        message: 'Invalid input: expected string, received number',
      },
    ]);
  });
});

describe('buildRepairMessages', () => {
  it('appends the bad output and a user message listing the issues', () => {
    const messages = buildRepairMessages(prompt, '{"applies":"yes"}', [
      { path: ['applies'], type: 'invalid_type', message: 'expected boolean' },
      { path: [], type: 'invalid_json', message: 'broken' },
    ]);
    expect(messages).toEqual([
      ...prompt,
      { role: 'assistant', content: '{"applies":"yes"}' },
      {
        role: 'user',
        content:
          'Your previous reply does not match the required JSON schema:\n' +
          '- applies: expected boolean\n' +
          '- (root): broken\n' +
          'Reply again with only the corrected JSON value: no prose, no code fences.',
      },
    ]);
  });

  it('describes an empty reply instead of sending an empty assistant message', () => {
    expect(buildRepairMessages(prompt, '  ', [])[2]).toEqual({
      role: 'assistant',
      content: '(empty reply)',
    });
  });
});

describe('generateWithRepair', () => {
  it('returns the first valid answer after one attempt', async () => {
    const seen: boolean[] = [];
    const result = await generateWithRepair({
      task: 'actionable',
      schema,
      messages: prompt,
      attempt: async (_messages, { repair }) => {
        seen.push(repair);
        return { text: '{"applies":true,"reason":"ok"}', usage: usage(10, 5), model: 'm1' };
      },
    });
    expect(seen).toEqual([false]);
    expect(result).toEqual({
      value: { applies: true, reason: 'ok' },
      usage: usage(10, 5),
      model: 'm1',
      rawText: '{"applies":true,"reason":"ok"}',
    });
  });

  it('repairs once with the repair messages and sums usage', async () => {
    const prompts: ModelMessage[][] = [];
    const texts = ['nope', '{"applies":false,"reason":"fixed"}'];
    const result = await generateWithRepair({
      task: 'actionable',
      schema,
      messages: prompt,
      attempt: async (messages) => {
        prompts.push(messages);
        return { text: texts[prompts.length - 1] ?? '', usage: usage(10, 2), model: 'm2' };
      },
    });
    expect(result).toEqual({
      value: { applies: false, reason: 'fixed' },
      usage: { inputTokens: 20, outputTokens: 4, cachedInputTokens: 2, cacheWriteTokens: 0 },
      model: 'm2',
      rawText: '{"applies":false,"reason":"fixed"}',
    });
    expect(prompts[0]).toEqual(prompt);
    expect(prompts[1]).toEqual([
      ...prompt,
      { role: 'assistant', content: 'nope' },
      {
        role: 'user',
        content:
          'Your previous reply does not match the required JSON schema:\n' +
          '- (root): Output contains no valid JSON value\n' +
          'Reply again with only the corrected JSON value: no prose, no code fences.',
      },
    ]);
  });

  it('throws ModelOutputError with the second output after a failed repair', async () => {
    let attempts = 0;
    const error = await generateWithRepair({
      task: 'actionable',
      schema,
      messages: prompt,
      attempt: async () => {
        attempts++;
        return { text: `{"applies":${attempts}}`, usage: usage(1, 1), model: 'm' };
      },
    }).catch((rejection: unknown) => rejection);
    expect(attempts).toBe(2);
    expect(ModelOutputError.is(error)).toBe(true);
    const outputError = error as ModelOutputError;
    expect(outputError.task).toBe('actionable');
    expect(outputError.output).toBe('{"applies":2}');
    expect(outputError.issues.map((issue) => issue.path)).toEqual([['applies'], ['reason']]);
    expect(outputError.message).toBe(
      "Output of task 'actionable' does not match its schema after one repair attempt: " +
        'applies: Invalid input: expected boolean, received number; ' +
        'reason: Invalid input: expected string, received undefined',
    );
  });

  it('lets errors of an attempt propagate unchanged', async () => {
    const failure = new Error('network down');
    await expect(
      generateWithRepair({
        task: 't',
        schema,
        messages: prompt,
        attempt: () => Promise.reject(failure),
      }),
    ).rejects.toBe(failure);
  });
});

describe('toJsonSchema', () => {
  it('describes the input side without $schema', () => {
    const withDefault = z.object({ name: z.string(), count: z.number().default(1) });
    expect(toJsonSchema(withDefault)).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, count: { type: 'number', default: 1 } },
      required: ['name'],
    });
    expect(toJsonSchema(withDefault, { io: 'output' })).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, count: { type: 'number', default: 1 } },
      required: ['name', 'count'],
      additionalProperties: false,
    });
  });

  it('throws ConfigurationError for schemas JSON cannot express', () => {
    expect(() => toJsonSchema(z.object({ at: z.date() }))).toThrow(ConfigurationError);
    expect(() => toJsonSchema(z.object({ at: z.date() }))).toThrow(
      /Output schema cannot be expressed as JSON Schema: Date cannot be represented/,
    );
  });
});
