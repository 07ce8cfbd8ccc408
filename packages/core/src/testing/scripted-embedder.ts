import { abortableDelay, createCallDeadline } from '../model/call-deadline.js';
import type { Embedder, EmbedRequest, EmbedResult } from '../model/language-model.js';
import { estimateTokens } from './model-script.js';

/** Options of {@link createScriptedEmbedder}. */
export interface ScriptedEmbedderOptions {
  /** Model id on results; defaults to `scripted-embedder`. */
  modelId?: string;
  /** Vector length; defaults to 64. */
  dimensions?: number;
  /** Simulated latency of every call (abort- and timeout-aware); defaults to 0. */
  latencyMs?: number;
  /** Token counter for usage; defaults to `ceil(characters / 4)`. */
  countTokens?: (text: string) => number;
}

/** One call made to a {@link ScriptedEmbedder}. */
export interface ScriptedEmbedCall {
  request: EmbedRequest;
  /** The vectors returned (absent on failure). */
  embeddings?: number[][];
  error?: unknown;
}

/** The scripted test double of {@link Embedder}. See {@link createScriptedEmbedder}. */
export interface ScriptedEmbedder extends Embedder {
  readonly dimensions: number;
  /** Every call so far, oldest first. */
  readonly calls: readonly ScriptedEmbedCall[];
  /** Forgets the recorded calls. */
  reset(): void;
}

/**
 * Creates a deterministic {@link Embedder}: each text becomes a hashed bag of its lowercased
 * words, L2-normalized, so texts sharing words have a positive cosine similarity and texts
 * sharing none have (almost always) zero. Good enough to test embedding pre-filters without a
 * model; an empty text gets the zero vector.
 */
export function createScriptedEmbedder(options: ScriptedEmbedderOptions = {}): ScriptedEmbedder {
  const dimensions = options.dimensions ?? 64;
  const modelId = options.modelId ?? 'scripted-embedder';
  const countTokens = options.countTokens ?? estimateTokens;
  const calls: ScriptedEmbedCall[] = [];

  return {
    provider: 'scripted',
    modelId,
    dimensions,
    calls,
    reset: () => {
      calls.length = 0;
    },
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      const call: ScriptedEmbedCall = { request };
      calls.push(call);
      const deadline = createCallDeadline(
        request,
        `Scripted embedding of ${request.texts.length} texts`,
      );
      try {
        deadline.throwIfDone();
        if (options.latencyMs) await abortableDelay(options.latencyMs, deadline.signal);
        call.embeddings = request.texts.map((text) => hashedBagOfWords(text, dimensions));
        const inputTokens = request.texts.reduce((sum, text) => sum + countTokens(text), 0);
        return { embeddings: call.embeddings, usage: { inputTokens }, model: modelId };
      } catch (error) {
        call.error = deadline.mapError(error);
        throw call.error;
      } finally {
        deadline.dispose();
      }
    },
  };
}

/** The scripted embedder's vector for `text`: a signed, hashed, L2-normalized bag of words. */
export function hashedBagOfWords(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    const index = hash % dimensions;
    // The sign comes from a bit the index does not use, so colliding words tend to cancel
    // rather than pile up (the usual feature-hashing trick).
    vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
