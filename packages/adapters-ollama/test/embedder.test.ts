import { afterEach, describe, expect, it } from 'vitest';
import { createOllama } from '../src/index.js';
import { fakeOllamaPool, fakeVector, sendEmbeddings } from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);

describe('embedder batching', () => {
  it('splits long lists into batches and keeps every vector with its text', async () => {
    const server = await startServer((request, res) => sendEmbeddings(res, request));
    const embedder = createOllama({ host: server.url }).embedder('nomic-embed-text', {
      batchSize: 2,
    });
    const texts = ['refund', 'shipping', 'warranty', 'returns', 'invoice'];
    const result = await embedder.embed({ texts });

    expect(server.requests.map((request) => request.body?.input)).toEqual([
      ['refund', 'shipping'],
      ['warranty', 'returns'],
      ['invoice'],
    ]);
    expect(result.embeddings).toEqual(texts.map((text) => fakeVector(text)));
    expect(result.usage.inputTokens).toBe(2 + 2 + 2 + 2 + 2);
    expect(result.model).toBe('nomic-embed-text');
  });

  it('sends nothing for no texts', async () => {
    const server = await startServer((request, res) => sendEmbeddings(res, request));
    const result = await createOllama({ host: server.url }).embedder('e').embed({ texts: [] });
    expect(result).toEqual({ embeddings: [], usage: { inputTokens: 0 }, model: 'e' });
    expect(server.requests).toHaveLength(0);
  });
});
