import { createConduct, createModelRouter, loadTokenizer, toJsonSchema } from '@conduct/core';
import { createScriptedModel, type ScriptedModelCall } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultStrategies } from '../src/default-strategies.js';
import { runMatchingTask } from '../src/run-task.js';
import { actionableTask } from '../src/tasks/actionable.js';
import { lowCriticalityTask } from '../src/tasks/low-criticality.js';
import { observationTask } from '../src/tasks/observation.js';
import { asksPerItem, guideline, itemsOf, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

const conversation = ['Customer: I would like my money back for the kettle.'];

function rules(count: number) {
  return Array.from({ length: count }, (_, index) =>
    guideline(`g${index + 1}`, {
      condition: `the customer asks about topic ${index + 1}`,
      action: `answer about topic ${index + 1}`,
    }),
  );
}

function schemaOf(call: ScriptedModelCall | undefined) {
  const request = call?.request as { schema: Parameters<typeof toJsonSchema>[0] } | undefined;
  if (request === undefined) throw new Error('no call');
  return toJsonSchema(request.schema);
}

describe('item numbers are bounded to the items asked', () => {
  it('shows the bounds in the JSON schema of every shape', async () => {
    const model = createScriptedModel()
      .on('actionable', { applies: [] })
      .on('low-criticality', { applies: [] });
    const context = turnContext({ model, conversation });
    await runMatchingTask(actionableTask, rules(5), context);
    await runMatchingTask(lowCriticalityTask, rules(4), context);
    const listed = schemaOf(model.callsFor('actionable')[0]);
    expect(listed).toMatchObject({
      properties: {
        applies: { items: { properties: { n: { type: 'integer', minimum: 1, maximum: 5 } } } },
      },
    });
    expect(schemaOf(model.callsFor('low-criticality')[0])).toMatchObject({
      properties: { applies: { items: { type: 'integer', minimum: 1, maximum: 4 } } },
    });

    const perItemModel = createScriptedModel().on('actionable', (request) => ({
      items: itemsOf(request).map(([n]) => ({ n, reason: 'scripted', applies: false })),
    }));
    await runMatchingTask(actionableTask, rules(2), turnContext({ model: perItemModel }));
    expect(schemaOf(perItemModel.callsFor('actionable')[0])).toMatchObject({
      properties: {
        items: {
          items: {
            properties: { n: { minimum: 1, maximum: 2 }, reason: {}, applies: {} },
            required: ['n', 'reason', 'applies'],
          },
        },
      },
    });
  });

  it('records an answer naming item 0 as an error, with the guidelines unevaluated, not "no"', async () => {
    const model = createScriptedModel().on('actionable', {
      applies: [{ n: 0, why: 'the customer wants a refund' }],
    });
    const result = await runMatchingTask(
      actionableTask,
      rules(4),
      turnContext({ model, conversation }),
    );
    // The repair attempt is told what was wrong, then the batch is left unevaluated.
    const [call] = model.callsFor('actionable');
    expect(call?.attempts).toHaveLength(2);
    expect(call?.attempts[1]?.messages.at(-1)?.content).toContain(
      'item 0 was not asked: the items are numbered 1 to 4',
    );
    expect(result.verdicts).toEqual([]);
    expect(result.unevaluated?.map((u) => u.guidelineId)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(result.unevaluated?.[0]?.error).toContain('item 0 was not asked');
  });

  it("lists it in the decision record's errors as guideline_unevaluated", async () => {
    // A single guideline is asked item by item; the model numbers it from 0.
    const model = createScriptedModel()
      .on('actionable', (request) =>
        asksPerItem(request)
          ? { items: [{ n: 0, reason: 'wants a refund', applies: true }] }
          : { applies: [{ n: 0, why: 'wants a refund' }] },
      )
      .on('compose', 'Happy to help.');
    const conduct = createConduct({ model, strategies: defaultStrategies() });
    const agent = await conduct.agents.create({ name: 'Ava' });
    const refund = await agent.guidelines.create({
      condition: 'the customer asks for a refund',
      action: 'explain the refund policy',
      criticality: 'medium',
    });
    const session = await agent.createSession();
    await conduct.engine.postCustomerMessage(session.id, { message: 'I want my money back.' });
    await conduct.engine.idle(session.id);

    const [record] = await conduct.store.turns.list(session.id);
    expect(record?.verdicts.find((v) => v.entity.id === refund.id)?.matched).toBeNull();
    expect(record?.errors).toContainEqual(
      expect.objectContaining({
        code: 'guideline_unevaluated',
        entity: { type: 'guideline', id: refund.id },
        message: expect.stringContaining('item 0 was not asked'),
      }),
    );
  });

  it('leaves the items a list omits unevaluated when it names an item twice', async () => {
    const model = createScriptedModel().on('actionable', {
      applies: [
        { n: 2, why: 'first reason' },
        { n: 2, why: 'second reason' },
      ],
    });
    const result = await runMatchingTask(
      actionableTask,
      rules(4),
      turnContext({ model, conversation }),
    );
    expect(result.verdicts).toEqual([
      { guidelineId: 'g2', matched: true, rationale: 'first reason' },
    ]);
    expect(result.unevaluated).toEqual(
      ['g1', 'g3', 'g4'].map((guidelineId) => ({
        guidelineId,
        error: 'the model answered item 2 twice',
      })),
    );
  });
});

describe('the per-item verdict shape', () => {
  const perItem = (verdicts: Record<number, boolean>) => ({
    items: Object.entries(verdicts).map(([n, applies]) => ({
      n: Number(n),
      reason: 'scripted',
      applies,
    })),
  });

  it('asks small batches item by item, and larger ones for the list of matches', async () => {
    const model = createScriptedModel().on('actionable', (request) =>
      itemsOf(request).length <= 3 ? perItem({ 1: true, 2: false, 3: false }) : { applies: [] },
    );
    const small = await runMatchingTask(
      actionableTask,
      rules(3),
      turnContext({ model, conversation }),
    );
    await runMatchingTask(actionableTask, rules(4), turnContext({ model, conversation }));
    const [first, second] = model.callsFor('actionable');
    expect(first?.messages[0]?.content).toContain('Answer every item, in order');
    expect(first?.messages[0]?.content).toContain('"items":[{"n":1,"reason":');
    expect(first?.messages[0]?.content).not.toContain('List only the items');
    expect(schemaOf(first).properties).toHaveProperty('items');
    expect(second?.messages[0]?.content).toContain('List only the items that hold');
    expect(schemaOf(second).properties).toHaveProperty('applies');
    expect(small.verdicts).toEqual([
      { guidelineId: 'g1', matched: true, rationale: 'scripted' },
      { guidelineId: 'g2', matched: false, rationale: 'scripted' },
      { guidelineId: 'g3', matched: false, rationale: 'scripted' },
    ]);
  });

  it('takes its threshold from the options (0: always the list)', async () => {
    const model = createScriptedModel().on('observation', { applies: [] });
    await runMatchingTask(observationTask, rules(2), turnContext({ model, conversation }), {
      perItemUpTo: 0,
    });
    expect(schemaOf(model.callsFor('observation')[0]).properties).toHaveProperty('applies');
  });

  it('is used for every batch of a task routed to a model marked small', async () => {
    const tiny = createScriptedModel({ modelId: 'tiny' }).on('actionable', (request) =>
      perItem(Object.fromEntries(itemsOf(request).map(([n]) => [n, n === 5]))),
    );
    const big = createScriptedModel({ modelId: 'big' });
    const router = createModelRouter({
      default: big,
      tasks: { actionable: { model: tiny, small: true } },
      hedging: false,
    });
    const result = await runMatchingTask(
      actionableTask,
      rules(8),
      turnContext({ model: router, conversation }),
    );
    expect(tiny.callsFor('actionable')).toHaveLength(1);
    expect(schemaOf(tiny.callsFor('actionable')[0]).properties).toHaveProperty('items');
    expect(result.verdicts.filter((v) => v.matched).map((v) => v.guidelineId)).toEqual(['g5']);
  });

  it('leaves an item the answer forgets unevaluated, with the reason', async () => {
    const model = createScriptedModel().on('actionable', perItem({ 1: false, 3: true }));
    const result = await runMatchingTask(
      actionableTask,
      rules(3),
      turnContext({ model, conversation }),
    );
    expect(result.verdicts.map((v) => [v.guidelineId, v.matched])).toEqual([
      ['g1', false],
      ['g3', true],
    ]);
    expect(result.unevaluated).toEqual([
      { guidelineId: 'g2', error: 'the model gave no verdict for it' },
    ]);
  });
});
