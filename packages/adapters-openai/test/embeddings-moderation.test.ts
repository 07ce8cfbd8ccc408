import { AbortedError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import type { OpenAICallRecord } from '../src/index.js';
import { fakeVector, replyEmbeddings, replyModeration } from './fake-endpoints.js';
import { replyError } from './fake-openai-server.js';
import { setup } from './harness.js';

describe('embeddings', () => {
  it('batches input, keeps input order and sends dimensions', async () => {
    const records: OpenAICallRecord[] = [];
    const { provider, requests } = await setup((request, res) => replyEmbeddings(res, request), {
      onCall: (record) => records.push(record),
    });
    const embedder = provider.embedder('text-embedding-3-small', {
      dimensions: 4,
      maxBatchSize: 2,
    });
    expect(embedder.dimensions).toBe(4);
    const texts = ['a', 'b', 'c', 'd', 'e'];
    const result = await embedder.embed({ texts, task: 'prefilter' });

    expect(result.embeddings).toEqual(texts.map((text) => fakeVector(text).slice(0, 4)));
    expect(result.usage).toEqual({ inputTokens: 15 });
    expect(result.model).toBe('text-embedding-3-small');
    expect(requests.map((r) => [r.path, r.body.input])).toEqual([
      ['/embeddings', ['a', 'b']],
      ['/embeddings', ['c', 'd']],
      ['/embeddings', ['e']],
    ]);
    expect(requests[0]?.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
      dimensions: 4,
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'embed', task: 'prefilter', requests: 3 });
    expect(records[0]?.usage.inputTokens).toBe(15);
    expect(records[0]?.messages.map((m) => m.content)).toEqual(texts);
  });

  it('sends nothing for no texts, and retries a 429', async () => {
    const { provider, requests } = await setup((request, res, index) =>
      index === 0
        ? replyError(res, 429, 'slow down', { headers: { 'retry-after': '0' } })
        : replyEmbeddings(res, request),
    );
    const embedder = provider.embedder('text-embedding-3-small');
    expect(embedder.dimensions).toBeUndefined();
    expect((await embedder.embed({ texts: [] })).embeddings).toEqual([]);
    expect(requests).toHaveLength(0);
    const result = await embedder.embed({ texts: ['x'] });
    expect(result.embeddings).toEqual([fakeVector('x')]);
    expect(requests).toHaveLength(2);
  });
});

describe('moderation', () => {
  it('returns the flagged state and the flagged category names', async () => {
    const { provider, requests } = await setup((request, res) =>
      replyModeration(
        res,
        request.body.input.includes('hurt') ? ['violence', 'harassment/threatening'] : [],
      ),
    );
    const moderator = provider.moderator();
    expect(moderator.provider).toBe('openai');
    expect(await moderator.moderate({ text: 'I will hurt you' })).toEqual({
      flagged: true,
      categories: ['harassment/threatening', 'violence'],
    });
    expect(await moderator.moderate({ text: 'Where is my parcel?' })).toEqual({
      flagged: false,
      categories: [],
    });
    expect(requests[0]?.path).toBe('/moderations');
    expect(requests[0]?.body).toEqual({
      model: 'omni-moderation-latest',
      input: 'I will hurt you',
    });
  });

  it('rejects with AbortedError when the signal is already aborted', async () => {
    const { provider, requests } = await setup((_request, res) => replyModeration(res, []));
    const error = await provider
      .moderator('text-moderation-latest')
      .moderate({ text: 'x', signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(AbortedError.is(error)).toBe(true);
    expect(requests).toHaveLength(0);
  });
});
