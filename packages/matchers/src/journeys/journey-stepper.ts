import { type JourneyStepper, loadTokenizer } from '@conduct/core';
import { conversationFor } from '../conversation-cache.js';
import {
  JOURNEY_STEP_TASK,
  journeyStepPrompt,
  journeyStepSchema,
  readJourneyStep,
} from './journey-step-task.js';

/** Options of {@link createJourneyStepper}. */
export interface JourneyStepperOptions {
  /** Token budget of the conversation shown to the step. Default 3000. */
  historyBudgetTokens?: number;
}

/**
 * The model-backed `journey-step` task: one structured call per active journey and turn that
 * answers stay / advance (one flat choice among the prepared moves) / leave, and in the same
 * call whether the customer went back to change an earlier answer.
 */
export function createJourneyStepper(options: JourneyStepperOptions = {}): JourneyStepper {
  return {
    name: JOURNEY_STEP_TASK,
    async step(request) {
      const { context } = request;
      await loadTokenizer(); // loaded once per process; the engine has usually done it already
      const conversation = conversationFor(context, options.historyBudgetTokens ?? 3_000).lines;
      const { value } = await context.model.generateObject({
        task: JOURNEY_STEP_TASK,
        schemaName: JOURNEY_STEP_TASK.replaceAll('-', '_'),
        schema: journeyStepSchema,
        traceId: context.traceId,
        signal: context.signal,
        messages: journeyStepPrompt(request, conversation),
      });
      return readJourneyStep(value, request);
    },
  };
}
