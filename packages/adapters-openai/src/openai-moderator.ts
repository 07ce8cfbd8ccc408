import { createCallDeadline, type Moderator, sendWithinDeadline } from '@conduct/core';
import type { OpenAIContext } from './openai-context.js';
import { callInfo, malformed, toConductError } from './openai-errors.js';

/**
 * Builds the {@link Moderator} of `modelId` (OpenAI's `/moderations`). Moderation is free and
 * has no usage, so its calls are not reported to `onCall`; they time out, abort and retry like
 * every other call.
 */
export function createModerator(context: OpenAIContext, modelId: string): Moderator {
  return {
    provider: context.name,
    async moderate(request) {
      const info = callInfo(context.name, modelId, 'moderation');
      const { timeoutMs, retry } = context.options;
      const deadline = createCallDeadline(
        { signal: request.signal, timeoutMs: request.timeoutMs ?? timeoutMs },
        info.operation,
      );
      try {
        deadline.throwIfDone();
        const client = context.client();
        const response = await sendWithinDeadline(
          deadline,
          (signal) =>
            client.moderations.create({ model: modelId, input: request.text }, { signal }),
          { toError: (error) => toConductError(error, info), ...(retry ? { retry } : {}) },
        );
        const result = Array.isArray(response.results) ? response.results[0] : undefined;
        if (!result) throw malformed(info, 'a moderation response without results');
        // Category names as OpenAI spells them, e.g. `harassment/threatening`.
        const categories = Object.entries(result.categories ?? {})
          .filter(([, flagged]) => flagged === true)
          .map(([category]) => category);
        return { flagged: result.flagged, categories };
      } catch (error) {
        throw toConductError(deadline.mapError(error), info);
      } finally {
        deadline.dispose();
      }
    },
  };
}
