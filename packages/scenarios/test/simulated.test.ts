import { type Conduct, createModelRouter } from '@conduct/core';
import { createScriptedModel, viewPrompt, whenPrompt } from '@conduct/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTerminalReport } from '../src/report/terminal.js';
import { runScenarios } from '../src/run/run-scenarios.js';
import { scenario } from '../src/scenario/builders.js';
import { createInProcessTarget } from '../src/targets/in-process/in-process-target.js';
import { SHOP, shop } from './fixtures/shop.js';

/**
 * The simulated customer, from evidence in its prompt: it asks for a refund of the order it
 * knows, stops once the conversation shows the refund confirmed, and gives up on a refusal.
 * Which order it remembers varies between runs (`orderFor`), as a real model's answers do.
 */
function customerModel(orderFor: (run: number) => string) {
  let run = 0;
  return createScriptedModel().on('simulated-customer', (request) => {
    const prompt = viewPrompt(request);
    const conversation = prompt.section('conversation') ?? '';
    if (conversation.includes('refund is on its way')) {
      return { thought: 'the refund is confirmed', action: 'goal-reached', message: null };
    }
    if (conversation.includes('cannot be refunded')) {
      return { thought: 'they refuse the refund', action: 'give-up', message: null };
    }
    if (conversation === '(empty)') {
      run += 1;
      const known = prompt.section('you-know') ?? '';
      const order = known.includes('order A-1') ? orderFor(run) : 'unknown';
      return { thought: 'start', action: 'write', message: `I want a refund for order ${order}` };
    }
    return { thought: 'waiting', action: 'write', message: 'Any news on my refund?' };
  });
}

describe('a simulated customer with a judge', () => {
  let conduct: Conduct | undefined;
  afterEach(async () => conduct?.close());

  it('runs 5 times, ends on the goal or a give-up, and reports pass^k under its policy', async () => {
    conduct = await shop(createScriptedModel());
    const judge = whenPrompt({
      shows: /Agent: .*refund is on its way/,
      in: 'conversation',
      answer: { reason: 'the agent confirms the refund', verdict: 'pass' },
      otherwise: { reason: 'no refund is confirmed', verdict: 'fail' },
    });
    const customer = customerModel((run) => (run % 2 === 0 ? 'A-2' : 'A-1'));
    customer.on('scenario-judge', judge);
    const model = createModelRouter({ default: customer });
    const refund = scenario('A refund, simulated', { agent: SHOP })
      .simulate({
        persona: 'Terse, in a hurry',
        goal: 'get a refund for the order',
        knows: ['order A-1'],
        maxTurns: 3,
      })
      .success({ guidelines: { matched: ['Refund request'] }, tools: { called: ['lookup_order'] } })
      .judge('the agent confirms the refund')
      .repeat(5, 'majority')
      .build();
    const suite = await runScenarios({
      scenarios: [refund],
      target: createInProcessTarget({ conduct }),
      model,
      clock: () => new Date('2026-12-07T17:42:00Z'),
      timeZone: 'Europe/Paris',
    });
    const [result] = suite.scenarios;
    expect(result?.runs.map((run) => [run.ending, run.passed])).toEqual([
      ['goal-reached', true],
      ['gave-up', false],
      ['goal-reached', true],
      ['gave-up', false],
      ['goal-reached', true],
    ]);
    expect(result?.passK.map(({ value }) => value)).toEqual([0.6, 0.3, 0.1, 0, 0]);
    expect(result?.passed).toBe(true); // 3 of 5: a majority
    const failedRun = result?.runs[1];
    expect(failedRun?.success.filter((check) => !check.passed).map((c) => c.message)).toEqual([
      'expected the customer to reach their goal, but they gave up (the customer: "they refuse the refund")',
      'expected the conversation to meet "the agent confirms the refund", but the judge found it does not: no refund is confirmed',
    ]);
    const report = formatTerminalReport(suite);
    expect(report).toContain('✓ A refund, simulated — 3/5 runs passed (policy: majority)');
    expect(report).toContain('pass^1 0.60 · pass^2 0.30 · pass^3 0.10 · pass^4 0.00 · pass^5 0.00');
    expect(report).toContain('Run 4 failed too: expected the customer to reach their goal');
    // The judge was shown the criterion and the whole conversation, the tool results included.
    const judged = viewPrompt(customer.callsFor('scenario-judge')[0]!);
    expect(judged.section('criterion')).toBe('the agent confirms the refund');
    expect(judged.section('tool-results')).toContain('lookup_order({"order_id":"A-1"})');
    expect(judged.section('reply')).toBeUndefined();
    expect(judged.section('current-time')).toBe(
      'Now: Monday 7 December 2026, 18:42 (Europe/Paris)',
    );
    const customerPrompt = viewPrompt(customer.callsFor('simulated-customer')[0]!);
    expect(customerPrompt.section('you-do-not-know')).toBe('(nothing)');
    expect(customerPrompt.section('messages-left')).toBe('You have sent 0 of at most 3 messages.');
  });

  it('fails the whole scenario under `all` when one run fails', async () => {
    conduct = await shop(createScriptedModel());
    const customer = customerModel((run) => (run === 2 ? 'A-2' : 'A-1'));
    const suite = await runScenarios({
      scenarios: [
        scenario('All must pass', { agent: SHOP })
          .simulate({ persona: 'p', goal: 'a refund', knows: ['order A-1'] })
          .repeat(3)
          .build(),
      ],
      target: createInProcessTarget({ conduct }),
      model: customer,
    });
    expect(suite.scenarios[0]).toMatchObject({ passes: 2, passed: false, policy: 'all' });
    expect(suite.passed).toBe(false);
  });
});
