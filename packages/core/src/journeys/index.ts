export {
  describeState,
  JourneyGraph,
  type JourneyGraphInput,
} from './journey-graph.js';
export { journeyMermaid } from './journey-mermaid.js';
export {
  advancePosition,
  backtrackPosition,
  completePosition,
  leavePosition,
  type PositionStamp,
  type ReconciledPosition,
  reconcilePosition,
  startPosition,
} from './journey-position.js';
export { inJourneyScope } from './journey-scope.js';
export {
  journeyGraphHash,
  MAX_MOVES_PER_STATE,
  MAX_SKIPPED_STEPS,
  type MoveRequirement,
  type PreparedJourney,
  type PreparedMove,
  prepareJourney,
} from './prepared-transitions.js';
export {
  assertValidJourney,
  type JourneyValidationOptions,
  journeyProblems,
  type ValidatableJourney,
  validateJourney,
} from './validate-journey.js';
