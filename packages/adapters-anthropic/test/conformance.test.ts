import { describeLanguageModelConformance } from '@conduct/core/testing';
import { createAnthropic } from '../src/index.js';
import { MODEL_ID } from './anthropic-wire.js';
import { startFakeAnthropic } from './fake-anthropic-server.js';
import { scenarioHandler } from './scenario-handler.js';

describeLanguageModelConformance('anthropic adapter', {
  async createModel(scenario) {
    const server = await startFakeAnthropic(scenarioHandler(scenario));
    const provider = createAnthropic({
      apiKey: 'test-key',
      baseURL: server.url,
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    });
    return {
      model: provider.languageModel(MODEL_ID),
      requestCount: () => server.requests.length,
      close: () => server.close(),
    };
  },
});
