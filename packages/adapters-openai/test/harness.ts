import { afterEach } from 'vitest';
import { createOpenAI, type OpenAIProviderOptions } from '../src/index.js';
import { type FakeOpenAIServer, type Handler, startFakeOpenAI } from './fake-openai-server.js';

/** Retries with a tiny backoff, so retry tests stay fast. */
export const FAST_RETRY = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 } as const;

const servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts a fake server (closed after the test) and a provider pointed at it. */
export async function setup(handler: Handler, options: OpenAIProviderOptions = {}) {
  const server = await startFakeOpenAI(handler);
  servers.push(server);
  const provider = createOpenAI({
    apiKey: 'sk-test',
    baseURL: server.url,
    retry: FAST_RETRY,
    ...options,
  });
  return { server, provider, requests: server.requests };
}
