import type { z } from 'zod';
import { type CallRecordOutcome, notifyCallListener, startCallRecord } from './call-record.js';
import type {
  GenerateObjectRequest,
  LanguageModel,
  ModelCallRecord,
  ModelMessage,
  StreamTextRequest,
  TextStream,
} from './language-model.js';
import { forwardIsSmall } from './language-model.js';

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

function startRecord(
  model: LanguageModel,
  kind: 'object' | 'text',
  request: { task: string; traceId?: string; messages: ModelMessage[] },
  onCall: ModelCallListener,
): (outcome: CallRecordOutcome) => void {
  const finish = startCallRecord({
    task: request.task,
    traceId: request.traceId,
    kind,
    provider: model.provider,
    model: model.modelId,
    messages: request.messages,
  });
  return (outcome) => notifyCallListener(onCall, finish(outcome));
}
