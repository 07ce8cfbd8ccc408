import { ConfigurationError, createConduct } from '@conduct/core';
import {
  createScriptedModel,
  promptItems,
  type ScriptedRequest,
  viewPrompt,
} from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { CLASSIFY_GUIDELINE_TASK, defaultMatchers, defaultStrategies } from '../src/index.js';

// Labels each rule from its text, as a careful model would: asking for something waits for the
// customer's answer.
function classifyFromText(request: ScriptedRequest) {
  return {
    items: promptItems(viewPrompt(request).section('items') ?? '').map((item) => ({
      n: item.n,
      reason: 'read from the action',
      customerDependent: /THEN ask for/.test(item.text),
      continuous: false,
      agentIntention: false,
    })),
  };
}

describe('defaultMatchers', () => {
  it('bundles strategies, the pre-filter and the analyzer for createConduct', () => {
    const bundle = defaultMatchers();
    expect(bundle.strategies.map((s) => s.name)).toEqual([
      'disambiguation',
      'low-criticality',
      'observation',
      'reapply-customer-dependent',
      'reapply',
      'actionable',
    ]);
    expect(bundle.candidateFilter).toBeDefined();
    expect(bundle.responseAnalyzer).toBeDefined();
    expect(bundle.journeyStepper?.name).toBe('journey-step');
    expect(bundle.guidelineClassifier).toBeDefined();
    expect(() => createConduct({ model: createScriptedModel(), ...bundle })).not.toThrow();
  });

  it('leaves out the parts set to false', () => {
    const bundle = defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      journeyStepper: false,
      guidelineClassifier: false,
    });
    expect(bundle).toEqual({ strategies: expect.any(Array) });
  });

  it("classifies a new guideline after the agent's first turn: its routing facts are stored", async () => {
    const model = createScriptedModel()
      .on(CLASSIFY_GUIDELINE_TASK, classifyFromText)
      .on('compose', 'Could you give me the order number?');
    const conduct = createConduct({
      model,
      ...defaultMatchers({ relevanceFilter: false, responseAnalyzer: false }),
    });
    const agent = await conduct.agents.create({ name: 'Ava' });
    const track = await agent.guidelines.create({
      condition: 'the customer wants to track an order',
      action: 'ask for the order number',
      criticality: 'low',
    });
    model.on('low-criticality', { applies: [1] });
    const session = await agent.createSession();
    const { turn } = await conduct.engine.postCustomerMessage(session.id, {
      message: 'Where is my parcel?',
    });
    expect((await turn).status).toBe('answered');
    // Classification runs apart from the turn; prepare() waits for it (and asks nothing again).
    expect((await conduct.prepare()).cached).toContain(track.id);
    expect(model.callsFor(CLASSIFY_GUIDELINE_TASK)).toHaveLength(1);
    expect((await conduct.store.guidelines.get(track.id)).classification).toMatchObject({
      customerDependent: true,
      continuous: false,
      source: 'model',
    });
  });

  it('is what journeys need: the strategies alone refuse a journey definition', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: defaultStrategies(),
    });
    const agent = await conduct.agents.create({ name: 'Ava' });
    await expect(
      agent.journeys.create({
        title: 'Return',
        states: [{ id: 'ask', type: 'chat', instruction: 'ask for the order number' }],
      }),
    ).rejects.toThrow(ConfigurationError);
  });
});
