import type { Journey, JourneyState } from '../domain/journey.js';
import type { PreparedMove } from '../journeys/prepared-transitions.js';
import type { TurnContext } from './turn-context.js';

/**
 * What a Conduct without a journey stepper says of its journeys (refusing to define one, and in
 * a turn that has journeys in scope): they would start but never move past a chat step or a fork.
 */
export const NO_JOURNEY_STEPPER_MESSAGE =
  'Journeys need a journey stepper to move between their steps, and this Conduct has none: create it with createConduct({ model, ...defaultMatchers() }) (defaultMatchers from @conduct/matchers), or pass `journeyStepper`.';

/** What one journey step is asked. */
export interface JourneyStepRequest {
  context: TurnContext;
  journey: Journey;
  /** The state the session is at (a chat step, a fork to decide, a tool state not yet run). */
  state: JourneyState;
  /**
   * The moves from `state`, prepared ahead of time (see `prepareJourney`); empty when only
   * staying, leaving or going back make sense (e.g. a tool state that has not run yet).
   */
  moves: readonly PreparedMove[];
  /** Chat steps visited before `state`, oldest first, no repeats: the possible backtrack targets. */
  visited: readonly JourneyState[];
}

/** What a journey step decided. */
export type JourneyStepDecision = {
  rationale?: string;
} /** The current step is not done yet. */ & (
  | { action: 'stay' }
  /** Take `moves[move]`. */
  | { action: 'advance'; move: number }
  /** The customer no longer wants this flow. */
  | { action: 'leave' }
  /** The customer changed an earlier answer: go back to that visited step. */
  | { action: 'backtrack'; stateId: string }
);

/**
 * Decides each turn, for each active journey, whether to stay, advance (one flat choice among
 * the prepared moves, possibly several states ahead), leave, or go back to an earlier step. The
 * engine runs one request per active journey, all in the same parallel wave as guideline
 * matching. `@conduct/matchers` provides the model-backed `journey-step` task
 * (`createJourneyStepper`, included in `defaultMatchers()`).
 *
 * Implementations should honour `context.signal`; a failing step leaves the journey where it is.
 */
export interface JourneyStepper {
  /** Name recorded with every decision, e.g. `journey-step`. */
  readonly name: string;
  step(request: JourneyStepRequest): Promise<JourneyStepDecision>;
}
