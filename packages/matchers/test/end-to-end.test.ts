import { createConduct, generateTraceId } from '@conduct/core';
import { createScriptedModel, type ScriptedModelCall } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultStrategies } from '../src/default-strategies.js';
import { MATCHING_TASK_NAMES } from '../src/routing.js';
import { matchesByText, numbersByText } from './fixtures.js';

const QUESTION = 'Would you like to return the laptop, or have it repaired under warranty?';

async function setup() {
  const model = createScriptedModel({ latencyMs: 30 })
    .on('observation', matchesByText('shopping for a business'))
    .on('actionable', matchesByText('discounts'))
    .on('reapply', matchesByText())
    .on('reapply-customer-dependent', matchesByText('order number'))
    .on('low-criticality', numbersByText('weather'))
    .on('disambiguation', {
      checks: [{ n: 1, why: 'flickering screen', applies: true, fits: ['a', 'b'], ask: QUESTION }],
    })
    .on('compose', 'Happy to help!');
  const conduct = createConduct({ model, strategies: defaultStrategies() });
  const agent = await conduct.agents.create({ name: 'Ava', description: 'Support for Voltmart' });
  const create = agent.guidelines.create;
  const g = {
    business: await create({ condition: 'the customer is shopping for a business' }),
    discount: await create({
      condition: 'the customer asks about discounts',
      action: 'mention the bulk discount',
    }),
    greet: await create({
      condition: 'the customer greets the agent',
      action: 'greet them back warmly',
    }),
    orderNumber: await create({
      condition: 'the customer asks about an existing order',
      action: 'ask for the order number',
    }),
    weather: await create({
      condition: 'the customer mentions the weather',
      action: 'make a brief friendly remark about it',
      criticality: 'low',
    }),
    faulty: await create({
      condition: 'the customer reports a faulty product without saying what they want done',
    }),
    returns: await create({
      condition: 'the customer wants to return a product',
      action: 'start a return',
      title: 'returning the laptop',
    }),
    repair: await create({
      condition: 'the customer wants a warranty repair',
      action: 'book a repair',
      title: 'a warranty repair',
    }),
  };
  await g.faulty.disambiguates([g.returns, g.repair]);
  await conduct.store.guidelines.update(g.orderNumber.id, {
    classification: {
      customerDependent: true,
      continuous: false,
      contentHash: 'author',
      source: 'author',
    },
  });

  // An earlier exchange in which the agent greeted and asked for the order number.
  const session = await agent.createSession();
  const earlier = generateTraceId();
  const say = (source: 'customer' | 'ai_agent', message: string) =>
    conduct.store.events.append(session.id, {
      kind: 'message',
      source,
      traceId: earlier,
      data: {
        message,
        participant: { id: null, display_name: source === 'customer' ? 'Dana' : 'Ava' },
      },
    });
  await say('customer', 'Hi! Where is my order?');
  await say('ai_agent', 'Hello! Could you give me the order number?');
  const appliedAt = new Date().toISOString();
  await conduct.store.sessions.update(session.id, {
    state: {
      ...session.state,
      appliedGuidelines: [g.greet, g.orderNumber].map((h) => ({
        guidelineId: h.id,
        traceId: earlier,
        appliedAt,
        count: 1,
      })),
    },
  });
  return { model, conduct, session, g };
}

const prompt = (call: ScriptedModelCall | undefined) =>
  call?.messages.map((message) => message.content).join('\n') ?? '';

describe('a turn with defaultStrategies()', () => {
  it('makes one call per task in a single parallel wave, then composes with the matches', async () => {
    const { model, conduct, session, g } = await setup();
    await conduct.engine.postCustomerMessage(session.id, {
      message:
        "Lovely sunny weather today! My new laptop's screen flickers. Also, I'm buying for my company — any discounts?",
    });
    await conduct.engine.idle(session.id);

    for (const task of MATCHING_TASK_NAMES) expect(model.callsFor(task)).toHaveLength(1);
    const matching = model.calls.filter((call) => call.task !== 'compose');
    expect(matching).toHaveLength(MATCHING_TASK_NAMES.length);
    const lastStart = Math.max(...matching.map((call) => Date.parse(call.startedAt)));
    const firstEnd = Math.min(...matching.map((call) => Date.parse(call.endedAt ?? '')));
    const lastEnd = Math.max(...matching.map((call) => Date.parse(call.endedAt ?? '')));
    expect(lastStart).toBeLessThanOrEqual(firstEnd);
    const [compose] = model.callsFor('compose');
    expect(Date.parse(compose?.startedAt ?? '')).toBeGreaterThanOrEqual(lastEnd);

    const [record] = await conduct.store.turns.list(session.id);
    const strategyOf = new Map(record?.verdicts.map((v) => [v.entity.id, v.strategy]));
    expect(
      Object.fromEntries(Object.entries(g).map(([key, h]) => [key, strategyOf.get(h.id)])),
    ).toEqual({
      business: 'observation',
      discount: 'actionable',
      greet: 'reapply',
      orderNumber: 'reapply-customer-dependent',
      weather: 'low-criticality',
      faulty: 'disambiguation',
      returns: 'actionable',
      repair: 'actionable',
    });
    expect(new Set(record?.matched.guidelines)).toEqual(
      new Set([g.business.id, g.discount.id, g.orderNumber.id, g.weather.id, g.faulty.id]),
    );

    const composePrompt = prompt(compose);
    expect(composePrompt).toContain('Note: the customer is shopping for a business');
    expect(composePrompt).toContain('mention the bulk discount');
    expect(composePrompt).toContain('ask for the order number');
    expect(composePrompt).toContain('make a brief friendly remark about it');
    expect(composePrompt).toContain(`Ask: ${QUESTION}`);
    expect(composePrompt).not.toContain('greet them back warmly');
    expect(composePrompt).not.toContain('start a return');

    expect(prompt(model.callsFor('reapply-customer-dependent')[0])).toContain(
      '1. applied once earlier in this conversation, in the agent reply just before the latest customer message',
    );
  });
});
