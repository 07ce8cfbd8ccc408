import {
  computeCost,
  type Embedder,
  errorMessage,
  type LanguageModel,
  type ModelCallRecord,
  recordModelCalls,
  ZERO_USAGE,
} from '@conduct/core';
import type { OllamaContext } from './ollama-options.js';

/** `model`, reporting each call to the provider's `onCall` (with its cost) when one is set. */
export function reportedLanguageModel(model: LanguageModel, context: OllamaContext): LanguageModel {
  const { onCall } = context;
  if (!onCall) return model;
  return recordModelCalls(model, (record) => onCall(withCost(record, model.modelId, context)));
}

/**
 * `embedder`, reporting each call to `onCall` when one is set. The core recorder only wraps
 * language models, so embeddings are recorded here, with the texts as the prompt.
 */
export function reportedEmbedder(embedder: Embedder, context: OllamaContext): Embedder {
  const { onCall } = context;
  if (!onCall) return embedder;
  return {
    provider: embedder.provider,
    modelId: embedder.modelId,
    ...(embedder.dimensions === undefined ? {} : { dimensions: embedder.dimensions }),
    async embed(request) {
      const startedAt = new Date();
      const start = performance.now();
      const finish = (outcome: Partial<ModelCallRecord>) => {
        const record: ModelCallRecord = {
          task: request.task ?? 'embed',
          traceId: request.traceId,
          kind: 'embed',
          provider: embedder.provider,
          model: embedder.modelId,
          startedAt: startedAt.toISOString(),
          endedAt: new Date().toISOString(),
          latencyMs: Math.max(0, Math.round(performance.now() - start)),
          usage: { ...ZERO_USAGE },
          messages: request.texts.map((content) => ({ role: 'user', content })),
          ...outcome,
        };
        notify(() => onCall(withCost(record, embedder.modelId, context)));
      };
      try {
        const result = await embedder.embed(request);
        finish({
          model: result.model,
          usage: { ...ZERO_USAGE, inputTokens: result.usage.inputTokens },
        });
        return result;
      } catch (error) {
        finish({ error: errorMessage(error) });
        throw error;
      }
    },
  };
}

/** Prices are looked up by the model that answered, then by the configured id. */
function withCost(record: ModelCallRecord, modelId: string, context: OllamaContext) {
  const { usage, model } = record;
  const costUsd =
    computeCost(usage, model, context.prices) ?? computeCost(usage, modelId, context.prices);
  return { ...record, costUsd };
}

function notify(call: () => unknown): void {
  try {
    const returned = call();
    if (returned instanceof Promise) returned.catch(() => {});
  } catch {
    // A listener must never fail the call it reports.
  }
}
