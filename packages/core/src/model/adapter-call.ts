import { type CallDeadline, createCallDeadline } from './call-deadline.js';
import { notifyCallListener, startCallRecord } from './call-record.js';
import type {
  ModelCallContext,
  ModelCallRecord,
  ModelMessage,
  ModelUsage,
} from './language-model.js';
import { ZERO_USAGE } from './language-model.js';
import { computeCost, type PriceTable } from './pricing.js';
import { type RetryOptions, sendWithinDeadline } from './retry.js';
import { addUsage } from './usage.js';

/**
 * What an adapter's `onCall` receives once per call: core's record plus what only the adapter
 * knows. `usage` sums every billed response of the call, so a call that failed after a repair
 * attempt still shows what it cost.
 */
export interface AdapterCallRecord extends ModelCallRecord {
  /**
   * Cost in US dollars from the adapter's `prices`, looked up by `responseModel`, then by the
   * configured model id; `undefined` when neither has a price.
   */
  costUsd: number | undefined;
  /** HTTP requests sent, retries and the repair attempt included. */
  requests: number;
  /** Model id the server reported (often a dated snapshot), when it sent one. */
  responseModel: string | undefined;
}

/** Everything {@link openAdapterCall} needs to run and report one port call. */
export interface AdapterCallOptions extends Pick<ModelCallContext, 'signal' | 'timeoutMs'> {
  kind: ModelCallRecord['kind'];
  task: string;
  traceId: string | undefined;
  /** Provider name, as the model reports it. */
  provider: string;
  /** The model id the model was created with. */
  model: string;
  /** The prompt as the port received it (for embeddings, one user message per text). */
  messages: readonly ModelMessage[];
  /** Names the call in timeout and abort errors, e.g. `Ollama call to 'llama3.2' for task 'x'`. */
  operation: string;
  /**
   * The adapter's error mapping: what the SDK or `fetch` threw → Conduct's errors (Conduct
   * errors pass unchanged). Retries are decided on what it returns.
   */
  toError: (error: unknown) => unknown;
  retry: RetryOptions | undefined;
  prices: PriceTable | undefined;
  /** Receives the call's record when it ends; what it throws or rejects with is ignored. */
  onCall: ((record: AdapterCallRecord) => unknown) | undefined;
  /**
   * Which id the call reports as its model (on the port's result and as the record's `model`):
   * `configured`, the id the model was created with; or `response`, the id the server reported
   * (the configured one until it reports one). Default `configured`.
   */
  reportedModel?: 'configured' | 'response';
}

/**
 * One port call of an adapter (`generateObject`, `streamText`, `embed`), from its first request
 * to its record: the deadline (signal + timeout, covering retries and the repair attempt), the
 * requests, and the accounting, reported once to `onCall` when the call ends.
 */
export interface AdapterCall {
  readonly deadline: CallDeadline;
  /**
   * Sends one request through core's `sendWithinDeadline`: each attempt is raced against the
   * deadline (a server that never answers cannot outlive the timeout or the caller's signal),
   * its failure mapped by `toError`, and retried when that says it is retryable.
   */
  send<T>(request: (signal: AbortSignal) => PromiseLike<T>): Promise<T>;
  /** Adds the usage of one billed response, and the model id the server reported, if any. */
  record(usage: ModelUsage, responseModel?: string | null): void;
  /** Usage of every response recorded so far. */
  readonly usage: ModelUsage;
  /** The model id the call reports (see {@link AdapterCallOptions.reportedModel}). */
  readonly model: string;
  /** Ends the call successfully (with its raw output, if it has one): reports it, releases it. */
  succeed(output?: string): void;
  /** Ends the call with `error`: reports it, releases it, returns the mapped error to throw. */
  fail(error: unknown): unknown;
}

/**
 * Opens the {@link AdapterCall} of one port call. Every adapter runs its calls through it, so
 * they all time out, abort, retry and report the same way:
 *
 * @example
 * const call = openAdapterCall({ ...request, kind: 'object', model: modelId, ...vendorOptions });
 * try {
 *   call.deadline.throwIfDone();
 *   const response = await call.send((signal) => client.create(body, { signal }));
 *   call.record(toModelUsage(response.usage), response.model);
 *   call.succeed(text);
 *   return { value, usage: call.usage, model: call.model, rawText: text };
 * } catch (error) {
 *   throw call.fail(error);
 * }
 */
export function openAdapterCall(options: AdapterCallOptions): AdapterCall {
  const deadline = createCallDeadline(options, options.operation);
  const finishRecord = startCallRecord(options);
  let usage: ModelUsage = { ...ZERO_USAGE };
  let responseModel: string | undefined;
  let requests = 0;
  const reported = () =>
    options.reportedModel === 'response' ? (responseModel ?? options.model) : options.model;

  const finish = (outcome: { output?: string } | { error: unknown }) => {
    deadline.dispose();
    const { onCall, prices } = options;
    if (onCall === undefined) return;
    // A dated snapshot's own price, when the table has one, is more precise than the alias'.
    const costUsd =
      (responseModel === undefined ? undefined : computeCost(usage, responseModel, prices)) ??
      computeCost(usage, options.model, prices);
    const record: AdapterCallRecord = {
      ...finishRecord({ ...outcome, model: reported(), usage }),
      costUsd,
      requests,
      responseModel,
    };
    notifyCallListener(onCall, record);
  };

  return {
    deadline,
    send(request) {
      return sendWithinDeadline(deadline, request, {
        toError: options.toError,
        ...(options.retry ? { retry: options.retry } : {}),
        onAttempt: () => {
          requests += 1;
        },
      });
    },
    record(more, model) {
      usage = addUsage(usage, more);
      if (model) responseModel = model;
    },
    get usage() {
      return usage;
    },
    get model() {
      return reported();
    },
    succeed(output) {
      finish(output === undefined ? {} : { output });
    },
    fail(error) {
      const mapped = options.toError(deadline.mapError(error));
      finish({ error: mapped });
      return mapped;
    },
  };
}
