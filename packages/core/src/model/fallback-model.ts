import type { z } from 'zod';
import { AbortedError, ConfigurationError } from '../errors/errors.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  StreamTextRequest,
  TextStream,
} from './language-model.js';
import { createTextStream } from './text-stream.js';

/**
 * Whether a fallback chain may try its next model after `error`. The rule: fall back on any
 * failure (`ModelError`, `ModelOutputError`, `TimeoutError`, unknown errors) except a
 * cancellation, i.e. an `AbortedError` or any error thrown once the caller's signal has aborted.
 * A different provider may well answer where one was down, slow or off-schema; a caller that
 * cancelled wants no answer at all.
 */
export function shouldFallBack(error: unknown, signal: AbortSignal | undefined): boolean {
  return !AbortedError.is(error) && signal?.aborted !== true;
}

/**
 * A {@link LanguageModel} that tries `models` in order until one succeeds (it moves on after
 * any error but a cancellation); when all fail, the last error is rethrown unchanged. Each attempt
 * gets the request's full `timeoutMs`. A text stream falls back only while no delta has been
 * yielded; once text went out, an error propagates. `provider` and `modelId` are those of the
 * first model; results name the model that actually answered.
 */
export function createFallbackModel(models: readonly LanguageModel[]): LanguageModel {
  const [primary] = models;
  if (primary === undefined) {
    throw new ConfigurationError('A fallback chain needs at least one model');
  }
  if (models.length === 1) return primary;
  const chain = [...models];

  return {
    provider: primary.provider,
    modelId: primary.modelId,
    async generateObject<S extends z.ZodType>(
      request: GenerateObjectRequest<S>,
    ): Promise<GenerateObjectResult<z.output<S>>> {
      let lastError: unknown;
      for (const model of chain) {
        try {
          return await model.generateObject(request);
        } catch (error) {
          if (!shouldFallBack(error, request.signal)) throw error;
          lastError = error;
        }
      }
      throw lastError;
    },
    streamText(request: StreamTextRequest): TextStream {
      return createTextStream(async (controller) => {
        let lastError: unknown;
        for (const model of chain) {
          let emitted = false;
          try {
            const stream = model.streamText(request);
            stream.result.catch(() => {});
            for await (const delta of stream) {
              if (delta === '') continue;
              emitted = true;
              controller.emit(delta);
            }
            const result = await stream.result;
            return {
              text: controller.text,
              usage: result.usage,
              model: result.model,
              ...(result.finishReason === undefined ? {} : { finishReason: result.finishReason }),
            };
          } catch (error) {
            if (emitted || !shouldFallBack(error, request.signal)) throw error;
            lastError = error;
          }
        }
        throw lastError;
      });
    },
  };
}
