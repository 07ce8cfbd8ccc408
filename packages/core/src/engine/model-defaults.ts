import type { z } from 'zod';
import {
  forwardIsSmall,
  type GenerateObjectRequest,
  type LanguageModel,
  type StreamTextRequest,
} from '../model/language-model.js';

/**
 * Gives every call that sets no `timeoutMs` a default one, so a provider that never answers
 * cannot wedge a session forever (a committed reply is not cancelled by newer messages).
 */
export function withDefaultTimeout(model: LanguageModel, timeoutMs: number): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    ...forwardIsSmall(model),
    generateObject: <S extends z.ZodType>(request: GenerateObjectRequest<S>) =>
      model.generateObject({ ...request, timeoutMs: request.timeoutMs ?? timeoutMs }),
    streamText: (request: StreamTextRequest) =>
      model.streamText({ ...request, timeoutMs: request.timeoutMs ?? timeoutMs }),
  };
}
