import { expect } from 'vitest';
import { AbortedError } from '../errors/errors.js';
import type { Embedder } from '../model/language-model.js';
import { describeError, expectError, expectUsage } from './model-conformance-helpers.js';

/** One embedder conformance check. */
export interface EmbedderCheck {
  readonly title: string;
  run(embedder: Embedder): Promise<void>;
}

const TEXTS = ['Where is my refund?', 'How long does shipping take?', 'Where is my refund?'];

function expectSameVector(actual: readonly number[] | undefined, expected: readonly number[]) {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((value, index) => {
    expect(actual?.[index], `component ${index}`).toBeCloseTo(value, 6);
  });
}

/** Every embedder conformance check, by id. */
export const embedderChecks = {
  identity: {
    title: 'names its provider and model, and any declared dimensions are a positive integer',
    async run(embedder) {
      expect(embedder.provider).toMatch(/\S/);
      expect(embedder.modelId).toMatch(/\S/);
      if (embedder.dimensions !== undefined) {
        expect(Number.isInteger(embedder.dimensions) && embedder.dimensions > 0).toBe(true);
      }
    },
  },
  vectors: {
    title: 'returns one finite vector per text, of one length, in input order',
    async run(embedder) {
      const result = await embedder.embed({ texts: TEXTS });
      expect(result.embeddings).toHaveLength(TEXTS.length);
      const [first, second, third] = result.embeddings;
      const length = first?.length ?? 0;
      expect(length).toBeGreaterThan(0);
      if (embedder.dimensions !== undefined) expect(length).toBe(embedder.dimensions);
      for (const vector of result.embeddings) {
        expect(vector).toHaveLength(length);
        expect(vector.every(Number.isFinite), 'every component is finite').toBe(true);
      }
      expectSameVector(third, first ?? []);
      expect(second, 'different texts get different vectors').not.toEqual(first);
      expect(result.model).toMatch(/\S/);
      expectUsage(result.usage, ['inputTokens']);
    },
  },
  order: {
    title: 'keeps each text with its own vector whatever the batch order',
    async run(embedder) {
      const [a = '', b = ''] = TEXTS;
      const forward = await embedder.embed({ texts: [a, b] });
      const backward = await embedder.embed({ texts: [b, a] });
      expectSameVector(backward.embeddings[1], forward.embeddings[0] ?? []);
      expectSameVector(backward.embeddings[0], forward.embeddings[1] ?? []);
    },
  },
  empty: {
    title: 'returns no vectors for no texts',
    async run(embedder) {
      const result = await embedder.embed({ texts: [] });
      expect(result.embeddings).toEqual([]);
    },
  },
  preAborted: {
    title: 'rejects with AbortedError when the signal is already aborted',
    async run(embedder) {
      const error = await embedder.embed({ texts: TEXTS, signal: AbortSignal.abort() }).then(
        (result) => new Error(`expected a rejection, got ${result.embeddings.length} vectors`),
        (rejection: unknown) => rejection,
      );
      expectError(
        error,
        (value) => AbortedError.is(value),
        `AbortedError (${describeError(error)})`,
      );
    },
  },
} satisfies Record<string, EmbedderCheck>;
