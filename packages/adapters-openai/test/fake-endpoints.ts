import type { ServerResponse } from 'node:http';
import { type RecordedRequest, replyJson } from './fake-openai-server.js';

/**
 * A deterministic 8-dimensional vector for `text`: the same text always gets the same vector,
 * different texts (almost surely) different ones.
 */
export function fakeVector(text: string): number[] {
  return Array.from({ length: 8 }, (_, dimension) => {
    let hash = 2166136261 ^ dimension;
    for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return ((hash >>> 0) % 10_000) / 10_000;
  });
}

/**
 * Answers `/embeddings` like OpenAI, but lists the vectors in reverse order (each with its
 * `index`) so that only an adapter that honours `index` keeps input order.
 */
export function replyEmbeddings(res: ServerResponse, request: RecordedRequest): void {
  const input: string[] = Array.isArray(request.body.input)
    ? request.body.input
    : [request.body.input];
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: fakeVector(text).slice(0, request.body.dimensions ?? 8),
  }));
  replyJson(res, 200, {
    object: 'list',
    data: data.reverse(),
    model: request.body.model,
    usage: { prompt_tokens: input.length * 3, total_tokens: input.length * 3 },
  });
}

/** Answers `/moderations` with the given categories flagged. */
export function replyModeration(res: ServerResponse, flagged: readonly string[]): void {
  const names = ['harassment', 'harassment/threatening', 'hate', 'self-harm', 'violence'];
  const categories = Object.fromEntries(names.map((name) => [name, flagged.includes(name)]));
  const scores = Object.fromEntries(
    names.map((name) => [name, flagged.includes(name) ? 0.9 : 0.01]),
  );
  replyJson(res, 200, {
    id: 'modr-fake',
    model: 'omni-moderation-latest',
    results: [
      {
        flagged: flagged.length > 0,
        categories,
        category_scores: scores,
        category_applied_input_types: {},
      },
    ],
  });
}
