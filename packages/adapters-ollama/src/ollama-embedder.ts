import {
  ConfigurationError,
  type Embedder,
  type EmbedRequest,
  type EmbedResult,
} from '@conduct/core';
import type { EmbedRequest as OllamaEmbedBody } from 'ollama/browser';
import { openCall } from './ollama-call.js';
import { OLLAMA_PROVIDER, type OllamaContext } from './ollama-context.js';
import { malformedResponse } from './ollama-errors.js';
import { postOllama, readJson } from './ollama-http.js';
import type { OllamaEmbedderSettings } from './ollama-options.js';
import { toModelUsage } from './ollama-usage.js';

const DEFAULT_BATCH_SIZE = 256;

/**
 * Builds the {@link Embedder} of `modelId` over Ollama's `/api/embed`: texts go in batches of
 * `batchSize` (one request per batch, one after another, since a local server embeds them one
 * queue anyway), and vectors come back in input order. Throws `ConfigurationError` for invalid
 * settings.
 */
export function createEmbedder(
  context: OllamaContext,
  modelId: string,
  settings: OllamaEmbedderSettings = {},
): Embedder {
  const { dimensions, batchSize = DEFAULT_BATCH_SIZE } = settings;
  if (dimensions !== undefined && !(Number.isInteger(dimensions) && dimensions > 0)) {
    throw new ConfigurationError(
      `Ollama embedder '${modelId}': dimensions must be a positive integer, got ${dimensions}`,
    );
  }
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new ConfigurationError(
      `Ollama embedder '${modelId}': batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  return {
    provider: OLLAMA_PROVIDER,
    modelId,
    ...(dimensions === undefined ? {} : { dimensions }),
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      const call = openCall(context, {
        ...request,
        kind: 'embed',
        task: request.task ?? 'embed',
        model: modelId,
        messages: request.texts.map((content) => ({ role: 'user', content })),
      });
      const { label } = call;
      try {
        call.deadline.throwIfDone();
        const embeddings: number[][] = [];
        let inputTokens = 0;
        for (let start = 0; start < request.texts.length; start += batchSize) {
          const input = request.texts.slice(start, start + batchSize);
          const body = embedBody({ context, modelId, settings, input });
          const response = await call.send((signal) =>
            postOllama({ context, path: '/api/embed', body, signal, label }),
          );
          const answer = (await readJson(response, call.deadline, label)) as {
            embeddings?: unknown;
            prompt_eval_count?: unknown;
            model?: unknown;
          } | null;
          const vectors = answer?.embeddings;
          if (!isVectorList(vectors) || vectors.length !== input.length) {
            throw malformedResponse(
              `expected ${input.length} embeddings, got ${Array.isArray(vectors) ? vectors.length : 'none'}`,
              label,
            );
          }
          embeddings.push(...vectors);
          const usage = toModelUsage({ prompt_eval_count: answer?.prompt_eval_count });
          inputTokens += usage.inputTokens;
          call.record(usage, typeof answer?.model === 'string' ? answer.model : undefined);
        }
        call.succeed();
        return { embeddings, usage: { inputTokens }, model: call.model };
      } catch (error) {
        throw call.fail(error);
      }
    },
  };
}

/** The `/api/embed` body of one batch: the model's settings over the provider's. */
function embedBody(input: {
  context: OllamaContext;
  modelId: string;
  settings: OllamaEmbedderSettings;
  input: string[];
}): OllamaEmbedBody {
  const { context, settings } = input;
  const merged = settings.options ? { ...context.options, ...settings.options } : context.options;
  const keep = settings.keepAlive ?? context.keepAlive;
  return {
    model: input.modelId,
    input: input.input,
    ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
    ...(settings.dimensions === undefined ? {} : { dimensions: settings.dimensions }),
    ...(merged === undefined || Object.keys(merged).length === 0 ? {} : { options: merged }),
    ...(keep === undefined ? {} : { keep_alive: keep }),
  };
}

function isVectorList(value: unknown): value is number[][] {
  return (
    Array.isArray(value) &&
    value.every(
      (vector) =>
        Array.isArray(vector) && vector.every((x) => typeof x === 'number' && Number.isFinite(x)),
    )
  );
}
