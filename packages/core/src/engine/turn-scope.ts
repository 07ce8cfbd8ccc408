import type { TurnJourneys } from '../journeys/turn-journeys.js';
import type { EngineDependencies } from './engine-options.js';
import type { TurnStart } from './session-runtime.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';
import type { TurnRecorder } from './turn-recorder.js';

/**
 * What every stage of a turn works with once the turn is gathered (docs/architecture.md#the-turn):
 * the engine's dependencies, the turn as the runtime started it (its signal, its commit point),
 * the context, where events go, the decision record, and the turn's journeys. Each stage takes
 * it as its first argument, next to what is its own.
 */
export interface TurnScope {
  readonly deps: EngineDependencies;
  readonly start: TurnStart;
  readonly context: TurnContext;
  readonly emitter: TurnEmitter;
  readonly recorder: TurnRecorder;
  readonly journeys: TurnJourneys;
}
