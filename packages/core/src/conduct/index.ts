export type { AgentHandle, GuidelineDefinition } from './agent-handle.js';
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
