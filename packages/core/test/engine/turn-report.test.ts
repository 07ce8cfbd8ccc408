import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ResponseAnalyzer } from '../../src/engine/response-analysis.js';
import type { TurnReport } from '../../src/engine/turn-report.js';
import { scripted } from '../../src/testing/model-script.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { setup } from './harness.js';

// Asks the model, as the real analyzer does, so its call shows in the report.
const modelAnalyzer: ResponseAnalyzer = {
  async analyze({ context, guidelines }) {
    const { value } = await context.model.generateObject({
      task: 'response-analysis',
      traceId: context.traceId,
      schema: z.object({ applied: z.array(z.number()) }),
      messages: [{ role: 'user', content: guidelines.map((g) => g.action ?? '').join('\n') }],
    });
    return { appliedGuidelineIds: value.applied.flatMap((n) => guidelines[n - 1]?.id ?? []) };
  },
};

describe('onTurnEnd', () => {
  it('reports each turn once it is over: outcome, matched guidelines, every model call', async () => {
    const reports: TurnReport[] = [];
    const t = await setup({
      strategies: [matchAllStrategy()],
      responseAnalyzer: modelAnalyzer,
      onTurnEnd: (report) => reports.push(report),
    });
    const guideline = await t.agent.guidelines.create({
      condition: 'the customer asks about an order',
      action: 'say it ships tomorrow',
    });
    t.model.on('compose', 'It ships tomorrow.').on('response-analysis', { applied: [1] });
    const { turn } = await t.conduct.engine.postCustomerMessage(t.session.id, {
      message: 'When does my order ship?',
    });
    const outcome = await turn;

    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report?.outcome).toEqual(outcome);
    expect(report?.outcome.status).toBe('answered');
    expect(report?.record).toMatchObject({
      sessionId: t.session.id,
      agentId: t.agent.id,
      status: 'completed',
      matched: { guidelines: [guideline.id] },
      errors: [],
    });
    expect(report?.record.modelCalls.map((call) => call.task)).toEqual([
      'compose',
      'response-analysis',
    ]);
  });

  it('reports a failed turn with what went wrong', async () => {
    const reports: TurnReport[] = [];
    const t = await setup({
      strategies: [matchAllStrategy()],
      onTurnEnd: (report) => reports.push(report),
    });
    await t.agent.guidelines.create({ condition: 'the customer says hello', action: 'greet' });
    t.model.on('compose', scripted.fail('the provider is down'));
    await t.say('hello');

    expect(reports.map((report) => report.outcome.status)).toEqual(['failed']);
    expect(reports[0]?.outcome.error).toContain('the provider is down');
    expect(reports[0]?.record.status).toBe('error');
    expect(reports[0]?.record.errors.map((error) => error.message).join(' ')).toContain(
      'the provider is down',
    );
  });

  it('sends what the callback throws to onError, and the turn still ends', async () => {
    const errors: unknown[] = [];
    const t = await setup({
      strategies: [matchAllStrategy()],
      onTurnEnd: () => {
        throw new Error('the log is full');
      },
      onError: (error) => errors.push(error),
    });
    await t.agent.guidelines.create({ condition: 'the customer says hello', action: 'greet' });
    t.model.on('compose', 'Hello!');
    const { turn } = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'hi' });
    expect((await turn).status).toBe('answered');
    expect(errors.map((error) => (error as Error).message)).toEqual(['the log is full']);
  });
});
