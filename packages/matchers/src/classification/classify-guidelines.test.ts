import { createMemoryStore, type GuidelineInput } from '@conduct/core';
import {
  createScriptedModel,
  type ScriptedRequest,
  scripted,
  viewPrompt,
} from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { promptItems } from '../prefilter/fixtures/prompt-sections.js';
import { authorClassification, classificationHash } from './classification-facts.js';
import { classifyGuidelines } from './classify-guidelines.js';
import { CLASSIFY_GUIDELINE_TASK } from './classify-task.js';

// Answers like a careful model would: asking → customer-dependent, tone rules → continuous,
// and a condition about the agent's own move → agent intention, but only when the prompt
// defines that label (a model cannot label what it was not asked about).
function classifier(request: ScriptedRequest) {
  const asksIntention = viewPrompt(request).shows(
    'agentIntention: true when the condition is about what the agent itself does or is about to do',
    'instructions',
  );
  return {
    items: promptItems(request.messages).map((item, index) => ({
      n: index + 1,
      reason: `scripted reason ${index + 1}`,
      customerDependent: /THEN ask/.test(item),
      continuous: /formal|never/.test(item),
      agentIntention: asksIntention && /^WHEN (the agent|you are about to) /.test(item),
    })),
  };
}

async function setup(guidelines: GuidelineInput[]) {
  const store = createMemoryStore();
  for (const guideline of guidelines) await store.guidelines.create(guideline);
  const model = createScriptedModel().on(CLASSIFY_GUIDELINE_TASK, classifier);
  return { store, model };
}

const orderNumber = {
  id: 'order',
  condition: 'the customer wants to track an order',
  action: 'ask for the order number',
};
const formal = { id: 'formal', condition: 'the customer is a business', action: 'speak formally' };
const screen = {
  id: 'screen',
  condition: 'the customer reports a cracked screen',
  action: 'explain the repair prices',
};

describe('classifyGuidelines', () => {
  it('classifies, stores by content hash, and makes no call on a second run', async () => {
    const { store, model } = await setup([
      orderNumber,
      formal,
      screen,
      { id: 'obs', condition: 'the customer is in Canada' },
    ]);
    const first = await classifyGuidelines({ store, model });
    expect(first.classified.sort()).toEqual(['formal', 'order', 'screen']);
    expect(first.observations).toEqual(['obs']);
    expect(first.failed).toEqual([]);
    expect(model.callsFor(CLASSIFY_GUIDELINE_TASK)).toHaveLength(1);
    expect((await store.guidelines.get('order')).classification).toEqual({
      customerDependent: true,
      continuous: false,
      agentIntention: false,
      reason: expect.stringMatching(/^scripted reason/),
      contentHash: classificationHash(orderNumber),
      source: 'model',
    });
    expect((await store.guidelines.get('formal')).classification?.continuous).toBe(true);
    expect((await store.guidelines.get('obs')).classification).toBeNull();

    model.clearCalls();
    const second = await classifyGuidelines({ store, model });
    expect(model.calls).toHaveLength(0);
    expect(second.cached.sort()).toEqual(['formal', 'order', 'screen']);
    expect(second.classified).toEqual([]);
  });

  it('re-classifies only guidelines whose content changed', async () => {
    const { store, model } = await setup([orderNumber, formal, screen]);
    await classifyGuidelines({ store, model });
    await store.guidelines.update('screen', { action: 'ask which model it is' });
    model.clearCalls();
    const summary = await classifyGuidelines({ store, model });
    expect(summary.classified).toEqual(['screen']);
    const [call] = model.callsFor(CLASSIFY_GUIDELINE_TASK);
    expect(promptItems(call!.messages)).toEqual([
      'WHEN the customer reports a cracked screen THEN ask which model it is',
    ]);
    expect((await store.guidelines.get('screen')).classification?.customerDependent).toBe(true);
  });

  it('never overwrites an author classification, even a stale one', async () => {
    const own = authorClassification({ continuous: true }, { ...screen, action: 'old action' });
    const { store, model } = await setup([{ ...screen, classification: own }, orderNumber]);
    const summary = await classifyGuidelines({ store, model });
    expect(summary.skippedAuthor).toEqual(['screen']);
    expect((await store.guidelines.get('screen')).classification).toEqual(own);
    expect(promptItems(model.calls[0]!.messages)).toEqual([
      'WHEN the customer wants to track an order THEN ask for the order number',
    ]);
  });

  it('asks once about identical content and reuses a stored classification', async () => {
    const { store, model } = await setup([orderNumber, { ...orderNumber, id: 'order-copy' }]);
    const first = await classifyGuidelines({ store, model });
    expect(first.classified.sort()).toEqual(['order', 'order-copy']);
    expect(promptItems(model.calls[0]!.messages)).toHaveLength(1);

    await store.guidelines.create({ ...orderNumber, id: 'order-third' });
    model.clearCalls();
    const second = await classifyGuidelines({ store, model });
    expect(model.calls).toHaveLength(0);
    expect(second.cached.sort()).toEqual(['order', 'order-copy', 'order-third']);
    expect((await store.guidelines.get('order-third')).classification?.customerDependent).toBe(
      true,
    );
  });

  it('reports failed batches and unanswered items, and keeps going with the others', async () => {
    // Two per call: [order, screen] and [formal].
    const { store, model } = await setup([orderNumber, screen, formal]);
    model.on(CLASSIFY_GUIDELINE_TASK, (request: ScriptedRequest) => {
      const items = promptItems(request.messages);
      if (items.some((item) => item.includes('formally'))) return scripted.fail('rate limited');
      // Answers item 2, but not item 1.
      return { items: [label(2)] };
    });
    const summary = await classifyGuidelines({
      store,
      model,
      guidelines: await stored('order', 'screen', 'formal'),
      batch: { maxItems: 2 },
    });
    expect(summary.failed).toEqual(
      expect.arrayContaining([
        { guidelineId: 'order', error: 'the model gave no answer for it' },
        { guidelineId: 'formal', error: expect.stringContaining('rate limited') },
      ]),
    );
    expect(summary.failed).toHaveLength(2);
    expect(summary.classified).toEqual(['screen']);
    expect((await store.guidelines.get('order')).classification).toBeNull();

    async function stored(...ids: string[]) {
      return Promise.all(ids.map((id) => store.guidelines.get(id)));
    }
  });

  it('bounds item numbers to the batch and does not guess at an item answered twice', async () => {
    const { store, model } = await setup([orderNumber, screen]);
    model.on(CLASSIFY_GUIDELINE_TASK, { items: [label(1), label(1), label(2)] });
    const twice = await classifyGuidelines({ store, model });
    expect(twice.failed).toEqual([
      { guidelineId: 'order', error: 'the model answered item 1 twice' },
    ]);
    expect(twice.classified).toEqual(['screen']);

    // An unasked number fails validation (after the repair attempt): nothing is stored from it.
    model.on(CLASSIFY_GUIDELINE_TASK, { items: [label(1), label(3)] });
    const unasked = await classifyGuidelines({ store, model });
    expect(unasked.failed).toEqual([
      { guidelineId: 'order', error: expect.stringContaining('item 3 was not asked') },
    ]);
  });

  it("labels a condition about the agent's own next move, with the reason given", async () => {
    const recommend = {
      id: 'recommend',
      condition: 'the agent recommends a laptop',
      action: 'mention the extended warranty',
    };
    const { store, model } = await setup([recommend, screen]);
    await classifyGuidelines({ store, model });
    expect((await store.guidelines.get('recommend')).classification).toMatchObject({
      agentIntention: true,
      reason: expect.stringMatching(/^scripted reason/),
    });
    expect((await store.guidelines.get('screen')).classification?.agentIntention).toBe(false);
  });

  it('batches several guidelines per call and bounds the calls in flight', async () => {
    const guidelines = Array.from({ length: 25 }, (_, index) => ({
      id: `rule-${index}`,
      condition: `the customer asks about product line ${index}`,
      action: `describe product line ${index}`,
    }));
    const { store, model } = await setup(guidelines);
    let inFlight = 0;
    let most = 0;
    model.on(CLASSIFY_GUIDELINE_TASK, async (request: ScriptedRequest) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return classifier(request);
    });
    const summary = await classifyGuidelines({ store, model, concurrency: 2 });
    const sizes = model.calls.map((call) => promptItems(call.messages).length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(most).toBe(2);
    expect(summary.classified).toHaveLength(25);
  });

  it('stops when aborted', async () => {
    const { store, model } = await setup([orderNumber]);
    model.on(CLASSIFY_GUIDELINE_TASK, scripted.hang());
    const controller = new AbortController();
    const running = classifyGuidelines({ store, model, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow();
  });
});

function label(n: number) {
  return {
    n,
    reason: 'scripted',
    customerDependent: false,
    continuous: false,
    agentIntention: false,
  };
}
