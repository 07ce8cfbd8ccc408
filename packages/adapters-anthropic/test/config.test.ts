import { ConfigurationError } from '@conduct/core';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createAnthropic } from '../src/index.js';
import { MODEL_ID, outputReply } from './anthropic-wire.js';
import { startFakeAnthropic } from './fake-anthropic-server.js';
import { answerSchema } from './harness.js';

const call = {
  task: 't',
  schema: answerSchema,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};
const ANSWER = JSON.stringify({ answer: 'yes', score: 1 });

async function fakeServer() {
  const server = await startFakeAnthropic((request) => outputReply(request, ANSWER));
  onTestFinished(() => server.close());
  return server;
}

const configurationError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(ConfigurationError.is(error), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names ANTHROPIC_API_KEY when no key is given', () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(configurationError(() => createAnthropic())).toContain('ANTHROPIC_API_KEY');
  });

  it('falls back to ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', async () => {
    const server = await fakeServer();
    vi.stubEnv('ANTHROPIC_API_KEY', 'env-key');
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const provider = createAnthropic();
    expect(provider.baseURL).toBe(server.url);
    await provider.languageModel(MODEL_ID).generateObject(call);
    const headers = server.requests[0]?.headers;
    expect(String(headers?.['x-api-key'] ?? headers?.authorization)).toContain('env-key');
  });

  it('prefers explicit options to the environment', async () => {
    const server = await fakeServer();
    vi.stubEnv('ANTHROPIC_API_KEY', 'env-key');
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
    const provider = createAnthropic({ apiKey: 'option-key', baseURL: server.url });
    await provider.languageModel(MODEL_ID).generateObject(call);
    const headers = server.requests[0]?.headers;
    expect(String(headers?.['x-api-key'] ?? headers?.authorization)).toContain('option-key');
  });

  it('defaults the base URL to api.anthropic.com', () => {
    vi.stubEnv('ANTHROPIC_BASE_URL', '');
    expect(createAnthropic({ apiKey: 'k' }).baseURL).toBe('https://api.anthropic.com');
  });

  it('rejects a bad max_tokens default and an empty model id', () => {
    expect(configurationError(() => createAnthropic({ apiKey: 'k', maxOutputTokens: 0 }))).toMatch(
      /maxOutputTokens/,
    );
    const provider = createAnthropic({ apiKey: 'k' });
    expect(configurationError(() => provider.languageModel(' '))).toMatch(/model id/);
    expect(
      configurationError(() => provider.languageModel(MODEL_ID, { maxOutputTokens: 1.5 })),
    ).toMatch(/maxOutputTokens/);
  });

  it('rejects a timeout that is not a positive number, as every adapter does', () => {
    expect(configurationError(() => createAnthropic({ apiKey: 'k', timeoutMs: 0 }))).toMatch(
      /timeoutMs/,
    );
    const provider = createAnthropic({ apiKey: 'k' });
    expect(configurationError(() => provider.languageModel(MODEL_ID, { timeoutMs: -5 }))).toMatch(
      /timeoutMs/,
    );
  });

  it('names its provider and model', () => {
    const model = createAnthropic({ apiKey: 'k' }).languageModel('claude-haiku-4-5');
    expect(model.provider).toBe('anthropic');
    expect(model.modelId).toBe('claude-haiku-4-5');
  });
});
