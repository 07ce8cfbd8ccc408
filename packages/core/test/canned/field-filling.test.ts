import { describe, expect, it } from 'vitest';
import { DEFAULT_NO_MATCH_REPLY } from '../../src/canned/canned-options.js';
import { agentTag, GLOBAL_VARIABLE_KEY } from '../../src/domain/index.js';
import { agentTexts, cannedSetup } from './canned-harness.js';
import { choose, numberOf, orderStatusTool } from './fixtures.js';

describe('template fields', () => {
  it('fills fields from tool results of this turn and of earlier turns', async () => {
    const t = await cannedSetup({ compositionMode: 'strict_canned' });
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      action: 'look up the order status',
      tools: [orderStatusTool()],
    });
    await t.agent.cannedResponses.create({
      value: 'Order {{order_id}} is with {{order.carrier}}.',
    });
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '4411' } }] });
    t.model.on('canned-strict', choose('is with'));
    await t.say('where is my order 4411?');
    // Next turn: no tool runs, the fields come from the earlier tool event.
    await t.say('thanks, and the courier again?');
    expect((await t.replies()).map((reply) => reply.data.message)).toEqual([
      'Order 4411 is with DHL.',
      'Order 4411 is with DHL.',
    ]);
  });

  it("fills customer fields, the agent's name and variables", async () => {
    const t = await cannedSetup({ compositionMode: 'strict_canned' });
    const plan = await t.conduct.store.variables.create({
      name: 'Plan tier',
      tags: [agentTag(t.agent.id)],
    });
    await t.conduct.store.variables.setValue(plan.id, GLOBAL_VARIABLE_KEY, 'Premium');
    await t.agent.cannedResponses.create({
      value:
        "Hi {{std.customer.name}} ({{std.customer.metadata.tier}}), I'm {{std.agent.name}}; you are on {{std.variables.plan_tier}}.",
    });
    t.model.on('canned-strict', choose('Hi '));
    await t.say('hello');
    expect((await t.replies())[0]?.data.message).toBe(
      "Hi Dana (gold), I'm Ava; you are on Premium.",
    );
  });

  it('excludes templates whose fields or field dependencies cannot be filled, before selection', async () => {
    const t = await cannedSetup({ compositionMode: 'strict_canned' });
    const ok = await t.agent.cannedResponses.create({
      value: 'Happy to help, {{std.customer.name}}.',
    });
    const missingTool = await t.agent.cannedResponses.create({
      value: 'Order {{order_id}} shipped.',
    });
    const missingVariable = await t.agent.cannedResponses.create({
      value: 'Your plan: {{std.variables.plan}}.',
    });
    const dependency = await t.agent.cannedResponses.create({
      value: 'Your order shipped.',
      fieldDependencies: ['order_id'],
    });
    const objectField = await t.agent.cannedResponses
      .create({
        value: 'Details: {{std.customer.metadata}}.',
        id: 'object-field',
      })
      .catch(() => undefined);
    expect(objectField).toBeUndefined(); // not a known std field: rejected when defined
    t.model.on('canned-strict', choose('Happy'));
    await t.say('hello');

    const prompt = t.promptOf('canned-strict');
    expect(numberOf(prompt, 'Happy to help, Dana.')).toBe(1);
    expect(prompt).not.toContain('shipped');
    expect(prompt).not.toContain('Your plan');
    const record = await t.lastRecord();
    expect(record.composition?.candidates).toEqual([ok.id]);
    expect(new Map(record.composition?.excluded.map((e) => [e.id, e.reason]))).toEqual(
      new Map([
        [missingTool.id, expect.stringContaining('"order_id"')],
        [missingVariable.id, expect.stringContaining('no variable named "plan"')],
        [dependency.id, expect.stringContaining('field dependency')],
      ]),
    );
  });
});

describe('generative fields', () => {
  async function scenario(mode: 'canned_fluid' | 'strict_canned' = 'canned_fluid') {
    const t = await cannedSetup({ compositionMode: mode });
    await t.agent.cannedResponses.create({
      value: 'Good news, {{std.customer.name}}: {{generative.summary}}',
      fields: [{ name: 'summary', description: 'one-line summary of the news', examples: [] }],
    });
    await t.agent.cannedResponses.create({ value: 'Sorry about {{generative.problem}}.' });
    t.model.on('compose', 'Good news: it ships Friday.');
    return t;
  }

  it('are written in the selection call, for the chosen template only', async () => {
    const t = await scenario();
    t.model.on(
      'canned-select',
      choose('Good news', {
        fields: [
          { name: 'summary', value: 'it ships Friday.' },
          { name: 'problem', value: 'NOT USED' },
        ],
      }),
    );
    await t.say('any news?');
    expect((await t.replies())[0]?.data.message).toBe('Good news, Dana: it ships Friday.');
    expect(t.model.callsFor('canned-fields')).toHaveLength(0);
    // Selection saw open placeholders, not values written for every candidate.
    expect(t.promptOf('canned-select')).toContain('{{generative.summary}}');
    expect(t.promptOf('canned-select')).toContain('{{generative.problem}}');
  });

  it('missing from the selection answer are written by one canned-fields call for that template', async () => {
    const t = await scenario();
    t.model.on('canned-select', choose('Good news'));
    t.model.on('canned-fields', { fields: [{ name: 'summary', value: 'it ships Friday.' }] });
    await t.say('any news?');
    expect((await t.replies())[0]?.data.message).toBe('Good news, Dana: it ships Friday.');
    expect(t.model.callsFor('canned-fields')).toHaveLength(1);
    const prompt = t.promptOf('canned-fields');
    expect(prompt).toContain('one-line summary of the news');
    expect(prompt).not.toContain('Sorry about');
  });

  it('that stay missing give the no-match reply in strict mode (never a half-filled template)', async () => {
    const t = await scenario('strict_canned');
    t.model.on('canned-strict', choose('Good news', { draft: 'share the news' }));
    t.model.on('canned-fields', { fields: [{ name: 'summary', value: '{{std.agent.name}}' }] });
    await t.say('any news?');
    expect(agentTexts(await t.events())).toEqual([DEFAULT_NO_MATCH_REPLY]);
  });
});
