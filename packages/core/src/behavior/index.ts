export {
  type BehaviorModel,
  type BehaviorModelOptions,
  behaviorModelIn,
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
export { journeyValidationOptions } from './journey-rules.js';
