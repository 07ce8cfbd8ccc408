import { describe, expect, it } from 'vitest';
import { DEFAULT_NO_MATCH_REPLY } from '../../src/canned/canned-options.js';
import { scripted } from '../../src/testing/model-script.js';
import { sequence } from '../engine/harness.js';
import { agentTexts, cannedSetup } from './canned-harness.js';
import { choose, orderStatusTool } from './fixtures.js';

const DRAFT = 'Your order 4411 is on its way and should arrive Friday.';

/** An agent in `mode` with an order guideline + tool and three templates (one unfillable). */
async function orderScenario(mode: 'canned_fluid' | 'composited_canned' | 'strict_canned') {
  const t = await cannedSetup({ compositionMode: mode });
  await t.agent.guidelines.create({
    condition: 'the customer asks where their order is',
    action: 'look up the order status',
    tools: [orderStatusTool()],
  });
  const ships = await t.agent.cannedResponses.create({
    value: 'Your order {{order_id}} ships {{eta}}.',
  });
  const carrier = await t.agent.cannedResponses.create({
    value: 'Your parcel is with {{order.carrier}}, {{std.customer.name}}.',
  });
  const refund = await t.agent.cannedResponses.create({
    value: 'Refund {{refund_id}} has been processed.',
  });
  t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '4411' } }] });
  return { ...t, ships, carrier, refund };
}

describe('canned_fluid', () => {
  it('drafts, then sends the template that conveys the draft, with draft and canned_responses on the event', async () => {
    const t = await orderScenario('canned_fluid');
    t.model.on('compose', DRAFT).on('canned-select', choose('ships'));
    await t.say('where is my order 4411?');

    const [reply] = await t.replies();
    expect(reply?.data).toMatchObject({
      message: 'Your order 4411 ships Friday.',
      draft: DRAFT,
      canned_responses: [[t.ships.id, 'Your order 4411 ships Friday.']],
    });
    // Candidates are shown filled; the unfillable one is never shown.
    const prompt = t.promptOf('canned-select');
    expect(prompt).toContain(DRAFT);
    expect(prompt).toContain('Your parcel is with DHL, Dana.');
    expect(prompt).not.toContain('Refund');
    const record = await t.lastRecord();
    expect(record.composition).toMatchObject({
      mode: 'canned_fluid',
      modeSource: null,
      outcome: 'template',
      chosen: t.ships.id,
      candidates: expect.arrayContaining([t.ships.id, t.carrier.id]),
    });
    expect(record.composition?.candidates).not.toContain(t.refund.id);
    expect(record.composition?.excluded).toEqual([
      { id: t.refund.id, reason: expect.stringContaining('refund_id') },
    ]);
    expect(sequence(await t.events()).slice(-4)).toEqual([
      'status:processing(Articulating)',
      'status:typing',
      'message:ai_agent',
      'status:ready',
    ]);
  });

  it('sends the draft when the best template only fits partially', async () => {
    const t = await orderScenario('canned_fluid');
    t.model.on('compose', DRAFT).on('canned-select', choose('ships', { fit: 'partial' }));
    await t.say('where is my order 4411?');
    const [reply] = await t.replies();
    expect(reply?.data).toMatchObject({ message: DRAFT, draft: DRAFT, canned_responses: [] });
    expect((await t.lastRecord()).composition?.outcome).toBe('draft');
  });

  it('records a choice of a template that was not shown as an invalid answer, and sends the draft', async () => {
    const t = await orderScenario('canned_fluid');
    t.model.on('compose', DRAFT).on('canned-select', { choice: 3, fit: 'full', fields: [] });
    await t.say('where is my order 4411?');
    expect((await t.replies())[0]?.data.message).toBe(DRAFT);
    const record = await t.lastRecord();
    expect(record.composition).toMatchObject({
      outcome: 'draft',
      reason: expect.stringContaining('template 3 was not shown'),
    });
    expect(record.errors).toEqual([
      expect.objectContaining({
        stage: 'canned-select',
        message: expect.stringContaining('1 to 2'),
      }),
    ]);
  });

  it('composes fluidly, with no selection call, when no template can be used', async () => {
    const t = await cannedSetup({ compositionMode: 'canned_fluid' });
    await t.agent.cannedResponses.create({ value: 'Refund {{refund_id}} has been processed.' });
    t.model.on('compose', 'Hello Dana!');
    await t.say('hello');
    const [reply] = await t.replies();
    expect(reply?.data.message).toBe('Hello Dana!');
    expect(t.model.callsFor('canned-select')).toHaveLength(0);
    expect((await t.lastRecord()).composition).toMatchObject({ outcome: 'draft', candidates: [] });
  });
});

describe('composited_canned', () => {
  it('restyles the draft in the approved wording and names the templates used', async () => {
    const t = await orderScenario('composited_canned');
    t.model.on('compose', DRAFT).on('canned-restyle', (request) => {
      const prompt = request.messages.map((m) => m.content).join('\n');
      const line = prompt.split('\n').find((l) => l.includes('ships Friday')) ?? '';
      return { text: 'Your order 4411 ships Friday. Thanks for waiting!', used: [Number(line[1])] };
    });
    await t.say('where is my order 4411?');
    const [reply] = await t.replies();
    expect(reply?.data).toMatchObject({
      message: 'Your order 4411 ships Friday. Thanks for waiting!',
      draft: DRAFT,
      canned_responses: [[t.ships.id, 'Your order 4411 ships Friday.']],
    });
    expect(t.promptOf('canned-restyle')).toContain(DRAFT);
    expect((await t.lastRecord()).composition?.outcome).toBe('restyled');
  });

  it('falls back to the draft when the rewrite fails', async () => {
    const t = await orderScenario('composited_canned');
    t.model.on('compose', DRAFT).on('canned-restyle', scripted.fail('overloaded'));
    await t.say('where is my order 4411?');
    expect((await t.replies())[0]?.data.message).toBe(DRAFT);
  });
});

describe('strict_canned', () => {
  it('decides in one call from the full context (no draft call) and sends the template', async () => {
    const t = await orderScenario('strict_canned');
    t.model.on('canned-strict', choose('parcel', { draft: 'Say it is with DHL.' }));
    await t.say('where is my order 4411?');
    const [reply] = await t.replies();
    expect(reply?.data).toMatchObject({
      message: 'Your parcel is with DHL, Dana.',
      draft: 'Say it is with DHL.',
      canned_responses: [[t.carrier.id, 'Your parcel is with DHL, Dana.']],
    });
    expect(t.model.callsFor('compose')).toHaveLength(0);
    // The strict prompt carries what a draft prompt would: guidelines and tool results.
    expect(t.promptOf('canned-strict')).toContain('look up the order status');
    expect(t.promptOf('canned-strict')).toContain('"status":"shipped"');
  });

  it('never sends free text: a model answering in prose gets the no-match reply', async () => {
    const t = await orderScenario('strict_canned');
    t.model.on('canned-strict', scripted.invalid('Sure! Your order 4411 arrives Friday.'));
    await t.say('where is my order 4411?');
    const texts = agentTexts(await t.events());
    expect(texts).toEqual([DEFAULT_NO_MATCH_REPLY]);
    expect((await t.lastRecord()).composition).toMatchObject({
      outcome: 'no-match',
      chosen: null,
      reason: expect.stringContaining('did not answer with a valid choice'),
    });
  });

  it('records a choice of a template that was not shown as an invalid answer', async () => {
    const t = await orderScenario('strict_canned');
    t.model.on('canned-strict', { draft: 'x', choice: 9, fit: 'full', fields: [] });
    await t.say('where is my order 4411?');
    expect(agentTexts(await t.events())).toEqual([DEFAULT_NO_MATCH_REPLY]);
    const record = await t.lastRecord();
    expect(record.composition?.reason).toContain('template 9 was not shown');
    expect(record.errors).toEqual([
      expect.objectContaining({
        stage: 'canned-strict',
        message: expect.stringContaining('the templates are numbered 1 to 2 (0 = none)'),
      }),
    ]);
  });

  it.each([
    ['an index out of range', { draft: 'x', choice: 9, fit: 'full', fields: [] }],
    ['a negative index', { draft: 'x', choice: -1, fit: 'full', fields: [] }],
    ['"none"', { draft: 'Your order 4411 arrives Friday!', choice: 0, fit: 'none', fields: [] }],
    ['a fit of "none" with a valid index', { draft: 'x', choice: 1, fit: 'none', fields: [] }],
  ])('sends the no-match reply for %s', async (_label, answer) => {
    const t = await orderScenario('strict_canned');
    t.model.on('canned-strict', answer);
    await t.say('where is my order 4411?');
    expect(agentTexts(await t.events())).toEqual([DEFAULT_NO_MATCH_REPLY]);
  });

  it("uses the agent's own no-match reply, then the engine option", async () => {
    const own = await cannedSetup({ compositionMode: 'strict_canned' });
    const noMatch = await own.agent.cannedResponses.setNoMatchReply(
      'Sorry {{std.customer.name}}, I can only help with orders here.',
    );
    await own.say('tell me a joke');
    const [reply] = await own.replies();
    expect(reply?.data).toMatchObject({
      message: 'Sorry Dana, I can only help with orders here.',
      canned_responses: [[noMatch.id, 'Sorry Dana, I can only help with orders here.']],
    });
    // No usable template at all: no model call is needed to know the answer.
    expect(own.model.calls).toHaveLength(0);

    const configured = await cannedSetup(
      { compositionMode: 'strict_canned' },
      { canned: { noMatchReply: (context) => `Not here, ${context.customer.name}.` } },
    );
    await configured.say('tell me a joke');
    expect((await configured.replies())[0]?.data.message).toBe('Not here, Dana.');
  });

  it('draft-first: a fluid draft, then selection, and still never the draft itself', async () => {
    const t = await cannedSetup(
      { compositionMode: 'strict_canned' },
      { canned: { strictSelection: 'draft-first' } },
    );
    await t.agent.cannedResponses.create({ value: 'We are open 9 to 5.' });
    t.model.on('compose', 'We open at nine, see you!').on('canned-select', scripted.invalid());
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual([DEFAULT_NO_MATCH_REPLY]);

    t.model.on('canned-select', choose('open 9', { fit: 'partial' }));
    await t.say('when do you open?');
    const replies = await t.replies();
    expect(replies[1]?.data).toMatchObject({
      message: 'We are open 9 to 5.',
      draft: 'We open at nine, see you!',
    });
  });

  it('fails the turn (never improvises) when the model is unreachable', async () => {
    const t = await orderScenario('strict_canned');
    t.model.on('canned-strict', scripted.fail('connection reset'));
    await t.say('where is my order 4411?');
    expect(agentTexts(await t.events())).toEqual([]);
    expect(sequence(await t.events()).slice(-2)).toEqual(['status:error', 'status:ready']);
  });
});
