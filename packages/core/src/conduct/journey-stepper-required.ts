import { type JourneyStepper, NO_JOURNEY_STEPPER_MESSAGE } from '../engine/journey-stepper.js';
import { ConfigurationError } from '../errors/errors.js';
import type { AgentHandle } from './agent-handle.js';

export { NO_JOURNEY_STEPPER_MESSAGE } from '../engine/journey-stepper.js';

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
