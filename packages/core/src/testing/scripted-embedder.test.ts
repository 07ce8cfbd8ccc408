import { describe, expect, it } from 'vitest';
import { AbortedError, TimeoutError } from '../errors/errors.js';
import { createScriptedEmbedder, hashedBagOfWords } from './scripted-embedder.js';

const cosine = (a: number[], b: number[]) =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('scripted embedder', () => {
  it('embeds deterministically: same words (any case or order) give the same unit vector', async () => {
    const embedder = createScriptedEmbedder({ dimensions: 16, modelId: 'bow' });
    const result = await embedder.embed({ texts: ['Refund my order', 'order my REFUND', ''] });
    const [a = [], b = [], empty = []] = result.embeddings;
    expect(a).toHaveLength(16);
    expect(a).toEqual(b);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    expect(empty).toEqual(new Array(16).fill(0));
    expect(result.model).toBe('bow');
    expect(result.usage).toEqual({ inputTokens: 4 + 4 + 0 });
    expect(embedder.dimensions).toBe(16);
  });

  it('scores texts sharing words above texts sharing none', () => {
    const query = hashedBagOfWords('where is my refund', 256);
    const related = hashedBagOfWords('refund status for my order', 256);
    const unrelated = hashedBagOfWords('shipping takes three days', 256);
    expect(cosine(query, related)).toBeGreaterThan(0.3);
    expect(cosine(query, unrelated)).toBe(0);
  });

  it('records calls and honours abort and timeout', async () => {
    const embedder = createScriptedEmbedder({ latencyMs: 60_000 });
    await expect(embedder.embed({ texts: ['a'], signal: AbortSignal.abort() })).rejects.toThrow(
      AbortedError,
    );
    await expect(embedder.embed({ texts: ['a'], timeoutMs: 10 })).rejects.toThrow(TimeoutError);
    expect(embedder.calls.map((call) => [call.request.texts, AbortedError.is(call.error)])).toEqual(
      [
        [['a'], true],
        [['a'], false],
      ],
    );
    embedder.reset();
    expect(embedder.calls).toEqual([]);
  });
});
