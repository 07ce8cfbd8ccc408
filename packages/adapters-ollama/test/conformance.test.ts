import {
  describeEmbedderConformance,
  describeLanguageModelConformance,
} from '@conduct/core/testing';
import { createOllama } from '../src/index.js';
import { sendEmbeddings, sendError, startFakeOllama } from './fake-ollama-server.js';
import { scenarioHandler } from './scenario-handler.js';

const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 5 };

describeLanguageModelConformance('ollama language model', {
  async createModel(scenario) {
    const server = await startFakeOllama(scenarioHandler(scenario));
    const model = createOllama({ host: server.url, retry: FAST_RETRY }).languageModel('llama3.2');
    return {
      model,
      requestCount: () => server.requestsTo('/api/chat').length,
      close: () => server.close(),
    };
  },
});

describeEmbedderConformance('ollama embedder', {
  async createEmbedder() {
    const server = await startFakeOllama((request, res) =>
      request.path === '/api/embed'
        ? sendEmbeddings(res, request)
        : sendError(res, 404, '404 page not found'),
    );
    const embedder = createOllama({ host: server.url, retry: FAST_RETRY }).embedder(
      'nomic-embed-text',
    );
    return { embedder, close: () => server.close() };
  },
});
