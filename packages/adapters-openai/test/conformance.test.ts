import {
  describeEmbedderConformance,
  describeLanguageModelConformance,
  type LanguageModelScenario,
} from '@conduct/core/testing';
import { createOpenAI, type StructuredOutputMode } from '../src/index.js';
import { replyEmbeddings } from './fake-endpoints.js';
import { startFakeOpenAI } from './fake-openai-server.js';
import { FAST_RETRY } from './harness.js';
import { scenarioHandler } from './scenario-handler.js';

function harnessFor(mode: StructuredOutputMode) {
  return async (scenario: LanguageModelScenario) => {
    const server = await startFakeOpenAI(scenarioHandler(scenario));
    const provider = createOpenAI({
      apiKey: 'sk-test',
      baseURL: server.url,
      retry: FAST_RETRY,
      structuredOutputs: mode,
    });
    return {
      model: provider.languageModel('gpt-4.1-mini'),
      requestCount: () => server.requests.length,
      close: () => server.close(),
    };
  };
}

describeLanguageModelConformance('openai adapter (strict json_schema)', {
  createModel: harnessFor('strict'),
});

describeLanguageModelConformance('openai adapter (JSON mode)', {
  createModel: harnessFor('json-mode'),
});

describeEmbedderConformance('openai embedder', {
  async createEmbedder() {
    const server = await startFakeOpenAI((request, res) => replyEmbeddings(res, request));
    const provider = createOpenAI({ apiKey: 'sk-test', baseURL: server.url, retry: FAST_RETRY });
    return {
      embedder: provider.embedder('text-embedding-3-small'),
      close: () => server.close(),
    };
  },
});
