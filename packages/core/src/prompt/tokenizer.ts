import { ConfigurationError } from '../errors/errors.js';
import type { ModelMessage } from '../model/language-model.js';

/** Counts tokens of text, for prompt budgets and batching. */
export interface Tokenizer {
  /** Name of the encoding, e.g. `o200k_base` or `approximate`. */
  readonly name: string;
  /** Number of tokens `text` encodes to. Must be synchronous and cheap enough to call per item. */
  count(text: string): number;
}

/**
 * Tokens added per message on top of its content (role and delimiters), an estimate close to
 * OpenAI's chat format; other providers differ by a token or two.
 */
export const MESSAGE_TOKEN_OVERHEAD = 4;

/** A zero-cost estimate: one token per four characters (rounded up). No encoding is loaded. */
export const approximateTokenizer: Tokenizer = Object.freeze({
  name: 'approximate',
  count: (text: string) => Math.ceil(text.length / 4),
});

type O200kModule = typeof import('gpt-tokenizer/encoding/o200k_base');

// Customer text may contain strings such as `<|endoftext|>`; gpt-tokenizer throws on those by
// default, but we only count, so they are encoded as the plain text they are.
const PLAIN_TEXT = Object.freeze({ disallowedSpecial: new Set<string>() });

let o200k: O200kModule | undefined;
let loading: Promise<Tokenizer> | undefined;

/**
 * Exact token counts with OpenAI's `o200k_base` encoding (GPT-4o, GPT-4.1, o-series, GPT-5),
 * a fair estimate for other providers' models too.
 *
 * The encoding is large (importing it takes ~130 ms), so it is loaded only by
 * {@link loadTokenizer}; calling `count` before that promise resolved throws a
 * `ConfigurationError`.
 */
export const o200kTokenizer: Tokenizer = Object.freeze({
  name: 'o200k_base',
  count(text: string): number {
    if (o200k === undefined) {
      throw new ConfigurationError(
        'The o200k_base tokenizer is not loaded: `await loadTokenizer()` once at startup, ' +
          'or pass `approximateTokenizer` where an estimate is enough',
      );
    }
    return o200k.countTokens(text, PLAIN_TEXT);
  },
});

/**
 * Loads the `o200k_base` encoding (once per process; later calls return the same promise) and
 * resolves to {@link o200kTokenizer}. Call it during startup, before anything counts tokens.
 */
export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (module) => {
      o200k = module;
      return o200kTokenizer;
    },
    (error: unknown) => {
      // Forget the failed attempt so a later call can retry.
      loading = undefined;
      throw new ConfigurationError('Could not load the o200k_base tokenizer (gpt-tokenizer)', {
        cause: error,
      });
    },
  );
  return loading;
}

/**
 * Tokens in `text`, with {@link o200kTokenizer} unless another tokenizer is given.
 * The default needs {@link loadTokenizer} to have resolved.
 */
export function countTokens(text: string, tokenizer: Tokenizer = o200kTokenizer): number {
  if (tokenizer !== o200kTokenizer) return tokenizer.count(text);
  // Prompts repeat the same texts every turn (guideline lines, history lines): count each once.
  const cached = countCache.get(text);
  if (cached !== undefined) return cached;
  const count = tokenizer.count(text);
  if (countCache.size >= COUNT_CACHE_LIMIT)
    countCache.delete(countCache.keys().next().value as string);
  countCache.set(text, count);
  return count;
}

const COUNT_CACHE_LIMIT = 20_000;
const countCache = new Map<string, number>();

/**
 * Tokens a prompt takes: each message's content plus {@link MESSAGE_TOKEN_OVERHEAD}.
 * Uses {@link o200kTokenizer} unless another tokenizer is given.
 */
export function countMessageTokens(
  messages: readonly ModelMessage[],
  tokenizer: Tokenizer = o200kTokenizer,
): number {
  let total = 0;
  for (const message of messages)
    total += countTokens(message.content, tokenizer) + MESSAGE_TOKEN_OVERHEAD;
  return total;
}
