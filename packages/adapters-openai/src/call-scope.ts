import {
  addUsage,
  type CallDeadline,
  computeCost,
  createCallDeadline,
  errorMessage,
  type ModelCallContext,
  type ModelMessage,
  type ModelUsage,
  sendWithinDeadline,
  ZERO_USAGE,
} from '@conduct/core';
import { type CallInfo, callInfo, toConductError } from './errors.js';
import type { ProviderContext } from './provider-context.js';
import type { OpenAICallRecord } from './provider-options.js';

/** What a call scope is opened for. */
export interface CallDescription extends Pick<ModelCallContext, 'signal' | 'timeoutMs'> {
  /** `moderate` calls are not reported: moderation is free and has no usage. */
  kind: OpenAICallRecord['kind'] | 'moderate';
  task: string;
  traceId?: string | undefined;
  model: string;
  messages: readonly ModelMessage[];
}

/**
 * The lifetime of one port call: its deadline (signal + timeout, covering retries and the
 * repair attempt), its requests and its accounting, reported once to `onCall` when it ends.
 */
export interface CallScope {
  readonly info: CallInfo;
  readonly deadline: CallDeadline;
  /**
   * Sends one request through core's `withRetries`: each attempt is raced against the deadline
   * (a server that never answers cannot outlive the timeout or the caller's signal) and its
   * failure is mapped to Conduct's errors, which is what `withRetries` decides on.
   */
  send<T>(request: (signal: AbortSignal) => PromiseLike<T>): Promise<T>;
  /** Adds the usage of one billed response. */
  record(usage: ModelUsage, responseModel: string | undefined): void;
  /** Ends the call successfully: reports it and releases the deadline. */
  succeed(output?: string): void;
  /** Ends the call with `error`: reports it, releases the deadline, returns the error to throw. */
  fail(error: unknown): unknown;
}

/** Opens the {@link CallScope} of one call. */
export function openCallScope(context: ProviderContext, call: CallDescription): CallScope {
  const info = callInfo(context.name, call.model, call.task);
  const deadline = createCallDeadline(
    { signal: call.signal, timeoutMs: call.timeoutMs ?? context.options.timeoutMs },
    info.operation,
  );
  const startedAt = new Date();
  const started = performance.now();
  let usage: ModelUsage = { ...ZERO_USAGE };
  let responseModel: string | undefined;
  let requests = 0;

  const finish = (outcome: { output?: string } | { error: unknown }) => {
    deadline.dispose();
    const { onCall, prices } = context.options;
    const kind = call.kind;
    if (!onCall || kind === 'moderate') return;
    // A dated snapshot's own price, when the table has one, is more precise than the alias'.
    const costUsd =
      (responseModel ? computeCost(usage, responseModel, prices) : undefined) ??
      computeCost(usage, call.model, prices);
    const record: OpenAICallRecord = {
      task: call.task,
      traceId: call.traceId,
      kind,
      provider: context.name,
      model: call.model,
      responseModel,
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      latencyMs: Math.max(0, Math.round(performance.now() - started)),
      usage,
      messages: [...call.messages],
      ...('error' in outcome
        ? { error: errorMessage(outcome.error) }
        : outcome.output !== undefined
          ? { output: outcome.output }
          : {}),
      costUsd,
      requests,
    };
    try {
      const returned = onCall(record);
      if (returned instanceof Promise) returned.catch(() => {});
    } catch {
      // Accounting must never fail a model call.
    }
  };

  return {
    info,
    deadline,
    send(request) {
      return sendWithinDeadline(deadline, request, {
        toError: (error) => toConductError(error, info),
        ...(context.options.retry ? { retry: context.options.retry } : {}),
        onAttempt: () => {
          requests += 1;
        },
      });
    },
    record(more, model) {
      usage = addUsage(usage, more);
      if (model) responseModel = model;
    },
    succeed(output) {
      finish(output === undefined ? {} : { output });
    },
    fail(error) {
      const mapped = toConductError(deadline.mapError(error), info);
      finish({ error: mapped });
      return mapped;
    },
  };
}
