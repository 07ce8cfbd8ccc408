import type { Embedder, EmbedRequest, EmbedResult } from '@conduct/core';
import { openCall } from './openai-call.js';
import type { OpenAIContext } from './openai-context.js';
import { type CallInfo, malformed } from './openai-errors.js';
import type { OpenAIEmbedderSettings } from './openai-options.js';
import { count } from './openai-usage.js';

const DEFAULT_MAX_BATCH = 2048;

/**
 * Builds the {@link Embedder} of `modelId`: texts go out in batches of `maxBatchSize`, one after
 * the other, and each vector is placed by the `index` the server gives it, so the result keeps
 * input order even when a server answers out of order.
 */
export function createEmbedder(
  context: OpenAIContext,
  modelId: string,
  settings: OpenAIEmbedderSettings = {},
): Embedder {
  const { dimensions } = settings;
  const maxBatchSize = settings.maxBatchSize ?? DEFAULT_MAX_BATCH;
  return {
    provider: context.name,
    modelId,
    ...(dimensions !== undefined ? { dimensions } : {}),
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      const call = openCall(context, {
        ...request,
        kind: 'embed',
        task: request.task ?? 'embed',
        model: modelId,
        messages: request.texts.map((content) => ({ role: 'user', content })),
      });
      try {
        call.deadline.throwIfDone();
        const embeddings: number[][] = [];
        let inputTokens = 0;
        for (let start = 0; start < request.texts.length; start += maxBatchSize) {
          const batch = request.texts.slice(start, start + maxBatchSize);
          const client = context.client();
          const response = await call.send((signal) =>
            client.embeddings.create(
              {
                model: modelId,
                input: batch,
                // The SDK would ask for base64; many compatible servers only speak floats.
                encoding_format: 'float',
                ...(dimensions !== undefined ? { dimensions } : {}),
              },
              { signal },
            ),
          );
          const tokens = count(response.usage?.prompt_tokens);
          inputTokens += tokens;
          call.record(
            { inputTokens: tokens, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 },
            response.model,
          );
          embeddings.push(...orderedVectors(response.data, batch.length, call.info));
        }
        call.succeed();
        return { embeddings, usage: { inputTokens }, model: call.model };
      } catch (error) {
        throw call.fail(error);
      }
    },
  };
}

function orderedVectors(
  data: readonly { index: number; embedding: number[] }[] | undefined,
  expected: number,
  info: CallInfo,
): number[][] {
  const items = Array.isArray(data) ? data : [];
  const vectors = Array.from<number[] | undefined>({ length: expected });
  items.forEach((item, position) => {
    // Servers that leave out `index` are taken to answer in input order.
    vectors[Number.isInteger(item.index) ? item.index : position] = item.embedding;
  });
  const complete = items.length === expected && vectors.length === expected;
  if (!complete || !vectors.every(Array.isArray)) {
    throw malformed(info, `${items.length} vectors for ${expected} texts`);
  }
  return vectors as number[][];
}
