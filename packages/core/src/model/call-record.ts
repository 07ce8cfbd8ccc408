import { errorMessage } from '../util/error-message.js';
import type { HedgeRecord, ModelCallRecord, ModelMessage, ModelUsage } from './language-model.js';
import { ZERO_USAGE } from './language-model.js';

/** Who makes a call, for what, and the prompt as sent: what a record knows when the call starts. */
export interface CallRecordStart {
  task: string;
  traceId: string | undefined;
  kind: ModelCallRecord['kind'];
  provider: string;
  /** The model id the record carries unless the outcome names another. */
  model: string;
  messages: readonly ModelMessage[];
}

/**
 * How a call ended. With `error` it failed (the record keeps the error's message); otherwise it
 * succeeded with `output` (absent for embeddings). `usage` defaults to none.
 */
export interface CallRecordOutcome {
  /** The model id to record instead of the one the record was started with. */
  model?: string;
  usage?: ModelUsage;
  output?: string;
  error?: unknown;
  hedge?: HedgeRecord;
}

/**
 * Starts the {@link ModelCallRecord} of one call as the call starts; the returned function builds
 * the record once it ended, with the latency in between. Every record — an adapter's (see
 * `openAdapterCall`) and `recordModelCalls`' — is built here, so they all have one shape.
 */
export function startCallRecord(
  start: CallRecordStart,
): (outcome: CallRecordOutcome) => ModelCallRecord {
  const startedAt = new Date();
  const started = performance.now();
  return (outcome) => ({
    task: start.task,
    traceId: start.traceId,
    kind: start.kind,
    provider: start.provider,
    model: outcome.model ?? start.model,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    latencyMs: Math.max(0, Math.round(performance.now() - started)),
    usage: { ...(outcome.usage ?? ZERO_USAGE) },
    messages: [...start.messages],
    ...('error' in outcome
      ? { error: errorMessage(outcome.error) }
      : outcome.output === undefined
        ? {}
        : { output: outcome.output }),
    ...(outcome.hedge === undefined ? {} : { hedge: outcome.hedge }),
  });
}

/**
 * Hands `record` to a call listener. What the listener throws or rejects with is ignored:
 * recording must never fail the call it reports.
 */
export function notifyCallListener<R>(listener: (record: R) => unknown, record: R): void {
  try {
    const returned = listener(record);
    if (returned instanceof Promise) returned.catch(() => {});
  } catch {
    // Deliberately ignored: see above.
  }
}
