import { onTestFinished } from 'vitest';
import { z } from 'zod';
import {
  type AnthropicModelSettings,
  type AnthropicProviderOptions,
  createAnthropic,
} from '../src/index.js';
import { MODEL_ID } from './anthropic-wire.js';
import { type FakeHandler, startFakeAnthropic } from './fake-anthropic-server.js';

/** Retries fast enough for tests. */
export const FAST_RETRY = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 } as const;

/** A small structured-output schema. */
export const answerSchema = z.object({ answer: z.string(), score: z.number().int() });

/**
 * A fake Messages API playing `handler`, and a model of a provider pointed at it. The server
 * closes when the test finishes.
 */
export async function anthropicHarness(
  handler: FakeHandler,
  options: AnthropicProviderOptions = {},
  settings?: AnthropicModelSettings,
) {
  const server = await startFakeAnthropic(handler);
  onTestFinished(() => server.close());
  const provider = createAnthropic({
    apiKey: 'test-key',
    baseURL: server.url,
    retry: FAST_RETRY,
    ...options,
  });
  return { server, provider, model: provider.languageModel(MODEL_ID, settings) };
}
