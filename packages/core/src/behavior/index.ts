/**
 * The behavior-model service: every write of agents, guidelines, journeys, relationships and
 * the rest, each with the rules it implies, in one transaction (docs/behavior-models.md).
 */
export {
  type BehaviorModel,
  type BehaviorModelOptions,
  createBehaviorModel,
  type RelationshipOperations,
  type VariableOperations,
} from './behavior-model.js';
export type {
  EntityChange,
  EntityOperations,
  WriteOptions,
} from './entity-operations.js';
export { TraceBoundaryError } from './event-deletion.js';
