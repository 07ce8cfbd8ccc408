import type { ToolRef } from '../domain/common.js';
import { AbortedError, TimeoutError } from '../errors/errors.js';
import { errorMessage } from '../util/error-message.js';
import type { Tool, ToolArgs } from './define-tool.js';
import { assertTimeout } from './definition-checks.js';
import type { ToolCallScope, ToolContext } from './tool-context.js';
import { type NormalizedToolResult, normalizeToolResult, type ToolReturn } from './tool-result.js';

/** Timeout of one tool call when neither the tool nor the caller sets one. */
export const DEFAULT_TOOL_TIMEOUT_MS = 15_000;

/** A validated call, ready to run. */
export interface ToolCall<Args extends ToolArgs = ToolArgs> {
  tool: Tool<Args>;
  /** Arguments as returned by `validateToolCall`. */
  args: Args;
}

/** Options of {@link runToolCalls}. */
export interface RunToolCallsOptions {
  /** Who the calls run for; each call gets its own `signal` on top. */
  context: ToolCallScope;
  /** Per-call timeout unless the tool sets its own. Default {@link DEFAULT_TOOL_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The turn's signal: aborting it aborts every call and rejects with `AbortedError`. */
  signal?: AbortSignal;
}

/** What happened to one call. `result` is set when it succeeded, `error` when it failed. */
export interface ToolCallOutcome {
  tool: ToolRef;
  args: ToolArgs;
  status: 'succeeded' | 'failed';
  result?: NormalizedToolResult;
  /** Why it failed: the thrown message, `timed out after N ms`, or an invalid-result message. */
  error?: string;
  /** Wall time of the call in whole milliseconds. */
  durationMs: number;
}

/**
 * Runs validated calls in parallel and returns their outcomes in input order. A call that
 * throws, times out or returns a malformed result becomes a `failed` outcome; the others are
 * unaffected. Each call's `context.signal` aborts on its timeout or when `options.signal` aborts.
 *
 * @throws AbortedError when `options.signal` is (or becomes) aborted; pending calls are abandoned.
 * @throws ConfigurationError when `options.timeoutMs` is not a positive number.
 */
export async function runToolCalls(
  calls: readonly ToolCall[],
  options: RunToolCallsOptions,
): Promise<ToolCallOutcome[]> {
  const defaultTimeoutMs =
    options.timeoutMs === undefined
      ? DEFAULT_TOOL_TIMEOUT_MS
      : assertTimeout(options.timeoutMs, 'runToolCalls');
  const { signal } = options;
  if (signal?.aborted) throw abortedError(signal);
  const work = Promise.all(
    calls.map((call) =>
      runOne(call, options.context, call.tool.timeoutMs ?? defaultTimeoutMs, signal),
    ),
  );
  return signal ? untilAborted(work, signal) : work;
}

async function runOne(
  { tool, args }: ToolCall,
  scope: ToolCallScope,
  timeoutMs: number,
  turnSignal: AbortSignal | undefined,
): Promise<ToolCallOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  const onTurnAbort = () =>
    controller.abort(new AbortedError(`Tool ${tool.ref}`, { cause: turnSignal?.reason }));
  turnSignal?.addEventListener('abort', onTurnAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`Tool ${tool.ref}`, timeoutMs)),
    timeoutMs,
  );
  // Settles (rejects) only when the call's signal aborts, so a tool that ignores its signal is
  // still abandoned on time.
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  const context: ToolContext = { ...scope, signal: controller.signal };
  const base = { tool: tool.ref, args };
  try {
    const value = await Promise.race([invoke(tool, context, args), stopped]);
    const result = normalizeToolResult(value);
    return { ...base, status: 'succeeded', result, durationMs: elapsed(started) };
  } catch (error) {
    return {
      ...base,
      status: 'failed',
      error: failureMessage(error),
      durationMs: elapsed(started),
    };
  } finally {
    clearTimeout(timer);
    turnSignal?.removeEventListener('abort', onTurnAbort);
  }
}

// `async` turns a synchronous throw inside `run` into a rejection.
async function invoke(tool: Tool, context: ToolContext, args: ToolArgs): Promise<ToolReturn> {
  return tool.run(context, args);
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) onAbort();
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortedError(signal: AbortSignal): AbortedError {
  return new AbortedError('Tool calls', { cause: signal.reason });
}

function failureMessage(error: unknown): string {
  if (TimeoutError.is(error)) return `timed out after ${error.timeoutMs} ms`;
  const message = errorMessage(error);
  return message.trim() === '' ? 'failed without an error message' : message;
}

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}
