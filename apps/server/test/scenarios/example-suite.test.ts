import { fileURLToPath } from 'node:url';
import { type Conduct, createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import {
  assertPassed,
  createInProcessTarget,
  formatJUnitReport,
  formatTerminalReport,
  loadScenarios,
  runScenarios,
  type Scenario,
} from '@conduct/scenarios';
import { createPostgresStore } from '@conduct/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import setup, { VOLTMART_AGENT_ID } from '../../agents/electronics-store/index.js';
import { voltmartModel } from './voltmart-model.js';
import { voltmartTesters } from './voltmart-testers.js';

const SERVER = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS = `${SERVER}/agents/electronics-store/scenarios`;

const isStrict = (scenario: Scenario) => scenario.tags?.includes('strict-mode') === true;

/** The example agent on PGlite, its turns answered by the evidence-based model. */
async function voltmartOnPGlite(): Promise<Conduct> {
  const conduct = createConduct({
    store: await createPostgresStore(),
    model: voltmartModel(),
    ...defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      guidelineClassifier: false,
    }),
  });
  await setup(conduct);
  return conduct;
}

describe("the example agent's scenario suite, in-process on PGlite", () => {
  let conduct: Conduct;
  let scenarios: Scenario[];

  beforeAll(async () => {
    scenarios = await loadScenarios(SCENARIOS, { relativeTo: SERVER });
    conduct = await voltmartOnPGlite();
  }, 60_000);
  afterAll(async () => conduct?.close());

  it('passes every scenario: returns, the warranty journey and its fork, a human, a glossary term', async () => {
    const suite = await runScenarios({
      scenarios: scenarios.filter((scenario) => !isStrict(scenario) && !scenario.simulate),
      target: createInProcessTarget({ conduct }),
      model: voltmartTesters(),
    });
    assertPassed(suite);
    expect(suite.scenarios.map((scenario) => scenario.name)).toEqual([
      'A glossary term (RMA)',
      'Asks for a human',
      'Return inside the window',
      'Return outside the window',
      'Warranty claim, covered',
      'Warranty claim, expired',
    ]);
    expect(formatJUnitReport(suite)).toContain('tests="6" failures="0"');
  }, 120_000);

  it('runs the simulated customer 5 times, with a judge, and reports pass^k', async () => {
    const simulated = scenarios.filter((scenario) => scenario.simulate !== undefined);
    const testers = voltmartTesters();
    const suite = await runScenarios({
      scenarios: simulated,
      target: createInProcessTarget({ conduct }),
      model: testers,
    });
    assertPassed(suite);
    const [result] = suite.scenarios;
    expect(result?.runs.map((run) => [run.ending, run.turns.length])).toEqual(
      Array(5).fill(['goal-reached', 2]),
    );
    expect(testers.callsFor('scenario-judge')).toHaveLength(5);
    expect(formatTerminalReport(suite)).toContain(
      '✓ Broken headphones, simulated customer — 5/5 runs passed (policy: majority)',
    );
    expect(formatTerminalReport(suite)).toContain(
      'pass^1 1.00 · pass^2 1.00 · pass^3 1.00 · pass^4 1.00 · pass^5 1.00',
    );
  }, 120_000);

  it('passes the strict-mode scenarios with the agent in strict_canned mode', async () => {
    const strict = await voltmartOnPGlite();
    try {
      await strict.store.agents.update(VOLTMART_AGENT_ID, { compositionMode: 'strict_canned' });
      const suite = await runScenarios({
        scenarios: scenarios.filter(isStrict),
        target: createInProcessTarget({ conduct: strict }),
      });
      assertPassed(suite);
      expect(suite.totals.scenarios).toBe(1);
    } finally {
      await strict.close();
    }
  }, 120_000);
});
