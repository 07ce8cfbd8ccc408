import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOllama, type OllamaCallRecord } from '../src/index.js';
import {
  fakeOllamaPool,
  sendChat,
  sendEmbeddings,
  sendError,
  streamChat,
} from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('onCall and prices', () => {
  it('reports every call with its usage and cost', async () => {
    const server = await startServer((request, res) => {
      if (request.path === '/api/embed') return sendEmbeddings(res, request);
      if (request.body?.stream === true) return streamChat(res, 'llama3.2', ['Hello']);
      sendChat(res, 'llama3.2', '{"ok": true}', { promptEvalCount: 1_000, evalCount: 500 });
    });
    const records: OllamaCallRecord[] = [];
    const ollama = createOllama({
      host: server.url,
      prices: { 'llama3.2': { inputPerMillion: 1, outputPerMillion: 2 } },
      onCall: (record) => {
        records.push(record);
        throw new Error('a broken listener must not fail the call');
      },
    });
    const model = ollama.languageModel('llama3.2');
    await model.generateObject({
      task: 'actionable',
      traceId: 't1',
      messages,
      schema: z.object({ ok: z.boolean() }),
    });
    await model.streamText({ task: 'compose', messages }).result;
    await ollama.embedder('nomic-embed-text').embed({ texts: ['abcd'], task: 'prefilter' });

    expect(records.map(({ task, kind, provider }) => ({ task, kind, provider }))).toEqual([
      { task: 'actionable', kind: 'object', provider: 'ollama' },
      { task: 'compose', kind: 'text', provider: 'ollama' },
      { task: 'prefilter', kind: 'embed', provider: 'ollama' },
    ]);
    expect(records[0]).toMatchObject({
      traceId: 't1',
      model: 'llama3.2',
      output: '{"ok": true}',
      usage: { inputTokens: 1_000, outputTokens: 500 },
    });
    expect(records[0]?.costUsd).toBeCloseTo((1_000 * 1 + 500 * 2) / 1_000_000);
    expect(records[1]).toMatchObject({ output: 'Hello' });
    expect(records[2]).toMatchObject({
      costUsd: undefined,
      usage: { inputTokens: 1, outputTokens: 0 },
      messages: [{ role: 'user', content: 'abcd' }],
    });
  });

  it('reports the requests and the usage of every answer of a call, also of a failed one', async () => {
    const server = await startServer((request, res) =>
      sendChat(res, 'llama3.2:latest', request.body?.format ? 'not json' : '', {
        promptEvalCount: 100,
        evalCount: 10,
      }),
    );
    const records: OllamaCallRecord[] = [];
    const ollama = createOllama({
      host: server.url,
      retry: { maxRetries: 0 },
      onCall: (record) => records.push(record),
    });
    const schema = z.object({ ok: z.boolean() });
    await expect(
      ollama.languageModel('llama3.2').generateObject({ task: 'actionable', messages, schema }),
    ).rejects.toThrow(/does not match its schema/);

    expect(server.requests).toHaveLength(2);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requests: 2,
      responseModel: 'llama3.2:latest',
      usage: { inputTokens: 200, outputTokens: 20 },
    });
    expect(records[0]?.error).toBeDefined();
  });

  it('reports failed calls with their error', async () => {
    const server = await startServer((_request, res) => sendError(res, 400, 'invalid options'));
    const records: OllamaCallRecord[] = [];
    const ollama = createOllama({ host: server.url, onCall: (record) => records.push(record) });
    await expect(ollama.embedder('e').embed({ texts: ['a'] })).rejects.toMatchObject({
      status: 400,
    });
    expect(records).toHaveLength(1);
    expect(records[0]?.error).toMatch(/invalid options/);
    expect(records[0]?.output).toBeUndefined();
  });
});
