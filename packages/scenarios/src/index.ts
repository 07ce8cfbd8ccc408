/**
 * `@conduct/scenarios`: scenario testing for Conduct agents. Scripted and simulated customers,
 * per-turn expectations, judges, repetitions with pass^k, and reports for CI.
 *
 * @packageDocumentation
 */

export * from './cassette/index.js';
export * from './from-session/index.js';
export type {
  AgentCatalog,
  ObservedSession,
  ObservedTurn,
  ObservedTurnStatus,
  OpenSessionOptions,
  ScenarioTarget,
  SendOptions,
  TargetSession,
} from './target.js';
export * from './targets/http/index.js';
