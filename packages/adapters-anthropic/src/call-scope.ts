import type Anthropic from '@anthropic-ai/sdk';
import {
  addUsage,
  type CallDeadline,
  computeCost,
  createCallDeadline,
  errorMessage,
  type ModelCallContext,
  type ModelMessage,
  type ModelUsage,
  type PriceTable,
  type RetryOptions,
  sendWithinDeadline,
  ZERO_USAGE,
} from '@conduct/core';
import type { AnthropicCallRecord } from './anthropic-options.js';
import { toConductError } from './error-mapping.js';

/** Everything one model of the provider needs, resolved from provider options and settings. */
export interface ModelConfig {
  client: Anthropic;
  modelId: string;
  maxOutputTokens: number;
  promptCaching: boolean;
  timeoutMs: number | undefined;
  retry: RetryOptions | undefined;
  prices: PriceTable | undefined;
  onCall: ((record: AnthropicCallRecord) => unknown) | undefined;
}

/**
 * The lifetime of one port call (`generateObject` or `streamText`): its deadline (signal +
 * timeout, covering retries and the repair attempt), its requests, and its accounting.
 */
export interface CallScope {
  readonly deadline: CallDeadline;
  /**
   * Sends one request through core's `sendWithinDeadline`: stops at once when the deadline fired, maps SDK
   * errors to Conduct errors, and settles when the deadline fires even if `fetch` ignores it.
   */
  send<T>(request: (signal: AbortSignal) => PromiseLike<T>): Promise<T>;
  /** Adds the usage of one response and records the model that answered. */
  record(usage: ModelUsage, model: string): void;
  readonly usage: ModelUsage;
  readonly model: string;
  /** Ends the call successfully with its raw `output`: reports it and releases the deadline. */
  succeed(output: string): void;
  /** Ends the call with `error`: returns the error to throw (mapped), reports it, releases. */
  fail(error: unknown): unknown;
}

/** Opens the {@link CallScope} of one call. */
export function openCallScope(
  config: ModelConfig,
  request: ModelCallContext & { messages: ModelMessage[] },
  kind: 'object' | 'text',
): CallScope {
  const { modelId } = config;
  const context = { task: request.task, model: modelId };
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const deadline = createCallDeadline(
    { signal: request.signal, timeoutMs },
    `Anthropic call to '${modelId}' for task '${request.task}'`,
  );
  const startedAt = new Date();
  const started = performance.now();
  let usage: ModelUsage = { ...ZERO_USAGE };
  let model = modelId;
  let requests = 0;

  const finish = (outcome: { output: string } | { error: unknown }) => {
    deadline.dispose();
    if (config.onCall === undefined) return;
    const record: AnthropicCallRecord = {
      task: request.task,
      traceId: request.traceId,
      kind,
      provider: 'anthropic',
      model,
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      latencyMs: Math.max(0, Math.round(performance.now() - started)),
      usage,
      messages: [...request.messages],
      ...('output' in outcome
        ? { output: outcome.output }
        : { error: errorMessage(outcome.error) }),
      costUsd:
        computeCost(usage, model, config.prices) ?? computeCost(usage, modelId, config.prices),
      requests,
    };
    try {
      const returned = config.onCall(record);
      if (returned instanceof Promise) returned.catch(() => {});
    } catch {
      // Deliberately ignored: accounting must never fail a model call.
    }
  };

  return {
    deadline,
    get usage() {
      return usage;
    },
    get model() {
      return model;
    },
    send(send) {
      return sendWithinDeadline(deadline, send, {
        toError: (error) => toConductError(error, context),
        ...(config.retry ? { retry: config.retry } : {}),
        onAttempt: () => {
          requests += 1;
        },
      });
    },
    record(more, answeredBy) {
      usage = addUsage(usage, more);
      model = answeredBy || modelId;
    },
    succeed(output) {
      finish({ output });
    },
    fail(error) {
      const mapped = toConductError(deadline.mapError(error), context);
      finish({ error: mapped });
      return mapped;
    },
  };
}
