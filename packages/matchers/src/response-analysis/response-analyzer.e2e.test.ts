import { createConduct } from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { RESPONSE_ANALYSIS_TASK } from './analysis-task.js';
import { createResponseAnalyzer } from './response-analyzer.js';

describe('response analysis in a turn (createConduct)', () => {
  it('marks only the guidelines the reply applied', async () => {
    const model = createScriptedModel()
      .on('compose', 'What is your order number?')
      .on(RESPONSE_ANALYSIS_TASK, {
        checks: [
          { n: 1, why: 'asked for it', applied: true },
          { n: 2, why: 'no voucher', applied: false },
        ],
      });
    const conduct = createConduct({
      model,
      strategies: [matchAllStrategy()],
      responseAnalyzer: createResponseAnalyzer(),
    });
    const agent = await conduct.agents.create({ name: 'Volt' });
    const ask = await agent.guidelines.create({
      id: 'a-ask',
      condition: 'the customer asks about an order',
      action: 'ask for the order number',
    });
    await agent.guidelines.create({
      id: 'b-voucher',
      condition: 'an order is late',
      action: 'offer a voucher',
    });
    await agent.guidelines.create({ id: 'c-untracked', condition: 'x', action: 'y', track: false });
    const session = await agent.createSession();
    await conduct.engine.postCustomerMessage(session.id, { message: 'Where is my order?' });
    await conduct.engine.idle(session.id);

    const [call] = model.callsFor(RESPONSE_ANALYSIS_TASK);
    expect(call?.messages.at(-1)?.content).not.toContain('WHEN x THEN y');
    const state = (await conduct.store.sessions.get(session.id)).state;
    expect(state.appliedGuidelines.map((entry) => entry.guidelineId)).toEqual([ask.id]);
    await conduct.close();
  });
});
