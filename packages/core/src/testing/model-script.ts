import { ConfigurationError, ModelError } from '../errors/errors.js';
import { abortableDelay } from '../model/call-deadline.js';
import type {
  GenerateObjectRequest,
  ModelMessage,
  StreamTextRequest,
  TextFinishReason,
} from '../model/language-model.js';

/** Brands the special answers built by {@link scripted}. */
export const DIRECTIVE: unique symbol = Symbol.for('conduct.scripted-directive');

/** What a scripted answer function and `latencyMs` function are told about the call. */
export interface ScriptedRequest {
  kind: 'object' | 'text';
  task: string;
  /** Messages of this attempt: on a repair attempt, the repair prompt. */
  messages: ModelMessage[];
  /** The request as the caller made it. */
  request: GenerateObjectRequest | StreamTextRequest;
  /** 0 for the first attempt, 1 for the repair attempt of a structured call. */
  attempt: number;
  /** Aborts when the call is cancelled or times out. */
  signal: AbortSignal;
}

/** Computes an answer from the request, possibly asynchronously. */
export type ScriptedAnswerFunction = (
  request: ScriptedRequest,
) => ScriptedAnswer | Promise<ScriptedAnswer>;

/**
 * What a scripted model answers with:
 * - structured calls: any JSON value (serialized, then parsed and validated like a real model's
 *   text), or `scripted.raw(text)` / `scripted.invalid(text)` for exact raw text;
 * - text calls: a string (split into deltas by the model's `chunking`) or an array of chunks,
 *   where a chunk may also be `scripted.delay`, `scripted.fail` or `scripted.hang` (mid-stream),
 *   or `scripted.finish(reason)` (ends the stream there with that finish reason);
 * - either: a {@link ScriptedAnswerFunction}, `scripted.fail`, `scripted.delay`, `scripted.hang`.
 */
export type ScriptedAnswer = string | number | boolean | null | object | ScriptedAnswerFunction;

/** A scripted failure (see {@link scripted}.fail). */
export interface ScriptedFailure {
  readonly [DIRECTIVE]: 'fail';
  readonly error: Error | string;
  readonly retryable: boolean;
  readonly status: number | undefined;
}
/** Raw model text (see {@link scripted}.raw). */
export interface ScriptedRawText {
  readonly [DIRECTIVE]: 'raw';
  readonly text: string;
}
/** An answer given after a pause (see {@link scripted}.delay). */
export interface ScriptedDelay {
  readonly [DIRECTIVE]: 'delay';
  readonly ms: number;
  readonly answer: ScriptedAnswer;
}
/** A backend that never answers (see {@link scripted}.hang). */
export interface ScriptedHang {
  readonly [DIRECTIVE]: 'hang';
}
/** The end of a text stream with a finish reason (see {@link scripted}.finish). */
export interface ScriptedFinish {
  readonly [DIRECTIVE]: 'finish';
  readonly reason: TextFinishReason;
}
/** Any special answer built by {@link scripted}. */
export type ScriptedDirective =
  | ScriptedFailure
  | ScriptedRawText
  | ScriptedDelay
  | ScriptedHang
  | ScriptedFinish;

/** Builders of special answers for `ScriptedModel.on` / `queue`. */
export const scripted = {
  /**
   * Fails the call: an `Error` is thrown as is; a message becomes a `ModelError` carrying the
   * task, the model id and the given `retryable` flag (default false) and `status`.
   */
  fail(error: Error | string, options: { retryable?: boolean; status?: number } = {}) {
    return directive<ScriptedFailure>({
      [DIRECTIVE]: 'fail',
      error,
      retryable: options.retryable ?? false,
      status: options.status,
    });
  },
  /** Returns `text` verbatim as the model's raw output; it still goes through parse + repair. */
  raw(text: string) {
    return directive<ScriptedRawText>({ [DIRECTIVE]: 'raw', text });
  },
  /** Raw output that does not match the schema (by default, not JSON at all). */
  invalid(text = 'Sorry, I cannot answer that as JSON.') {
    return directive<ScriptedRawText>({ [DIRECTIVE]: 'raw', text });
  },
  /** Waits `ms` (abort-aware), then answers with `answer`. */
  delay(ms: number, answer: ScriptedAnswer) {
    return directive<ScriptedDelay>({ [DIRECTIVE]: 'delay', ms, answer });
  },
  /** Never answers: the call only ends through its signal or `timeoutMs`. */
  hang() {
    return directive<ScriptedHang>({ [DIRECTIVE]: 'hang' });
  },
  /**
   * A text chunk that ends the stream with `reason` as its `finishReason` (e.g. `max-tokens`:
   * the text so far was cut off at the output-token limit); later chunks are ignored.
   */
  finish(reason: TextFinishReason) {
    return directive<ScriptedFinish>({ [DIRECTIVE]: 'finish', reason });
  },
} as const;

function directive<T extends ScriptedDirective>(value: T): T {
  return Object.freeze(value);
}

/** True for values built by {@link scripted}. */
export function isDirective(value: unknown): value is ScriptedDirective {
  return typeof value === 'object' && value !== null && DIRECTIVE in value;
}

/** A resolved answer: a plain value, or exact raw text. */
export type ResolvedAnswer = { raw: string } | { value: unknown };

/**
 * Resolves functions, delays, hangs and failures until a plain value or raw text remains.
 * `model` names the model in `ModelError`s built from `scripted.fail(message)`.
 */
export async function resolveAnswer(
  answer: ScriptedAnswer,
  request: ScriptedRequest,
  model: string,
): Promise<ResolvedAnswer> {
  let current: unknown = answer;
  while (true) {
    if (typeof current === 'function') {
      current = await (current as ScriptedAnswerFunction)(request);
    } else if (!isDirective(current)) {
      return { value: current };
    } else if (current[DIRECTIVE] === 'raw') {
      return { raw: current.text };
    } else if (current[DIRECTIVE] === 'fail') {
      throw toError(current, request.task, model);
    } else if (current[DIRECTIVE] === 'finish') {
      throw new ConfigurationError(
        `scripted.finish() is a text chunk; it cannot answer task '${request.task}' on its own`,
      );
    } else if (current[DIRECTIVE] === 'delay') {
      await abortableDelay(current.ms, request.signal);
      current = current.answer;
    } else {
      await abortableDelay(Number.POSITIVE_INFINITY, request.signal);
    }
  }
}

function toError(failure: ScriptedFailure, task: string, model: string): Error {
  if (failure.error instanceof Error) return failure.error;
  return new ModelError(failure.error, {
    task,
    model,
    isRetryable: failure.retryable,
    ...(failure.status === undefined ? {} : { status: failure.status }),
  });
}

/** How a scripted text answer is cut into deltas. */
export type ScriptedChunking = 'words' | 'characters' | 'whole' | ((text: string) => string[]);

/** Splits `text` into deltas; `words` keeps each word's leading whitespace with it. */
export function splitText(text: string, chunking: ScriptedChunking): string[] {
  if (typeof chunking === 'function') return chunking(text);
  if (text === '') return [];
  if (chunking === 'whole') return [text];
  if (chunking === 'characters') return Array.from(text);
  return text.match(/\s*\S+|\s+$/g) ?? [text];
}

/** A cheap token estimate: one token per four characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Rejects a text answer that is neither a string nor an array of chunks. */
export function textChunksOf(value: unknown, task: string, chunking: ScriptedChunking): unknown[] {
  if (typeof value === 'string') return splitText(value, chunking);
  if (Array.isArray(value)) return value;
  throw new ConfigurationError(
    `Scripted answer for text task '${task}' must be a string or an array of chunks, got ${typeof value}`,
  );
}
