/**
 * Journeys: validation of a journey's graph, its Mermaid chart, and the moves a journey stepper
 * chooses among (docs/journeys.md).
 */
export { describeState } from './journey-graph.js';
export { journeyMermaid } from './journey-mermaid.js';
export type { MoveRequirement, PreparedMove } from './prepared-transitions.js';
export {
  type JourneyValidationOptions,
  type ValidatableJourney,
  validateJourney,
} from './validate-journey.js';
