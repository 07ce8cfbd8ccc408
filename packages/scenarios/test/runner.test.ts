import type { Conduct } from '@conduct/core';
import { createScriptedModel, type ScriptedModel } from '@conduct/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTerminalReport } from '../src/report/terminal.js';
import { runScenario, runScenarios } from '../src/run/run-scenarios.js';
import { scenario } from '../src/scenario/builders.js';
import type { ScenarioTarget } from '../src/target.js';
import { createInProcessTarget } from '../src/targets/in-process/in-process-target.js';
import { SHOP, shop } from './fixtures/shop.js';

describe('runScenarios on the in-process target', () => {
  let model: ScriptedModel;
  let conduct: Conduct;
  let target: ScenarioTarget;

  beforeEach(async () => {
    model = createScriptedModel();
    conduct = await shop(model);
    target = createInProcessTarget({ conduct });
  });
  afterEach(async () => {
    await target.close();
    await conduct.close();
  });

  it('passes a scenario whose expectations hold, reading the turn from the store', async () => {
    const refund = scenario('Refund of order A-1', { agent: SHOP, customer: 'cus-1' })
      .turn('I want a refund for order A-1', {
        guidelines: { matched: ['Refund request'], notMatched: ['delivery'] },
        tools: {
          called: [{ tool: 'lookup_order', arguments: { order_id: 'A-1' }, exact: true }],
          notCalled: ['hand_over'],
        },
        reply: { contains: ['REFUND'], notContains: ['sorry'], matches: '/within \\d days/' },
        session: { handedOff: false },
      })
      .build();
    const result = await runScenario(refund, { target });
    expect(formatTerminalReport({ ...suiteOf(result) })).toContain('✓ Refund of order A-1');
    expect(result).toMatchObject({ passed: true, passes: 1, kind: 'scripted' });
    const [turn] = result.runs[0]?.turns ?? [];
    expect(turn?.messages).toEqual(['Your refund is on its way within 5 days.']);
    expect(turn?.checks.map((check) => check.message)).toEqual([
      'the turn ended with a reply',
      "the guideline 'Refund request' applied",
      "the guideline 'Delivery question' did not apply",
      'the tool \'lookup_order\' was called with order_id = "A-1"',
      "the tool 'hand_over' was not called",
      "the reply mentions 'REFUND'",
      "the reply does not mention 'sorry'",
      'the reply matches /within \\d days/',
      'the agent still answers',
    ]);
    // The customer the scenario names was created for it.
    expect((await conduct.store.customers.get('cus-1')).name).toBe('cus-1');
  });

  it('fails in words a policy owner understands, naming what applied instead and why', async () => {
    const wrong = scenario('Delivery question', { agent: SHOP })
      .turn('I want a refund for order A-2', {
        guidelines: { matched: ['Delivery question'], notMatched: ['Refund request'] },
        tools: { called: [{ tool: 'lookup_order', arguments: { order_id: 'A-1' } }] },
        reply: { contains: ['2 days'] },
      })
      .build();
    const result = await runScenario(wrong, { target });
    expect(result.passed).toBe(false);
    const failures = result.runs[0]?.turns[0]?.checks.filter((check) => !check.passed);
    expect(failures?.map((check) => check.message)).toEqual([
      'expected the guideline \'Delivery question\' to apply, but it did not (reason: "no shared keyword"); the rule, as the agent has it: "When delivery timing, then say delivery takes 2 days"; \'Refund request\' (reason: "mentions refund") applied instead',
      'expected the guideline \'Refund request\' not to apply, but it did (reason: "mentions refund")',
      'expected the tool \'lookup_order\' to be called with order_id = "A-1", but it was called with order_id = "A-2"',
      'expected the reply to mention \'2 days\', but it does not; the reply was "Sorry, that order cannot be refunded."',
    ]);
    expect(result.runs[0]?.turns[0]?.excerpt).toEqual([
      'Guidelines applied: \'Refund request\' ("mentions refund")',
      'Tool called: lookup_order(order_id = "A-2")',
      'Reply: fluid (mode fluid)',
    ]);
  });

  it('catches a misspelt name, says why a tool was not called, and sees a hand-over', async () => {
    const result = await runScenario(
      scenario('Hand-over', { agent: SHOP })
        .turn('Can I talk to a human colleague?', {
          guidelines: { notMatched: ['Refund requests'] },
          tools: { called: ['hand_over', 'lookup_order'], notCalled: ['refund_order'] },
          session: { handedOff: true },
        })
        .turn('Hello?', { status: 'silent' })
        .build(),
      { target },
    );
    const messages = result.runs[0]?.turns.flatMap((turn) =>
      turn.checks.filter((check) => !check.passed).map((check) => check.message),
    );
    expect(messages).toEqual([
      "expected the guideline 'Refund requests' not to apply, but the agent has no guideline with that title or id — did you mean 'Refund request'?",
      "expected the tool 'lookup_order' to be called, but it was not called: it was not offered — no guideline or journey step that uses it applied",
      "expected the tool 'refund_order' not to be called, but the agent has no tool named 'refund_order' (its tools: lookup_order, hand_over)",
    ]);
    expect(result.runs[0]?.turns[1]?.status).toBe('silent');
  });

  it('says which scenarios need a model for a judge or a simulated customer', async () => {
    const judged = scenario('Judged', { agent: SHOP })
      .turn('refund please', { reply: { judge: 'is polite' } })
      .build();
    await expect(runScenarios({ scenarios: [judged], target })).rejects.toThrow(
      "'Judged' needs a model for the judge or the simulated customer",
    );
  });

  it('runs every scenario of an unknown agent as failed, saying so', async () => {
    const result = await runScenario(
      scenario('Nobody', { agent: 'nobody' }).turn('hi').repeat(2).build(),
      { target },
    );
    expect(result.runs.map((run) => run.error)).toEqual([
      expect.stringMatching(/^the agent 'nobody' could not be read: Agent not found/),
      expect.stringMatching(/^the agent 'nobody' could not be read/),
    ]);
    expect(result).toMatchObject({ passed: false, passes: 0 });
  });
});

function suiteOf(result: Awaited<ReturnType<typeof runScenario>>) {
  return {
    target: 'in-process',
    passed: result.passed,
    scenarios: [result],
    totals: { scenarios: 1, passed: 1, failed: 0, runs: 1, runsPassed: 1 },
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
  };
}
