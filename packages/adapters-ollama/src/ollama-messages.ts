import type { GenerationOptions, ModelMessage } from '@conduct/core';
import type { ChatRequest } from 'ollama/browser';
import type { OllamaContext } from './ollama-context.js';
import type { OllamaLanguageModelSettings, OllamaModelOptions } from './ollama-options.js';

/** The parts of one `/api/chat` answer (or NDJSON line) the adapter reads. */
export interface ChatChunk {
  model?: string;
  message?: { role?: string; content?: string };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/** What one `/api/chat` request is built from. */
export interface ChatBodyInput {
  context: OllamaContext;
  model: string;
  settings: OllamaLanguageModelSettings;
  messages: readonly ModelMessage[];
  stream: boolean;
  /** JSON Schema for structured output. */
  format?: Record<string, unknown>;
  generation: GenerationOptions;
}

/**
 * The `/api/chat` request body. `stream` is always explicit because Ollama streams by default;
 * model options are the provider's, then the model's settings, then the call's `temperature`
 * and `maxOutputTokens` (`num_predict`); `keep_alive` is the model's, else the provider's.
 */
export function chatBody(input: ChatBodyInput): ChatRequest {
  const { context, settings, generation } = input;
  const options: OllamaModelOptions = { ...context.options, ...settings.options };
  if (generation.temperature !== undefined) options.temperature = generation.temperature;
  if (generation.maxOutputTokens !== undefined) options.num_predict = generation.maxOutputTokens;
  const keepAlive = settings.keepAlive ?? context.keepAlive;
  return {
    model: input.model,
    // `cacheBreakpoint` is dropped: Ollama reuses the cached prompt prefix on its own.
    messages: input.messages.map(({ role, content }) => ({ role, content })),
    stream: input.stream,
    ...(input.format === undefined ? {} : { format: input.format }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
    ...(keepAlive === undefined ? {} : { keep_alive: keepAlive }),
    ...(settings.think === undefined ? {} : { think: settings.think }),
  };
}

/** Reads a parsed JSON value as a chat chunk, or `undefined` when it is not an object. */
export function asChatChunk(value: unknown): ChatChunk | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ChatChunk)
    : undefined;
}
