export type { AgentCannedResponses, CannedResponseDefinition } from './agent-canned-responses.js';
export type {
  AgentGroundingApi,
  CapabilityDefinition,
  RetrieverPlacement,
  TermDefinition,
  VariableDefinition,
} from './agent-grounding.js';
export type { AgentHandle, GuidelineDefinition } from './agent-handle.js';
export type {
  AgentJourneys,
  JourneyDefinition,
  JourneyGuidelineDefinition,
  JourneyHandle,
  JourneyStateDefinition,
  JourneyTransitionDefinition,
} from './agent-journeys.js';
export {
  type AgentDefinition,
  type Conduct,
  type ConductOptions,
  createConduct,
} from './create-conduct.js';
export {
  ensureRelationship,
  type GuidelineHandle,
  type RelationshipTarget,
} from './guideline-handle.js';
export type { VariableHandle } from './variable-handle.js';
