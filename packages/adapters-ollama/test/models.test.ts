import { ModelError } from '@conduct/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllama } from '../src/index.js';
import { closedPortUrl, fakeOllamaPool, sendError, sendJson } from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);

const TAGS = {
  models: [
    {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-05-04T17:37:44.706015396-07:00',
      size: 2019393189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    },
    {
      name: 'nomic-embed-text:latest',
      model: 'nomic-embed-text:latest',
      modified_at: '2025-04-01T09:00:00Z',
      size: 274302450,
      digest: '0a109f422b47e3a30ba2b10eca18548e944e8a23073ee3f3e947efcf3c45e59f',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'nomic-bert',
        families: ['nomic-bert'],
        parameter_size: '137M',
        quantization_level: 'F16',
      },
    },
  ],
};

describe('listModels', () => {
  it('lists installed models with size, family, parameter size and quantization', async () => {
    const server = await startServer((request, res) =>
      request.method === 'GET' && request.path === '/api/tags'
        ? sendJson(res, 200, TAGS)
        : sendError(res, 404, '404 page not found'),
    );
    const models = await createOllama({ host: server.url }).listModels();
    expect(models).toEqual([
      {
        name: 'llama3.2:latest',
        sizeBytes: 2019393189,
        digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
        modifiedAt: '2025-05-04T17:37:44.706015396-07:00',
        family: 'llama',
        families: ['llama'],
        parameterSize: '3.2B',
        quantizationLevel: 'Q4_K_M',
        format: 'gguf',
      },
      expect.objectContaining({ name: 'nomic-embed-text:latest', family: 'nomic-bert' }),
    ]);
  });

  it('returns no models for an empty Ollama', async () => {
    const server = await startServer((_request, res) => sendJson(res, 200, { models: [] }));
    expect(await createOllama({ host: server.url }).listModels()).toEqual([]);
  });

  it('rejects with a retryable ModelError when Ollama is not running', async () => {
    const error = await createOllama({ host: await closedPortUrl() })
      .listModels()
      .catch((rejection: unknown) => rejection);
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toMatch(/connection refused/);
  });

  it('rejects with the status of an error answer', async () => {
    const server = await startServer((_request, res) => sendError(res, 500, 'disk on fire'));
    await expect(createOllama({ host: server.url }).listModels()).rejects.toMatchObject({
      code: 'model',
      status: 500,
      isRetryable: true,
      message: expect.stringContaining('disk on fire'),
    });
  });

  it('rejects a non-JSON answer as malformed, not as unreachable', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    await expect(createOllama({ host: server.url }).listModels()).rejects.toMatchObject({
      code: 'model',
      isRetryable: false,
      message: expect.stringMatching(/malformed response.*expected JSON/),
    });
  });

  it('times out', async () => {
    const server = await startServer(() => {});
    await expect(
      createOllama({ host: server.url }).listModels({ timeoutMs: 30 }),
    ).rejects.toMatchObject({ code: 'timeout', timeoutMs: 30 });
  });
});

describe('isReachable', () => {
  it('is true when Ollama answers its version', async () => {
    const server = await startServer((request, res) =>
      request.path === '/api/version'
        ? sendJson(res, 200, { version: '0.12.3' })
        : sendError(res, 404, '404 page not found'),
    );
    expect(await createOllama({ host: server.url }).isReachable()).toBe(true);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/version',
    ]);
  });

  it('is false when nothing listens', async () => {
    expect(await createOllama({ host: await closedPortUrl() }).isReachable()).toBe(false);
  });

  it('is false, quickly, when the server does not answer', async () => {
    const server = await startServer(() => {});
    const started = performance.now();
    expect(await createOllama({ host: server.url }).isReachable({ timeoutMs: 50 })).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is false for a server that is not Ollama', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect(await createOllama({ host: server.url }).isReachable()).toBe(false);
  });

  it('is false when aborted', async () => {
    const server = await startServer(() => {});
    const signal = AbortSignal.abort();
    expect(await createOllama({ host: server.url }).isReachable({ signal })).toBe(false);
  });
});
