import type { z } from 'zod';
import { errorMessage } from '../util/error-message.js';
import type {
  GenerateObjectRequest,
  HedgeRecord,
  LanguageModel,
  ModelCallRecord,
  ModelMessage,
  ModelUsage,
  StreamTextRequest,
  TextStream,
} from './language-model.js';
import { forwardIsSmall, ZERO_USAGE } from './language-model.js';

/**
 * Receives one {@link ModelCallRecord} per finished or failed call. It must not throw: errors
 * it throws (or promises it rejects) are ignored, so recording can never fail a model call.
 */
export type ModelCallListener = (record: ModelCallRecord) => unknown;

/**
 * Wraps `model` so that every call is reported to `onCall` once it ends: task, trace id, the
 * prompt, raw output or error message, usage and timing. Streams are recorded when their
 * `result` settles and are returned unchanged. Failed calls report zero usage (the port's
 * errors carry none).
 */
export function recordModelCalls(model: LanguageModel, onCall: ModelCallListener): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    ...forwardIsSmall(model),
    async generateObject<S extends z.ZodType>(request: GenerateObjectRequest<S>) {
      const done = startRecord(model, 'object', request, onCall);
      try {
        const result = await model.generateObject(request);
        done({
          model: result.model,
          usage: result.usage,
          output: result.rawText,
          hedge: result.hedge,
        });
        return result;
      } catch (error) {
        done({ error });
        throw error;
      }
    },
    streamText(request: StreamTextRequest): TextStream {
      const done = startRecord(model, 'text', request, onCall);
      let stream: TextStream;
      try {
        stream = model.streamText(request);
      } catch (error) {
        done({ error });
        throw error;
      }
      stream.result.then(
        (result) =>
          done({
            model: result.model,
            usage: result.usage,
            output: result.text,
            hedge: result.hedge,
          }),
        (error: unknown) => done({ error }),
      );
      return stream;
    },
  };
}

type Outcome =
  | { model: string; usage: ModelUsage; output: string; hedge: HedgeRecord | undefined }
  | { error: unknown };

function startRecord(
  model: LanguageModel,
  kind: 'object' | 'text',
  request: { task: string; traceId?: string; messages: ModelMessage[] },
  onCall: ModelCallListener,
): (outcome: Outcome) => void {
  const startedAt = new Date();
  const start = performance.now();
  return (outcome) => {
    const record: ModelCallRecord = {
      task: request.task,
      traceId: request.traceId,
      kind,
      provider: model.provider,
      model: 'model' in outcome ? outcome.model : model.modelId,
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      latencyMs: Math.max(0, Math.round(performance.now() - start)),
      usage: 'usage' in outcome ? { ...outcome.usage } : { ...ZERO_USAGE },
      messages: [...request.messages],
      ...('error' in outcome ? { error: errorMessage(outcome.error) } : { output: outcome.output }),
      ...('hedge' in outcome && outcome.hedge !== undefined ? { hedge: outcome.hedge } : {}),
    };
    notify(onCall, record);
  };
}

function notify(onCall: ModelCallListener, record: ModelCallRecord): void {
  try {
    const returned = onCall(record);
    if (returned instanceof Promise) returned.catch(() => {});
  } catch {
    // Deliberately ignored: see ModelCallListener.
  }
}
