import {
  ConfigurationError,
  createCallDeadline,
  type Embedder,
  type EmbedRequest,
  type EmbedResult,
} from '@conduct/core';
import type { EmbedRequest as OllamaEmbedBody } from 'ollama/browser';
import { count } from './ollama-chat-wire.js';
import { type CallLabel, malformedResponse } from './ollama-errors.js';
import { postOllama, readJson } from './ollama-http.js';
import { OLLAMA_PROVIDER } from './ollama-language-model.js';
import type { OllamaContext, OllamaEmbedderSettings } from './ollama-options.js';

const DEFAULT_BATCH_SIZE = 256;

/**
 * An `Embedder` over Ollama's `/api/embed`: texts go in batches of `batchSize` (one request per
 * batch, one after another, since a local server embeds them one queue anyway), and vectors come
 * back in input order.
 */
export class OllamaEmbedder implements Embedder {
  readonly provider = OLLAMA_PROVIDER;
  readonly modelId: string;
  readonly dimensions: number | undefined;
  readonly #context: OllamaContext;
  readonly #settings: OllamaEmbedderSettings;
  readonly #batchSize: number;

  constructor(context: OllamaContext, modelId: string, settings: OllamaEmbedderSettings = {}) {
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
    this.#context = context;
    this.modelId = modelId;
    this.dimensions = dimensions;
    this.#settings = settings;
    this.#batchSize = batchSize;
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    const timeoutMs = request.timeoutMs ?? this.#context.timeoutMs;
    const deadline = createCallDeadline(
      { signal: request.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
      `Ollama embedding with '${this.modelId}'`,
    );
    const label: CallLabel = { task: request.task, model: this.modelId, host: this.#context.host };
    try {
      deadline.throwIfDone();
      const embeddings: number[][] = [];
      let inputTokens = 0;
      let model = this.modelId;
      for (let start = 0; start < request.texts.length; start += this.#batchSize) {
        const input = request.texts.slice(start, start + this.#batchSize);
        const response = await postOllama(
          this.#context,
          '/api/embed',
          this.#body(input),
          deadline,
          label,
        );
        const body = (await readJson(response, deadline, label)) as {
          embeddings?: unknown;
          prompt_eval_count?: unknown;
          model?: unknown;
        } | null;
        const vectors = body?.embeddings;
        if (!isVectorList(vectors) || vectors.length !== input.length) {
          throw malformedResponse(
            `expected ${input.length} embeddings, got ${Array.isArray(vectors) ? vectors.length : 'none'}`,
            label,
          );
        }
        embeddings.push(...vectors);
        inputTokens += count(body?.prompt_eval_count);
        if (typeof body?.model === 'string' && body.model !== '') model = body.model;
      }
      return { embeddings, usage: { inputTokens }, model };
    } catch (error) {
      throw deadline.mapError(error);
    } finally {
      deadline.dispose();
    }
  }

  #body(input: string[]): OllamaEmbedBody {
    const { options, keepAlive } = this.#context;
    const settings = this.#settings;
    const merged = settings.options ? { ...options, ...settings.options } : options;
    const keep = settings.keepAlive ?? keepAlive;
    return {
      model: this.modelId,
      input,
      ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
      ...(settings.dimensions === undefined ? {} : { dimensions: settings.dimensions }),
      ...(merged === undefined || Object.keys(merged).length === 0 ? {} : { options: merged }),
      ...(keep === undefined ? {} : { keep_alive: keep }),
    };
  }
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
