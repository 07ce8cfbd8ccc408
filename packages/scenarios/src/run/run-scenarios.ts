import { ConfigurationError, isValidTimeZone, type LanguageModel } from '@conduct/core';
import type { JudgeFunction } from '../expect/evaluate.js';
import { ScenarioFormatError } from '../scenario/format-error.js';
import { duplicateNames } from '../scenario/load-scenarios.js';
import type { RunPolicy, Scenario } from '../scenario/types.js';
import type { AgentCatalog, ScenarioTarget } from '../target.js';
import { judge } from '../tasks/judge-task.js';
import { passesPolicy, passK } from './pass-k.js';
import type { RunResult, ScenarioResult, SuiteResult } from './results.js';
import { messageOf, type RunContext } from './run-context.js';
import { runScripted } from './run-scripted.js';
import { runSimulated } from './run-simulated.js';
import { needsModel } from './validate.js';

/** Progress of a suite, for live output. */
export type ScenarioProgress =
  | { type: 'scenario-start'; scenario: Scenario; runs: number }
  | { type: 'run-end'; scenario: Scenario; result: RunResult }
  | { type: 'scenario-end'; result: ScenarioResult };

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  scenarios: readonly Scenario[];
  /** Where they run: `createInProcessTarget(…)`, or a server by URL. */
  target: ScenarioTarget;
  /**
   * The model of the judge (task `scenario-judge`) and the simulated customers (task
   * `simulated-customer`): one model, or a router that routes each task. Needed when a
   * scenario has a judge or a simulated customer. (The agent's own model is the target's.)
   */
  model?: LanguageModel;
  /** Runs of a scenario that does not say (default 1). */
  repeat?: number;
  /** Policy of a scenario that does not say (default `all`). */
  policy?: RunPolicy;
  /** How many scenarios run at once (default 1); the runs of one scenario run one by one. */
  concurrency?: number;
  /** How long one turn may take (default: the target's). */
  turnTimeoutMs?: number;
  /**
   * The judge's and the simulated customer's clock, shown in their prompts (default: the
   * system clock); pin it where the agent's engine is pinned.
   */
  clock?: () => Date;
  /** The time zone their prompts show the time in (an IANA name; default `UTC`). */
  timeZone?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ScenarioProgress) => void;
}

/**
 * Runs a suite of scenarios against a target: each scenario `repeat` times (a new session per
 * run), every expectation checked, pass^k computed, and each scenario passed or failed under
 * its policy. A scenario that fails never throws: its result says why.
 *
 * @throws ScenarioFormatError for an invalid scenario or two with one name;
 *   ConfigurationError when a scenario needs a judge or a simulated customer and no `model`
 *   was given.
 */
export async function runScenarios(options: RunScenariosOptions): Promise<SuiteResult> {
  validateSuite(options);
  const startedAt = new Date();
  const started = performance.now();
  const catalogs = new Map<string, Promise<AgentCatalog | undefined>>();
  const catalogOf = (agentId: string) => {
    let catalog = catalogs.get(agentId);
    if (catalog === undefined) {
      catalog = options.target.describeAgent?.(agentId) ?? Promise.resolve(undefined);
      catalog.catch(() => {});
      catalogs.set(agentId, catalog);
    }
    return catalog;
  };
  const results = await mapConcurrent(options.scenarios, options.concurrency ?? 1, (scenario) =>
    runOne(scenario, options, catalogOf),
  );
  const passedCount = results.filter((result) => result.passed).length;
  return {
    target: options.target.description,
    passed: passedCount === results.length,
    scenarios: results,
    totals: {
      scenarios: results.length,
      passed: passedCount,
      failed: results.length - passedCount,
      runs: results.reduce((sum, result) => sum + result.runs.length, 0),
      runsPassed: results.reduce((sum, result) => sum + result.passes, 0),
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Runs one scenario (e.g. in a vitest test); see {@link runScenarios}. */
export async function runScenario(
  scenario: Scenario,
  options: Omit<RunScenariosOptions, 'scenarios' | 'concurrency'>,
): Promise<ScenarioResult> {
  const suite = await runScenarios({ ...options, scenarios: [scenario] });
  const [result] = suite.scenarios;
  if (result === undefined) throw new Error('runScenarios returned no result');
  return result;
}

async function runOne(
  scenario: Scenario,
  options: RunScenariosOptions,
  catalogOf: (agentId: string) => Promise<AgentCatalog | undefined>,
): Promise<ScenarioResult> {
  const repeat = scenario.repeat ?? options.repeat ?? 1;
  const policy = scenario.policy ?? options.policy ?? 'all';
  const started = performance.now();
  options.onProgress?.({ type: 'scenario-start', scenario, runs: repeat });
  const { model } = options;
  const time = () => ({
    now: (options.clock ?? (() => new Date()))(),
    timeZone: options.timeZone ?? 'UTC',
  });
  const boundJudge: JudgeFunction | undefined =
    model === undefined
      ? undefined
      : (input) =>
          judge(model, {
            ...input,
            time: time(),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          });
  const runs: RunResult[] = [];
  let catalog: AgentCatalog | undefined;
  let catalogError: string | undefined;
  try {
    catalog = await catalogOf(scenario.agent);
  } catch (error) {
    catalogError = `the agent '${scenario.agent}' could not be read: ${messageOf(error)}`;
  }
  for (let run = 1; run <= repeat; run++) {
    const context: RunContext = {
      scenario,
      run,
      target: options.target,
      catalog,
      judge: boundJudge,
      model,
      time,
      turnTimeoutMs: options.turnTimeoutMs,
      signal: options.signal,
    };
    const result =
      catalogError !== undefined
        ? { run, passed: false, turns: [], success: [], error: catalogError, durationMs: 0 }
        : scenario.simulate !== undefined
          ? await runSimulated(context)
          : await runScripted(context);
    runs.push(result);
    options.onProgress?.({ type: 'run-end', scenario, result });
  }
  const passes = runs.filter((run) => run.passed).length;
  const result: ScenarioResult = {
    name: scenario.name,
    agent: scenario.agent,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    ...(scenario.source === undefined ? {} : { source: scenario.source }),
    kind: scenario.simulate === undefined ? 'scripted' : 'simulated',
    policy,
    runs,
    passes,
    passK: passK(runs.length, passes),
    passed: passesPolicy(policy, runs.length, passes),
    durationMs: Math.round(performance.now() - started),
  };
  options.onProgress?.({ type: 'scenario-end', result });
  return result;
}

function validateSuite(options: RunScenariosOptions): void {
  const issues = options.scenarios.flatMap((scenario) => {
    const file = scenario.source?.file ?? '(code)';
    const line = scenario.source?.line === undefined ? {} : { line: scenario.source.line };
    const scripted = scenario.turns !== undefined && scenario.turns.length > 0;
    if (scripted === (scenario.simulate !== undefined)) {
      return [
        {
          file,
          ...line,
          field: scenario.name,
          message: 'a scenario has either `turns` (scripted customer) or `simulate`, not both',
        },
      ];
    }
    return [];
  });
  issues.push(...duplicateNames(options.scenarios));
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new ConfigurationError(`timeZone '${options.timeZone}' is not an IANA time zone name`);
  }
  if (issues.length > 0) throw new ScenarioFormatError(issues);
  if (options.model === undefined) {
    const needing = options.scenarios.filter(needsModel).map((scenario) => `'${scenario.name}'`);
    if (needing.length > 0) {
      throw new ConfigurationError(
        `${needing.join(', ')} need${needing.length === 1 ? 's' : ''} a model for the judge or the simulated customer: pass \`model\` (tasks 'scenario-judge' and 'simulated-customer')`,
      );
    }
  }
}

async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  return results;
}
