import type { ConductStore } from '@conduct/core';
import { type CriticalPath, criticalPath } from './critical-path.js';
import { MEASURED_MESSAGE } from './fixtures.js';
import { buildWorld, type Scenario } from './scenario.js';

/** Per-task accounting of one turn. */
export interface TaskTokens {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** What one measured turn cost. */
export interface TurnMeasure {
  modelCalls: number;
  path: CriticalPath;
  inputTokens: number;
  outputTokens: number;
  byTask: Record<string, TaskTokens>;
}

/**
 * Runs one turn with the model's real time scaled down (so the order of calls is real) and
 * reads its critical path and token use. Response analysis (after the reply) is excluded.
 */
export async function measureTurn(scenario: Scenario, timeScale = 0.05): Promise<TurnMeasure> {
  const world = await buildWorld(scenario, { timeScale });
  const session = await world.newSession();
  const posted = await world.conduct.engine.postCustomerMessage(session.id, {
    message: MEASURED_MESSAGE,
  });
  await posted.turn;
  await world.conduct.engine.idle(session.id);
  const calls = world.model.calls.filter(
    (call) => call.traceId === posted.event.traceId && call.task !== 'response-analysis',
  );
  const byTask: Record<string, TaskTokens> = {};
  for (const call of calls) {
    const entry = byTask[call.task] ?? { calls: 0, inputTokens: 0, outputTokens: 0 };
    byTask[call.task] = entry;
    entry.calls += 1;
    entry.inputTokens += call.inputTokens;
    entry.outputTokens += call.outputTokens;
  }
  await world.conduct.close();
  return {
    modelCalls: calls.length,
    path: criticalPath(calls),
    inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
    byTask,
  };
}

/** Engine overhead samples of a scenario, in ms. */
export interface OverheadSamples {
  /** From posting the message until its reply is committed: what the customer waits for. */
  toReply: number[];
  /** Until the turn's promise settles: the reply plus the decision record and after-reply work. */
  toEnd: number[];
}

/**
 * Engine overhead per turn: wall time from posting the message until the reply is committed,
 * and until the turn ends, minus the time spent inside model calls, with a model that answers
 * at once. `turns` fresh sessions are measured one after the other (after one warm-up turn).
 */
export async function measureOverhead(
  scenario: Scenario,
  turns: number,
  store?: () => Promise<ConductStore>,
): Promise<OverheadSamples> {
  let repliedAt = Number.NaN;
  const world = await buildWorld(scenario, {
    timeScale: 0,
    ...(store ? { store: await store() } : {}),
    onReply: () => {
      repliedAt = performance.now();
    },
  });
  const samples: OverheadSamples = { toReply: [], toEnd: [] };
  for (let index = 0; index <= turns; index += 1) {
    const session = await world.newSession();
    world.model.clear();
    repliedAt = Number.NaN;
    const started = performance.now();
    const posted = await world.conduct.engine.postCustomerMessage(session.id, {
      message: MEASURED_MESSAGE,
    });
    await posted.turn;
    const ended = performance.now();
    const inModel = (until: number) =>
      world.model.calls
        .filter((call) => call.endedAt <= until)
        .reduce((sum, call) => sum + (call.endedAt - call.startedAt), 0);
    await world.conduct.engine.idle(session.id);
    if (index === 0) continue;
    samples.toReply.push(Math.max(0, repliedAt - started - inModel(repliedAt)));
    samples.toEnd.push(Math.max(0, ended - started - inModel(ended)));
  }
  await world.conduct.close();
  return samples;
}

/** The `p`-th percentile (0–100) of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
