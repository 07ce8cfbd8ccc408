/** The code-first API: `createConduct`, agent handles and what they define, and sync plans. */
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
export type { ModelKind } from './change-tracker.js';
export type { SyncOptions } from './conduct-sync.js';
export {
  type AgentDefinition,
  type Conduct,
  type ConductOptions,
  type ConductSetup,
  createConduct,
} from './create-conduct.js';
export type { GuidelineHandle, RelationshipTarget } from './guideline-handle.js';
export {
  type AgentSyncPlan,
  describeAgentPlan,
  type ModelChange,
  type ModelChangeType,
  type SyncPlan,
} from './sync-plan.js';
export type { DefinedIdentity, DefinedKind } from './sync-recorder.js';
export type { VariableHandle } from './variable-handle.js';
