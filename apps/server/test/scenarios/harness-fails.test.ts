import { fileURLToPath } from 'node:url';
import { createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import {
  createInProcessTarget,
  formatJUnitReport,
  formatTerminalReport,
  loadScenarios,
  runScenarios,
} from '@conduct/scenarios';
import { describe, expect, it } from 'vitest';
import setup from '../../agents/electronics-store/index.js';
import { voltmartModel } from './voltmart-model.js';
import { voltmartTesters } from './voltmart-testers.js';

const SERVER = fileURLToPath(new URL('../..', import.meta.url));
const RETURNS = `${SERVER}/agents/electronics-store/scenarios/returns.yaml`;

/** The example agent (in memory), with `change` applied to its behavior model after setup. */
async function runReturns(change?: (conduct: ReturnType<typeof createConduct>) => Promise<void>) {
  const conduct = createConduct({
    model: voltmartModel(),
    ...defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      guidelineClassifier: false,
    }),
  });
  try {
    await setup(conduct);
    await change?.(conduct);
    return await runScenarios({
      scenarios: await loadScenarios(RETURNS, { relativeTo: SERVER }),
      target: createInProcessTarget({ conduct }),
      model: voltmartTesters(),
    });
  } finally {
    await conduct.close();
  }
}

describe('the scenario harness can fail', () => {
  it('reports a deliberately broken guideline in words a policy owner understands', async () => {
    const intact = await runReturns();
    expect(intact.passed).toBe(true);

    // Someone rewords the return guideline so it no longer covers "I want to return this".
    const broken = await runReturns(async (conduct) => {
      await conduct.model.guidelines.update('voltmart-return', {
        condition: 'the customer wants to exchange a product for another size',
      });
    });
    expect(broken.passed).toBe(false);
    expect(broken.scenarios.map((scenario) => [scenario.name, scenario.passed])).toEqual([
      ['Return inside the window', false],
      // Past the window, nothing offers start_return any more, so its refusal never comes.
      ['Return outside the window', false],
    ]);
    const report = formatTerminalReport(broken);
    expect(report).toContain(
      '✗ Return inside the window  agents/electronics-store/scenarios/returns.yaml:3',
    );
    expect(report).toContain(
      'Turn 1 — the customer: "Can I return the Lumen 55 TV from order VM-10425? I changed my mind."',
    );
    // What went wrong, and the reworded rule that caused it.
    expect(report).toContain(
      `✗ expected the guideline 'Return' to apply, but it did not; the rule, as the agent has it: "When the customer wants to exchange a product for another size, then explain the 30-day return policy`,
    );
    expect(report).toContain(
      `✗ expected the guideline 'Plus return pickup' to apply, but it did not: it matched, but it requires 'Return', which did not apply; no guideline applied instead`,
    );
    expect(report).toContain(
      `✗ expected the tool 'start_return' to be called with order_id = "VM-10425", reason = "changed_mind", but it was not called: it was not offered — no guideline or journey step that uses it applied`,
    );
    expect(report).toContain(
      `✗ expected the guideline 'Return window passed' to apply, but it did not`,
    );
    expect(report).toContain('What the agent decided at this turn:');
    expect(formatJUnitReport(broken)).toContain(
      `<failure message="turn 1: expected the guideline &apos;Return&apos; to apply, but it did not`,
    );
  }, 120_000);
});
