import { ModelError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';
import { errorReply, MODEL_ID, outputReply } from './anthropic-wire.js';
import { answerSchema, anthropicHarness } from './harness.js';

const ANSWER = JSON.stringify({ answer: 'yes', score: 3 });
const call = {
  task: 'actionable',
  schema: answerSchema,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

async function modelErrorOf(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ModelError.is(error), `expected ModelError, got ${String(error)}`).toBe(true);
  return error as ModelError;
}

describe('errors and retries', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const { server, model } = await anthropicHarness(
      (request, index) =>
        index === 0
          ? errorReply(429, 'rate_limit_error', 'Rate limited', { 'retry-after': '0.05' })
          : outputReply(request, ANSWER),
      // Without Retry-After the first backoff would be 10 s.
      { retry: { maxRetries: 1, initialDelayMs: 10_000, jitter: 0 } },
    );
    const started = performance.now();
    await expect(model.generateObject(call)).resolves.toMatchObject({ value: JSON.parse(ANSWER) });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(2);
  });

  it('retries 529 overloaded_error', async () => {
    const { server, model } = await anthropicHarness((request, index) =>
      index < 2 ? errorReply(529, 'overloaded_error', 'Overloaded') : outputReply(request, ANSWER),
    );
    await expect(model.generateObject(call)).resolves.toBeDefined();
    expect(server.requests).toHaveLength(3);
  });

  it('retries 409 and 425 like every adapter', async () => {
    const { server, model } = await anthropicHarness((request, index) =>
      index < 2
        ? errorReply(index === 0 ? 409 : 425, 'api_error', 'Conflict')
        : outputReply(request, ANSWER),
    );
    await expect(model.generateObject(call)).resolves.toMatchObject({ value: JSON.parse(ANSWER) });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with the last retryable ModelError', async () => {
    const { server, model } = await anthropicHarness(() =>
      errorReply(529, 'overloaded_error', 'Overloaded', { 'retry-after': '0' }),
    );
    const error = await modelErrorOf(model.generateObject(call));
    expect(error).toMatchObject({
      status: 529,
      isRetryable: true,
      retryAfterMs: 0,
      task: 'actionable',
      model: MODEL_ID,
    });
    expect(error.message).toContain('overloaded_error');
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry other 4xx and surfaces Anthropic’s message', async () => {
    const { server, model } = await anthropicHarness(() =>
      errorReply(401, 'authentication_error', 'invalid x-api-key'),
    );
    const error = await modelErrorOf(model.generateObject(call));
    expect(error).toMatchObject({ status: 401, isRetryable: false });
    expect(error.message).toContain('invalid x-api-key');
    expect(server.requests).toHaveLength(1);
  });

  it('follows x-should-retry and reads retry-after-ms', async () => {
    const { server, model } = await anthropicHarness(() =>
      errorReply(500, 'api_error', 'Internal', {
        'x-should-retry': 'false',
        'retry-after-ms': '1500',
      }),
    );
    const error = await modelErrorOf(model.generateObject(call));
    expect(error).toMatchObject({ status: 500, isRetryable: false, retryAfterMs: 1500 });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a connection failure into a retryable ModelError', async () => {
    const { server } = await anthropicHarness(() => ({ type: 'hang' }));
    const url = server.url;
    await server.close();
    const model = createAnthropic({
      apiKey: 'k',
      baseURL: url,
      retry: { maxRetries: 0 },
    }).languageModel(MODEL_ID);
    const error = await modelErrorOf(model.generateObject(call));
    expect(error).toMatchObject({ status: undefined, isRetryable: true, model: MODEL_ID });
  });

  it('sends every request through an injected fetch', async () => {
    const urls: string[] = [];
    const { server } = await anthropicHarness((request) => outputReply(request, ANSWER));
    const model = createAnthropic({
      apiKey: 'k',
      baseURL: server.url,
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    }).languageModel(MODEL_ID);
    await model.generateObject(call);
    expect(urls).toEqual([`${server.url}/v1/messages`]);
  });
});
