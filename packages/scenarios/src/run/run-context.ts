import type { LanguageModel, TurnTime } from '@conduct/core';
import { errorMessage } from '@conduct/core';
import type { JudgeFunction } from '../expect/evaluate.js';
import type { Scenario } from '../scenario/types.js';
import type { AgentCatalog, ScenarioTarget } from '../target.js';

/** What one run of a scenario needs. */
export interface RunContext {
  scenario: Scenario;
  /** 1-based. */
  run: number;
  target: ScenarioTarget;
  catalog: AgentCatalog | undefined;
  /** The judge, bound to the runner's model (undefined without one). */
  judge: JudgeFunction | undefined;
  /** The simulated customer's model (undefined without one). */
  model: LanguageModel | undefined;
  /** The moment the judge and the simulated customer are shown. */
  time: () => TurnTime;
  turnTimeoutMs: number | undefined;
  signal: AbortSignal | undefined;
}

/** `send` options from a run context. */
export function sendOptions(context: RunContext): { signal?: AbortSignal; timeoutMs?: number } {
  return {
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(context.turnTimeoutMs === undefined ? {} : { timeoutMs: context.turnTimeoutMs }),
  };
}

/** An error's message, for results. */
export const messageOf = errorMessage;
