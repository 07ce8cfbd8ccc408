import { ConfigurationError } from '@conduct/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAI, openai } from '../src/index.js';
import { replyStream } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];
const text = (model: ReturnType<typeof openai>) =>
  model.streamText({ task: 'compose', messages }).result;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('rejects the first call with a ConfigurationError naming OPENAI_API_KEY when no key is set', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const provider = createOpenAI();
    const error = await text(provider('gpt-4.1-mini')).catch((e: unknown) => e);
    expect(ConfigurationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    const objectError = await provider('gpt-4.1-mini')
      .generateObject({ task: 't', messages, schema: (await import('zod')).z.object({}) })
      .catch((e: unknown) => e);
    expect(ConfigurationError.is(objectError)).toBe(true);
  });

  it('reads OPENAI_API_KEY and OPENAI_BASE_URL lazily, at the first call', async () => {
    const { server } = await setup((_request, res) => replyStream(res, ['from env']));
    const provider = createOpenAI({ retry: { maxRetries: 0 } });
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    vi.stubEnv('OPENAI_BASE_URL', server.url);
    expect((await text(provider('gpt-4.1-mini'))).text).toBe('from env');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('the default `openai` provider works from the environment', async () => {
    const { server } = await setup((_request, res) => replyStream(res, ['default']));
    vi.stubEnv('OPENAI_API_KEY', 'sk-default');
    vi.stubEnv('OPENAI_BASE_URL', server.url);
    expect((await text(openai('gpt-4.1-mini'))).text).toBe('default');
  });

  it('talks to a keyless local server without an Authorization header', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const { server } = await setup((_request, res) => replyStream(res, ['local']));
    const provider = createOpenAI({ baseURL: server.url, name: 'lmstudio' });
    const model = provider('qwen2.5-7b-instruct');
    expect(model.provider).toBe('lmstudio');
    expect((await text(model)).text).toBe('local');
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('passes an injected fetch through to the SDK', async () => {
    const { server } = await setup((_request, res) => replyStream(res, ['proxied']));
    const seen: string[] = [];
    const provider = createOpenAI({
      apiKey: 'sk-test',
      baseURL: 'http://proxy.invalid/v1',
      fetch: (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        seen.push(url);
        return fetch(url.replace('http://proxy.invalid/v1', server.url), init);
      },
    });
    expect((await text(provider('m'))).text).toBe('proxied');
    expect(seen).toEqual(['http://proxy.invalid/v1/chat/completions']);
  });

  it.each([
    [{ structuredOutputs: 'loose' }, /structuredOutputs/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ baseURL: 'localhost:8000' }, /baseURL/],
    [{ name: ' ' }, /name/],
  ])('rejects invalid options %j at once', (options, message) => {
    expect(() => createOpenAI(options as never)).toThrow(message);
  });

  it('rejects empty model ids and bad embedder settings', () => {
    const provider = createOpenAI({ apiKey: 'sk-test' });
    expect(() => provider('')).toThrow(ConfigurationError);
    expect(() => provider.embedder('text-embedding-3-small', { dimensions: 0 })).toThrow(
      /dimensions/,
    );
    expect(() => provider.embedder('text-embedding-3-small', { maxBatchSize: 1.5 })).toThrow(
      /maxBatchSize/,
    );
    expect(() => provider('m', { structuredOutputs: 'xml' as never })).toThrow(/structuredOutputs/);
    expect(() => provider('m', { maxOutputTokens: 0 })).toThrow(/maxOutputTokens/);
    expect(() => provider('m', { maxOutputTokens: 1.5 })).toThrow(/maxOutputTokens/);
  });
});
