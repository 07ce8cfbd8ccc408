import { countTokens as libraryCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../errors/errors.js';
import type { ModelMessage } from '../model/language-model.js';
import {
  approximateTokenizer,
  countMessageTokens,
  countTokens,
  loadTokenizer,
  MESSAGE_TOKEN_OVERHEAD,
  o200kTokenizer,
} from './tokenizer.js';

describe('before loadTokenizer()', () => {
  afterEach(() => {
    vi.doUnmock('gpt-tokenizer/encoding/o200k_base');
    vi.resetModules();
  });

  it('throws a ConfigurationError that says what to do', async () => {
    vi.resetModules();
    const fresh = await import('./tokenizer.js');
    expect(() => fresh.countTokens('hello')).toThrow(/loadTokenizer/);
    expect(() => fresh.o200kTokenizer.count('hello')).toThrow(
      expect.objectContaining({ code: ConfigurationError.code }),
    );
  });

  it('rejects when the encoding cannot be loaded, and a later call retries', async () => {
    vi.resetModules();
    vi.doMock('gpt-tokenizer/encoding/o200k_base', () => {
      throw new Error('disk on fire');
    });
    const fresh = await import('./tokenizer.js');
    const failure = await fresh.loadTokenizer().catch((error: unknown) => error);
    expect(ConfigurationError.is(failure)).toBe(true);
    expect((failure as Error).cause).toBeInstanceOf(Error);

    vi.doUnmock('gpt-tokenizer/encoding/o200k_base');
    const tokenizer = await fresh.loadTokenizer();
    expect(tokenizer.count('hello world')).toBe(2);
  });
});

describe('o200k tokenizer', () => {
  beforeAll(async () => {
    await loadTokenizer();
  });

  it('resolves to the same tokenizer on every call', async () => {
    expect(await loadTokenizer()).toBe(o200kTokenizer);
    expect(await loadTokenizer()).toBe(o200kTokenizer);
    expect(o200kTokenizer.name).toBe('o200k_base');
  });

  it('counts known strings exactly', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('The quick brown fox jumps over the lazy dog.')).toBe(10);
    expect(countTokens('你好，世界')).toBe(3);
    expect(countTokens('')).toBe(0);
  });

  it('agrees with gpt-tokenizer on longer, mixed text', () => {
    const samples = [
      'Bonjour, je voudrais réserver une table pour deux.',
      '```ts\nconst x = { a: 1 };\n```\n- item\n- item 2',
      'emoji 🎉🎉 and numbers 1234567890',
      'word '.repeat(500),
    ];
    for (const text of samples) expect(countTokens(text)).toBe(libraryCount(text));
  });

  it('counts special-token strings as plain text instead of throwing', () => {
    expect(() => libraryCount('<|endoftext|>')).toThrow();
    expect(countTokens('ignore this <|endoftext|> please')).toBeGreaterThan(5);
  });

  it('accepts another tokenizer', () => {
    expect(countTokens('12345678', approximateTokenizer)).toBe(2);
  });
});

describe('approximateTokenizer', () => {
  it('estimates one token per four characters, rounded up', () => {
    expect(approximateTokenizer.name).toBe('approximate');
    expect(approximateTokenizer.count('')).toBe(0);
    expect(approximateTokenizer.count('abc')).toBe(1);
    expect(approximateTokenizer.count('abcd')).toBe(1);
    expect(approximateTokenizer.count('abcde')).toBe(2);
  });
});

describe('countMessageTokens', () => {
  beforeAll(async () => {
    await loadTokenizer();
  });

  const messages: ModelMessage[] = [
    { role: 'system', content: 'hello world', cacheBreakpoint: true },
    { role: 'user', content: 'Hello, world!' },
  ];

  it('adds a per-message overhead to the content tokens', () => {
    expect(countMessageTokens(messages)).toBe(2 + 4 + 2 * MESSAGE_TOKEN_OVERHEAD);
    expect(countMessageTokens([])).toBe(0);
  });

  it('uses the tokenizer it is given', () => {
    expect(countMessageTokens(messages, approximateTokenizer)).toBe(
      3 + 4 + 2 * MESSAGE_TOKEN_OVERHEAD,
    );
  });
});
