import { loadTokenizer } from '@conduct/core';
import { createPostgresStore } from '@conduct/store-postgres';
import { measureBaseline } from './baseline.js';
import { measureConcurrency } from './concurrency.js';
import { measureMatchingWave } from './matching-wave.js';
import { measureOverhead, measureTurn, percentile } from './measure.js';
import { type BenchReport, formatReport } from './report.js';
import type { Scenario } from './scenario.js';
import { fullScenarios, smokeScenarios } from './scenarios.js';

/** Runs the benchmark; `smoke` is the seconds-long version CI runs. */
export async function runBench(options: { smoke: boolean }): Promise<BenchReport> {
  await loadTokenizer();
  const scenarios: Scenario[] = options.smoke ? smokeScenarios : fullScenarios;
  const overheadTurns = options.smoke ? 3 : 20;
  const report: BenchReport = {
    latency: { baseMs: 350, perInputTokenMs: 0.05, perOutputTokenMs: 12 },
    scenarios: [],
    concurrency: [],
    matchingWave: await measureMatchingWave(),
  };
  for (const scenario of scenarios) {
    const [turn, baseline, overhead] = [
      await measureTurn(scenario),
      await measureBaseline(scenario),
      await measureOverhead(scenario, overheadTurns),
    ];
    report.scenarios.push({
      scenario,
      turn,
      baseline,
      overheadP50Ms: percentile(overhead.toReply, 50),
      overheadP99Ms: percentile(overhead.toReply, 99),
      turnEndP50Ms: percentile(overhead.toEnd, 50),
    });
  }
  const concurrencyScenario: Scenario = {
    name: 'concurrency',
    guidelines: 100,
    historyTurns: 2,
    tool: false,
    output: 'block',
  };
  const sessions = options.smoke ? 20 : 200;
  report.concurrency.push(await measureConcurrency(concurrencyScenario, sessions));
  if (!options.smoke) {
    const pglite = { name: 'PGlite', create: () => createPostgresStore({ driver: 'pglite' }) };
    report.concurrency.push(await measureConcurrency(concurrencyScenario, sessions, pglite));
    const pgliteScenario: Scenario = {
      ...concurrencyScenario,
      name: '100 g · 20 h · PGlite',
      historyTurns: 20,
    };
    const samples = await measureOverhead(pgliteScenario, 20, pglite.create);
    report.pglite = {
      scenario: pgliteScenario.name,
      overheadP50Ms: percentile(samples.toReply, 50),
      overheadP99Ms: percentile(samples.toReply, 99),
      turnEndP50Ms: percentile(samples.toEnd, 50),
    };
  }
  return report;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const args = new Set(process.argv.slice(2));
  const report = await runBench({ smoke: args.has('--smoke') });
  console.log(args.has('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
}
