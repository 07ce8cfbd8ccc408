import type { CheckResult } from '../expect/view.js';
import type { RunPolicy, ScenarioSource } from '../scenario/types.js';
import type { ObservedTurnStatus } from '../target.js';

/** One turn of a run: what the customer said, what the agent did, and each check. */
export interface TurnResult {
  /** 1-based position in the conversation. */
  index: number;
  customer: string;
  status: ObservedTurnStatus;
  /** Every agent message of the turn (preambles first); the reply is the last. */
  messages: string[];
  traceId: string;
  checks: CheckResult[];
  passed: boolean;
  /** The decision record in words (see `recordExcerpt`), for reports of failures. */
  excerpt: string[];
  durationMs: number;
}

/** How a simulated conversation ended. */
export type SimulationEnding = 'goal-reached' | 'gave-up' | 'turn-limit';

/** One run of a scenario. */
export interface RunResult {
  /** 1-based. */
  run: number;
  passed: boolean;
  sessionId?: string;
  turns: TurnResult[];
  /** Simulated runs: how the conversation ended, and the customer's last thought. */
  ending?: SimulationEnding;
  endingThought?: string;
  /** Checks of the whole conversation: a simulated run's goal, `success` and `judge`. */
  success: CheckResult[];
  /** Why the run could not finish (the target failed, a turn timed out…). */
  error?: string;
  durationMs: number;
}

/** pass^k: the share of all sets of k runs in which every run passed. */
export interface PassK {
  k: number;
  value: number;
}

/** Every run of one scenario, and whether it passed under its policy. */
export interface ScenarioResult {
  name: string;
  agent: string;
  description?: string;
  source?: ScenarioSource;
  kind: 'scripted' | 'simulated';
  policy: RunPolicy;
  runs: RunResult[];
  /** Runs that passed. */
  passes: number;
  /** pass^1 … pass^n over the n runs. */
  passK: PassK[];
  passed: boolean;
  durationMs: number;
}

/** A whole suite's result: what reporters print. */
export interface SuiteResult {
  /** The target's description (`in-process` or a base URL). */
  target: string;
  passed: boolean;
  scenarios: ScenarioResult[];
  totals: {
    scenarios: number;
    passed: number;
    failed: number;
    runs: number;
    runsPassed: number;
  };
  /** ISO-8601. */
  startedAt: string;
  durationMs: number;
}
