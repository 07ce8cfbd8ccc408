import {
  type CallDeadline,
  createCallDeadline,
  createTextStream,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateWithRepair,
  type LanguageModel,
  type ModelMessage,
  type StreamTextRequest,
  type TextStream,
  toJsonSchema,
} from '@conduct/core';
import type { z } from 'zod';
import { asChatChunk, type ChatChunk, chatBody, usageOf } from './ollama-chat-wire.js';
import { type CallLabel, malformedResponse, streamCutOff, streamError } from './ollama-errors.js';
import { postOllama, readJson, readNdjson } from './ollama-http.js';
import type { OllamaContext, OllamaLanguageModelSettings } from './ollama-options.js';

/** Provider name every Ollama model and embedder reports. */
export const OLLAMA_PROVIDER = 'ollama';

/**
 * A `LanguageModel` over Ollama's `/api/chat`: structured output through `format` (the JSON
 * Schema of the zod schema, validated with one repair attempt), streamed text over NDJSON.
 */
export class OllamaLanguageModel implements LanguageModel {
  readonly provider = OLLAMA_PROVIDER;
  readonly modelId: string;
  readonly #context: OllamaContext;
  readonly #settings: OllamaLanguageModelSettings;

  constructor(context: OllamaContext, modelId: string, settings: OllamaLanguageModelSettings = {}) {
    this.#context = context;
    this.modelId = modelId;
    this.#settings = settings;
  }

  async generateObject<S extends z.ZodType>(
    request: GenerateObjectRequest<S>,
  ): Promise<GenerateObjectResult<z.output<S>>> {
    const deadline = this.#deadline(request);
    const label = this.#label(request.task);
    try {
      deadline.throwIfDone();
      const format = toJsonSchema(request.schema);
      return await generateWithRepair({
        task: request.task,
        schema: request.schema,
        messages: request.messages,
        attempt: async (messages) => {
          const body = this.#body(messages, request, false, format);
          const response = await postOllama(this.#context, '/api/chat', body, deadline, label);
          const chunk = asChatChunk(await readJson(response, deadline, label));
          const text = chunk?.message?.content;
          if (chunk === undefined || typeof text !== 'string') {
            throw malformedResponse('no message.content in the /api/chat answer', label);
          }
          return { text, usage: usageOf(chunk), model: chunk.model || this.modelId };
        },
      });
    } catch (error) {
      throw deadline.mapError(error);
    } finally {
      deadline.dispose();
    }
  }

  streamText(request: StreamTextRequest): TextStream {
    const deadline = this.#deadline(request);
    const label = this.#label(request.task);
    return createTextStream(async (controller) => {
      try {
        deadline.throwIfDone();
        const body = this.#body(request.messages, request, true, undefined);
        const response = await postOllama(this.#context, '/api/chat', body, deadline, label);
        let last: ChatChunk | undefined;
        const cutOff = (error?: unknown) => streamCutOff(controller.text.length, label, error);
        for await (const line of readNdjson(response, deadline, label, cutOff)) {
          const chunk = asChatChunk(line);
          if (chunk?.error !== undefined) throw streamError(String(chunk.error), label);
          controller.emit(chunk?.message?.content ?? '');
          if (chunk?.done === true) {
            last = chunk;
            break;
          }
        }
        if (last === undefined) throw cutOff();
        return {
          usage: usageOf(last),
          model: last.model || this.modelId,
          finishReason: last.done_reason === 'length' ? 'max-tokens' : 'stop',
        };
      } catch (error) {
        throw deadline.mapError(error);
      } finally {
        deadline.dispose();
      }
    });
  }

  #body(
    messages: readonly ModelMessage[],
    request: StreamTextRequest,
    stream: boolean,
    format: Record<string, unknown> | undefined,
  ) {
    const { options, keepAlive } = this.#context;
    const settings = this.#settings;
    return chatBody({
      model: this.modelId,
      messages,
      stream,
      ...(format === undefined ? {} : { format }),
      generation: { temperature: request.temperature, maxOutputTokens: request.maxOutputTokens },
      options: settings.options ? { ...options, ...settings.options } : options,
      keepAlive: settings.keepAlive ?? keepAlive,
      think: settings.think,
    });
  }

  #deadline(request: { task: string; signal?: AbortSignal; timeoutMs?: number }): CallDeadline {
    const timeoutMs = request.timeoutMs ?? this.#context.timeoutMs;
    return createCallDeadline(
      { signal: request.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
      `Ollama call to '${this.modelId}' for task '${request.task}'`,
    );
  }

  #label(task: string): CallLabel {
    return { task, model: this.modelId, host: this.#context.host };
  }
}
