import type { JourneyStepper } from '../engine/journey-stepper.js';
import { ConfigurationError } from '../errors/errors.js';
import type { AgentHandle } from './agent-handle.js';

/**
 * What defining a journey on a Conduct without a journey stepper says: such a journey would
 * start but never move past a chat step or a fork.
 */
export const NO_JOURNEY_STEPPER_MESSAGE =
  'Journeys need a journey stepper to move between their steps, and this Conduct has none: create it with createConduct({ model, ...defaultMatchers() }) (defaultMatchers from @conduct/matchers), or pass `journeyStepper`.';

/** The handle, whose `journeys.create` refuses with a `ConfigurationError` when there is no stepper. */
export function requireStepperForJourneys(
  handle: AgentHandle,
  options: { journeyStepper?: JourneyStepper | undefined },
): AgentHandle {
  if (options.journeyStepper !== undefined) return handle;
  return {
    ...handle,
    journeys: {
      ...handle.journeys,
      create: () => Promise.reject(new ConfigurationError(NO_JOURNEY_STEPPER_MESSAGE)),
    },
  };
}
