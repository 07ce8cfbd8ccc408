import type { Moderator } from '@conduct/core';
import { openCallScope } from './call-scope.js';
import { malformed } from './errors.js';
import type { ProviderContext } from './provider-context.js';

/** Builds the {@link Moderator} of `modelId` (OpenAI's `/moderations`); not reported to `onCall`. */
export function createModerator(context: ProviderContext, modelId: string): Moderator {
  return {
    provider: context.name,
    async moderate(request) {
      const scope = openCallScope(context, {
        ...request,
        kind: 'moderate',
        task: 'moderation',
        traceId: request.traceId,
        model: modelId,
        messages: [],
      });
      try {
        scope.deadline.throwIfDone();
        const client = context.client();
        const response = await scope.send((signal) =>
          client.moderations.create({ model: modelId, input: request.text }, { signal }),
        );
        const result = Array.isArray(response.results) ? response.results[0] : undefined;
        if (!result) throw malformed(scope.info, 'a moderation response without results');
        // Category names as OpenAI spells them, e.g. `harassment/threatening`.
        const categories = Object.entries(result.categories ?? {})
          .filter(([, flagged]) => flagged === true)
          .map(([category]) => category);
        scope.succeed();
        return { flagged: result.flagged, categories };
      } catch (error) {
        throw scope.fail(error);
      }
    },
  };
}
