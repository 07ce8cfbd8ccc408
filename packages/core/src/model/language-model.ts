import type { z } from 'zod';

/** One message of a prompt. */
export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /**
   * Marks the end of a stable prefix that providers may cache (Anthropic `cache_control`).
   * Adapters for providers that cache automatically ignore it.
   */
  cacheBreakpoint?: boolean;
}

/** Token usage of one model call. */
export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (0 when unknown). */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (Anthropic), 0 when not reported. */
  cacheWriteTokens: number;
}

/** Who is calling and why: every call is tagged so it can be traced, routed and recorded. */
export interface ModelCallContext {
  /** Narrow task name, e.g. `actionable`, `compose`, `tool-call`. Routing is by this name. */
  task: string;
  /** Trace id of the turn the call belongs to. */
  traceId?: string;
  /** Cancels the call; adapters must stop network work and reject with `AbortedError`. */
  signal?: AbortSignal;
  /** Per-call timeout in milliseconds; on expiry the call rejects with `TimeoutError`. */
  timeoutMs?: number;
}

/** Sampling options shared by structured and text generation. */
export interface GenerationOptions {
  temperature?: number;
  maxOutputTokens?: number;
}

/** A request for a value that conforms to a zod schema. */
export interface GenerateObjectRequest<S extends z.ZodType = z.ZodType>
  extends ModelCallContext,
    GenerationOptions {
  messages: ModelMessage[];
  /** The output schema; adapters translate it into the provider's native JSON-schema mode. */
  schema: S;
  /** Name of the schema for providers that want one (letters, digits, `_`, `-`). */
  schemaName?: string;
}

/** The validated value plus accounting. */
export interface GenerateObjectResult<T> {
  value: T;
  usage: ModelUsage;
  /** Model id that actually answered (after routing and fallbacks). */
  model: string;
  /** Raw text the model returned, for recording datasets. */
  rawText: string;
  /** Present when a hedged second request was started for this call (see {@link HedgeRecord}). */
  hedge?: HedgeRecord;
}

/**
 * How a hedged call went: the first request ran past the task's usual latency, so a second one
 * (the same request, or the next model of the fallback chain) was started; the first to answer
 * won and the other was aborted. The call's `usage` counts both requests.
 */
export interface HedgeRecord {
  /** Milliseconds after the first request when the hedge was started. */
  delayMs: number;
  /** Model id of the request that was running when the hedge started. */
  primaryModel: string;
  /** Model id of the hedge. */
  hedgeModel: string;
  /** Which request answered. */
  winner: 'primary' | 'hedge';
  /**
   * Usage counted for the request that lost. It was aborted before it could report any, so its
   * input tokens are estimated as the winner's (the same prompt) and its output as none.
   */
  loserUsage: ModelUsage;
}

/** A request for free text, streamed. */
export interface StreamTextRequest extends ModelCallContext, GenerationOptions {
  messages: ModelMessage[];
}

/**
 * Why a streamed text ended, as the provider reported it: `stop` — the model finished its
 * answer; `max-tokens` — it reached the output-token limit, so the text is cut off;
 * `content-filter` — the provider withheld or stopped the rest of it.
 */
export type TextFinishReason = 'stop' | 'max-tokens' | 'content-filter';

/** Final outcome of a streamed text call. */
export interface StreamTextResult {
  text: string;
  usage: ModelUsage;
  model: string;
  /** Present when a hedged second request was started before the first text arrived. */
  hedge?: HedgeRecord;
  /** Absent when the provider did not say (read as `stop`). */
  finishReason?: TextFinishReason;
}

/**
 * A streamed text response: iterate it for text deltas; `result` settles when the stream ends
 * (with the whole text and usage) or rejects with the stream's error. `result` must settle
 * whether or not anyone iterates (callers that only want the text await `result` alone).
 * A stream that does not end the provider's normal way (the connection dropped, the provider's
 * end-of-stream marker never came) must reject, never end quietly: the text would pass for
 * complete.
 */
export interface TextStream extends AsyncIterable<string> {
  readonly result: Promise<StreamTextResult>;
}

/**
 * The language-model port. Adapter packages implement it for one vendor; the engine only ever
 * talks to this interface.
 */
export interface LanguageModel {
  /** Vendor name, e.g. `openai`. */
  readonly provider: string;
  /** Model id, e.g. `gpt-4.1-mini`. */
  readonly modelId: string;
  /**
   * Generate a value that conforms to `schema`. Implementations validate the output and make
   * one repair attempt when it does not conform; after that they reject with `ModelOutputError`.
   */
  generateObject<S extends z.ZodType>(
    request: GenerateObjectRequest<S>,
  ): Promise<GenerateObjectResult<z.output<S>>>;
  /** Stream free text. Errors surface both from iteration and from `result`. */
  streamText(request: StreamTextRequest): TextStream;
  /**
   * Whether the model serving `task` is marked small (a router route with `small: true`).
   * Tasks give small models simpler answer shapes (e.g. a verdict for every item). Wrappers
   * forward it; absent means not small.
   */
  isSmall?(task: string): boolean;
}

/** Whether `model` marks the model serving `task` as small (see `LanguageModel.isSmall`). */
export function isSmallModel(model: LanguageModel, task: string): boolean {
  return model.isSmall?.(task) ?? false;
}

/** A request to embed texts. */
export interface EmbedRequest extends Omit<ModelCallContext, 'task'> {
  texts: string[];
  task?: string;
}

/** Embeddings, one vector per input text, in input order. */
export interface EmbedResult {
  embeddings: number[][];
  usage: { inputTokens: number };
  model: string;
}

/** The embedding port. */
export interface Embedder {
  readonly provider: string;
  readonly modelId: string;
  /** Vector length, when known ahead of time. */
  readonly dimensions?: number;
  embed(request: EmbedRequest): Promise<EmbedResult>;
}

/** A request to moderate one text. */
export interface ModerateRequest extends Omit<ModelCallContext, 'task'> {
  text: string;
}

/** The moderation verdict. */
export interface ModerationResult {
  flagged: boolean;
  /** Category names that were flagged, e.g. `harassment`. */
  categories: string[];
}

/** The moderation port. */
export interface Moderator {
  readonly provider: string;
  moderate(request: ModerateRequest): Promise<ModerationResult>;
}

/** One finished (or failed) model call, as recorded for traces, decision records and datasets. */
export interface ModelCallRecord {
  task: string;
  traceId: string | undefined;
  kind: 'object' | 'text' | 'embed';
  provider: string;
  model: string;
  /** ISO-8601 start and end. */
  startedAt: string;
  endedAt: string;
  latencyMs: number;
  usage: ModelUsage;
  /** The prompt as sent. */
  messages: ModelMessage[];
  /** Raw output text (absent when the call failed). */
  output?: string;
  /** Error message, when the call failed. */
  error?: string;
  /** Cost in US dollars, when the adapter knows the model's price (see `PriceTable`). */
  costUsd?: number;
  /** Set when the call was hedged: which request won; `usage` counts both. */
  hedge?: HedgeRecord;
}

/** The empty usage, for calls that report none. */
export const ZERO_USAGE: Readonly<ModelUsage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
});

/** `{ isSmall }` of `model` when it has one, for wrappers to spread into the model they return. */
export function forwardIsSmall(model: LanguageModel): Pick<LanguageModel, 'isSmall'> {
  const { isSmall } = model;
  return isSmall === undefined ? {} : { isSmall: (task) => isSmall.call(model, task) };
}
