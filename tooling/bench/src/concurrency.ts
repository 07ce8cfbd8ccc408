import type { ConductStore } from '@conduct/core';
import { MEASURED_MESSAGE } from './fixtures.js';
import { percentile } from './measure.js';
import { buildWorld, type Scenario } from './scenario.js';

/** Throughput and overhead with many sessions at once. */
export interface ConcurrencyResult {
  store: string;
  sessions: number;
  turnsPerSecond: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
}

/**
 * Starts one turn in each of `sessions` sessions at the same moment (model answers at once)
 * and measures throughput and per-turn engine time (which, under load, includes queueing).
 */
export async function measureConcurrency(
  scenario: Scenario,
  sessions: number,
  store?: { name: string; create: () => Promise<ConductStore> },
): Promise<ConcurrencyResult> {
  const world = await buildWorld(scenario, {
    timeScale: 0,
    ...(store ? { store: await store.create() } : {}),
  });
  const prepared = await Promise.all(Array.from({ length: sessions }, () => world.newSession()));
  const started = performance.now();
  const perTurn = await Promise.all(
    prepared.map(async (session) => {
      const begin = performance.now();
      const posted = await world.conduct.engine.postCustomerMessage(session.id, {
        message: MEASURED_MESSAGE,
      });
      await posted.turn;
      return performance.now() - begin;
    }),
  );
  const elapsed = performance.now() - started;
  await Promise.all(prepared.map((session) => world.conduct.engine.idle(session.id)));
  await world.conduct.close();
  return {
    store: store?.name ?? 'memory',
    sessions,
    turnsPerSecond: (sessions / elapsed) * 1000,
    overheadP50Ms: percentile(perTurn, 50),
    overheadP99Ms: percentile(perTurn, 99),
  };
}
