import type { GenerationOptions, ModelMessage, ModelUsage } from '@conduct/core';
import type { ChatRequest } from 'ollama/browser';
import type { OllamaKeepAlive, OllamaModelOptions } from './ollama-options.js';

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

/** What goes into a `/api/chat` request besides the messages. */
export interface ChatBodyInput {
  model: string;
  messages: readonly ModelMessage[];
  stream: boolean;
  /** JSON Schema for structured output. */
  format?: Record<string, unknown>;
  generation: GenerationOptions;
  options: OllamaModelOptions | undefined;
  keepAlive: OllamaKeepAlive | undefined;
  think: ChatRequest['think'];
}

/**
 * The `/api/chat` request body. `stream` is always explicit because Ollama streams by default;
 * a call's `temperature` and `maxOutputTokens` (`num_predict`) override the model options.
 */
export function chatBody(input: ChatBodyInput): ChatRequest {
  const options: OllamaModelOptions = { ...input.options };
  if (input.generation.temperature !== undefined) {
    options.temperature = input.generation.temperature;
  }
  if (input.generation.maxOutputTokens !== undefined) {
    options.num_predict = input.generation.maxOutputTokens;
  }
  return {
    model: input.model,
    // `cacheBreakpoint` is dropped: Ollama reuses the cached prompt prefix on its own.
    messages: input.messages.map(({ role, content }) => ({ role, content })),
    stream: input.stream,
    ...(input.format === undefined ? {} : { format: input.format }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
    ...(input.keepAlive === undefined ? {} : { keep_alive: input.keepAlive }),
    ...(input.think === undefined ? {} : { think: input.think }),
  };
}

/** Reads a parsed JSON value as a chat chunk, or `undefined` when it is not an object. */
export function asChatChunk(value: unknown): ChatChunk | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ChatChunk)
    : undefined;
}

/**
 * Token usage from Ollama's counters. Ollama omits a counter that is 0 (e.g. when the whole
 * prompt was served from its cache) and does not report cached tokens separately.
 */
export function usageOf(chunk: Pick<ChatChunk, 'prompt_eval_count' | 'eval_count'>): ModelUsage {
  return {
    inputTokens: count(chunk.prompt_eval_count),
    outputTokens: count(chunk.eval_count),
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
  };
}

/** A non-negative integer count, 0 when missing or nonsense. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
