import { toJsonSchema } from '@conduct/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOllama } from '../src/index.js';
import {
  fakeOllamaPool,
  sendChat,
  sendEmbeddings,
  sendError,
  streamChat,
} from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);

const verdict = z.object({
  applies: z.boolean(),
  reason: z.string().optional(),
  ids: z.array(z.string()),
});

const messages = [
  { role: 'system' as const, content: 'You judge conditions.', cacheBreakpoint: true },
  { role: 'user' as const, content: 'Does it apply?' },
];

describe('request bodies', () => {
  it('sends structured calls with the JSON schema as `format`, stream false, options and keep_alive', async () => {
    const server = await startServer((_request, res) =>
      sendChat(res, 'llama3.2', JSON.stringify({ applies: true, ids: ['g1'] })),
    );
    const ollama = createOllama({
      host: server.url,
      keepAlive: '10m',
      options: { num_ctx: 8192, seed: 7, temperature: 0.8 },
      headers: { authorization: 'Bearer proxy-token' },
    });
    const model = ollama.languageModel('llama3.2', { options: { top_k: 20 } });
    const result = await model.generateObject({
      task: 'actionable',
      messages,
      schema: verdict,
      temperature: 0,
      maxOutputTokens: 64,
    });

    expect(result.value).toEqual({ applies: true, ids: ['g1'] });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/chat');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer proxy-token');
    expect(request?.body).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'You judge conditions.' },
        { role: 'user', content: 'Does it apply?' },
      ],
      stream: false,
      format: toJsonSchema(verdict),
      options: { num_ctx: 8192, seed: 7, temperature: 0, num_predict: 64, top_k: 20 },
      keep_alive: '10m',
    });
    expect(request?.body?.format).toMatchObject({
      type: 'object',
      properties: { applies: { type: 'boolean' }, ids: { type: 'array' } },
      required: ['applies', 'ids'],
    });
    expect(request?.body?.format).not.toHaveProperty('$schema');
  });

  it('sends the repair attempt with the bad output and the same format', async () => {
    let calls = 0;
    const server = await startServer((_request, res) => {
      calls += 1;
      sendChat(
        res,
        'llama3.2',
        calls === 1 ? '{"applies": "yes"}' : '{"applies": false, "ids": []}',
      );
    });
    const model = createOllama({ host: server.url }).languageModel('llama3.2');
    const result = await model.generateObject({ task: 'actionable', messages, schema: verdict });

    expect(result.value).toEqual({ applies: false, ids: [] });
    expect(result.usage).toEqual({
      inputTokens: 52,
      outputTokens: 24,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
    });
    const repair = server.requests[1]?.body;
    expect(repair?.format).toEqual(toJsonSchema(verdict));
    const repairMessages = repair?.messages as { role: string; content: string }[];
    expect(repairMessages).toHaveLength(4);
    expect(repairMessages[2]).toEqual({ role: 'assistant', content: '{"applies": "yes"}' });
    expect(repairMessages[3]?.content).toMatch(/does not match the required JSON schema/);
  });

  it('sends text calls with stream true, no format, think, and the model keep_alive over the provider one', async () => {
    const server = await startServer((_request, res) => streamChat(res, 'qwen2.5:7b', ['Hi']));
    const ollama = createOllama({ host: server.url, keepAlive: '5m' });
    const model = ollama.languageModel('qwen2.5:7b', { keepAlive: -1, think: false });
    await model.streamText({ task: 'compose', messages }).result;

    expect(server.requests[0]?.body).toEqual({
      model: 'qwen2.5:7b',
      messages: [
        { role: 'system', content: 'You judge conditions.' },
        { role: 'user', content: 'Does it apply?' },
      ],
      stream: true,
      keep_alive: -1,
      think: false,
    });
  });

  it('sends embeddings as one batched `input` with keep_alive, dimensions and truncate', async () => {
    const server = await startServer((request, res) =>
      request.path === '/api/embed' ? sendEmbeddings(res, request) : sendError(res, 404, 'no'),
    );
    const ollama = createOllama({ host: server.url, keepAlive: '30m' });
    const embedder = ollama.embedder('nomic-embed-text', { dimensions: 8, truncate: false });
    expect(embedder.dimensions).toBe(8);
    await embedder.embed({ texts: ['a', 'b'] });

    expect(server.requests[0]?.path).toBe('/api/embed');
    expect(server.requests[0]?.body).toEqual({
      model: 'nomic-embed-text',
      input: ['a', 'b'],
      truncate: false,
      dimensions: 8,
      keep_alive: '30m',
    });
  });

  it('rejects schemas JSON cannot describe before sending anything', async () => {
    const server = await startServer((_request, res) => sendChat(res, 'llama3.2', '{}'));
    const model = createOllama({ host: server.url }).languageModel('llama3.2');
    await expect(
      model.generateObject({ task: 't', messages, schema: z.object({ at: z.date() }) }),
    ).rejects.toMatchObject({ code: 'configuration' });
    expect(server.requests).toHaveLength(0);
  });
});
