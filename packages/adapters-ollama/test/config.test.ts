import { ConfigurationError } from '@conduct/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOllama, DEFAULT_OLLAMA_HOST, resolveOllamaHost } from '../src/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveOllamaHost', () => {
  it.each([
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['   ', 'http://127.0.0.1:11434'],
    ['localhost', 'http://localhost:11434'],
    ['localhost:11434', 'http://localhost:11434'],
    ['gpu-box:8080', 'http://gpu-box:8080'],
    ['gpu-box:80', 'http://gpu-box'],
    [':9000', 'http://127.0.0.1:9000'],
    ['10.0.0.5', 'http://10.0.0.5:11434'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11500', 'http://127.0.0.1:11500'],
    ['http://localhost:11434/', 'http://localhost:11434'],
    ['http://localhost', 'http://localhost'],
    ['https://ollama.example.com', 'https://ollama.example.com'],
    ['https://proxy.example.com/ollama/', 'https://proxy.example.com/ollama'],
    ['HTTP://Example.COM:1234', 'http://example.com:1234'],
    ['http://user:secret@gpu-box:11434', 'http://user:secret@gpu-box:11434'],
  ])('%j → %s', (value, expected) => {
    expect(resolveOllamaHost(value)).toBe(expected);
  });

  it('defaults to the loopback address', () => {
    expect(DEFAULT_OLLAMA_HOST).toBe('http://127.0.0.1:11434');
  });

  it.each(['ftp://files.example.com', 'http://', 'local host:11434', 'gpu-box:99999'])(
    'rejects %j with a ConfigurationError',
    (value) => {
      expect(() => resolveOllamaHost(value)).toThrow(ConfigurationError);
      expect(() => resolveOllamaHost(value)).toThrow(/Invalid Ollama host/);
    },
  );
});

describe('createOllama host', () => {
  it('reads OLLAMA_HOST when no host is given', () => {
    vi.stubEnv('OLLAMA_HOST', 'gpu-box:11500');
    expect(createOllama().host).toBe('http://gpu-box:11500');
  });

  it('prefers the host option over OLLAMA_HOST', () => {
    vi.stubEnv('OLLAMA_HOST', 'gpu-box:11500');
    expect(createOllama({ host: 'https://ollama.example.com' }).host).toBe(
      'https://ollama.example.com',
    );
  });

  it('falls back to the default without OLLAMA_HOST', () => {
    vi.stubEnv('OLLAMA_HOST', '');
    expect(createOllama().host).toBe(DEFAULT_OLLAMA_HOST);
  });

  it('rejects a bad OLLAMA_HOST when the provider is created', () => {
    vi.stubEnv('OLLAMA_HOST', 'ftp://nope');
    expect(() => createOllama()).toThrow(/Invalid Ollama host 'ftp:\/\/nope'/);
  });
});

describe('createOllama configuration errors', () => {
  const ollama = createOllama({ host: 'localhost' });

  it('needs a model name', () => {
    expect(() => ollama.languageModel('')).toThrow(ConfigurationError);
    expect(() => ollama.embedder(' ')).toThrow(/needs a model name/);
  });

  it('checks embedder settings and timeouts', () => {
    expect(() => ollama.embedder('e', { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => ollama.embedder('e', { dimensions: 1.5 })).toThrow(/dimensions/);
    expect(() => createOllama({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('names its provider and model', () => {
    const model = ollama.languageModel('llama3.2');
    expect(model.provider).toBe('ollama');
    expect(model.modelId).toBe('llama3.2');
    expect(ollama.embedder('nomic-embed-text').dimensions).toBeUndefined();
  });
});
