import { createConduct, createMemoryStore, type ToolContext } from '@conduct/core';
import { createScriptedModel, type ScriptedRequest } from '@conduct/core/testing';
import { defaultMatchers } from '@conduct/matchers';
import { describe, expect, it } from 'vitest';
import setup, { VOLTMART_AGENT_ID } from '../agents/electronics-store/index.js';
import { WARRANTY_CLAIM_JOURNEY_ID } from '../agents/electronics-store/journeys/warranty-claim.js';
import { escalateToHuman } from '../agents/electronics-store/tools/escalate-to-human.js';
import { membershipTier } from '../agents/electronics-store/tools/membership-tier.js';
import { orderStatus } from '../agents/electronics-store/tools/order-status.js';
import { startReturn } from '../agents/electronics-store/tools/start-return.js';
import { warrantyLookup } from '../agents/electronics-store/tools/warranty-lookup.js';
import { createUnconfiguredModel } from '../src/index.js';

const context: ToolContext = {
  agentId: VOLTMART_AGENT_ID,
  sessionId: 'session-1',
  customerId: 'guest',
  traceId: '0'.repeat(32),
  signal: new AbortController().signal,
};

async function counts(store: ReturnType<typeof createMemoryStore>) {
  const guidelines = await store.guidelines.list();
  const journeys = await store.journeys.list();
  return {
    agents: (await store.agents.list()).length,
    guidelines: guidelines.length,
    observations: guidelines.filter((guideline) => guideline.action === null).length,
    journeyScoped: guidelines.filter((guideline) =>
      guideline.tags.includes(`journey:${WARRANTY_CLAIM_JOURNEY_ID}`),
    ).length,
    relationships: (await store.relationships.list()).length,
    journeys: journeys.map((journey) => `${journey.id}: ${journey.states.length} states`),
    terms: (await store.terms.list()).map((term) => term.name).sort(),
    capabilities: (await store.capabilities.list()).length,
    variables: (await store.variables.list()).map((variable) => variable.name),
    cannedResponses: (await store.cannedResponses.list()).length,
  };
}

/** The prompt of a model call, as one text. */
const promptOf = (request: Pick<ScriptedRequest, 'messages'>) =>
  request.messages.map((message) => message.content).join('\n');

/** A `journey-step` answer taking the first move whose text contains `phrase`, else staying. */
const moveTo = (phrase: string) => (request: ScriptedRequest) => {
  const move = [...promptOf(request).matchAll(/^(\d+)\. (.*)$/gm)].find((line) =>
    line[2]!.includes(phrase),
  );
  return { why: 'scripted', back: null, next: move?.[1] ?? 'stay' };
};

/**
 * A matching answer naming the numbered items whose text contains `phrase`: as the list of
 * matches, or item by item when the call asks for that (small batches).
 */
const matching = (phrase: string) => (request: ScriptedRequest) => {
  const items = [...promptOf(request).matchAll(/^(\d+)\. (.*)$/gm)].map((item) => ({
    n: Number(item[1]),
    applies: item[2]!.includes(phrase),
  }));
  if (asksPerItem(request)) {
    const section = /<items>\n([\s\S]*?)\n<\/items>/.exec(promptOf(request))?.[1] ?? '';
    return {
      items: [...section.matchAll(/^(\d+)\. (.*)$/gm)].map((item) => ({
        n: Number(item[1]),
        reason: 'the customer says so',
        applies: item[2]!.includes(phrase),
      })),
    };
  }
  return {
    applies: items
      .filter((item) => item.applies)
      .map((item) => ({ n: item.n, why: 'the customer says so' })),
  };
};

/** Whether a matching call asks for a verdict on every item rather than the list of matches. */
const asksPerItem = (request: ScriptedRequest) => {
  const schema = (request.request as { schema?: { shape?: object } }).schema;
  return schema?.shape !== undefined && 'items' in schema.shape;
};

/** A matching answer in which nothing applies, in the shape the call asks for. */
const nothing = (request: ScriptedRequest) =>
  asksPerItem(request) ? matching('\u0000')(request) : { applies: [] };

describe('the example agent (Voltmart support)', () => {
  it('loads idempotently: setup twice on one store defines everything once', async () => {
    const store = createMemoryStore();
    const make = () =>
      createConduct({ store, model: createUnconfiguredModel(), ...defaultMatchers() });
    const first = make();
    await setup(first);
    const once = await counts(store);
    expect(once).toEqual({
      agents: 1,
      guidelines: 14,
      observations: 2,
      journeyScoped: 1,
      relationships: 12,
      journeys: [`${WARRANTY_CLAIM_JOURNEY_ID}: 7 states`],
      terms: ['RMA', 'Voltmart Plus', 'open-box'],
      capabilities: 4,
      variables: ['membership'],
      cannedResponses: 2,
    });
    expect(first.tools.tools.map((tool) => tool.name).sort()).toEqual([
      'escalate_to_human',
      'membership_tier',
      'order_status',
      'start_return',
      'warranty_lookup',
    ]);
    await setup(first); // same process, same Conduct
    await setup(make()); // a restart on the same store
    expect(await counts(store)).toEqual(once);
    expect((await first.agents.get(VOLTMART_AGENT_ID)).agent.name).toBe('Ava');
  });

  it('turns the claim guideline of an older store into the journey-scoped one', async () => {
    const store = createMemoryStore();
    const conduct = createConduct({
      store,
      model: createUnconfiguredModel(),
      ...defaultMatchers(),
    });
    const agent = await conduct.agents.create({ id: VOLTMART_AGENT_ID, name: 'Ava' });
    await agent.guidelines.create({
      id: 'voltmart-warranty-claim',
      condition: 'the customer says a product stopped working and wants it repaired or replaced',
      action: 'check the unit is still under warranty by its serial number',
    });
    await setup(conduct);
    const claim = await store.guidelines.get('voltmart-warranty-claim');
    expect(claim.tags).toContain(`journey:${WARRANTY_CLAIM_JOURNEY_ID}`);
    expect(claim.condition).toContain('how the claim works');
  });

  it('reads the membership tier of the session customer', async () => {
    const as = (customerId: string) => ({ ...context, customerId });
    expect(await membershipTier.run(as('cus-dana-whitfield'), {})).toEqual({
      data: { tier: 'Voltmart Plus' },
    });
    expect(await membershipTier.run(as('cus-marco-rossi'), {})).toEqual({
      data: { tier: 'standard' },
    });
    expect(await membershipTier.run(context, {})).toMatchObject({ data: { tier: 'unknown' } });
  });

  it('looks up orders in the sample data, only for the customer who placed them', async () => {
    const priya = { ...context, customerId: 'cus-priya-nair' };
    expect(await orderStatus.run(priya, { order_id: 'vm-10423' })).toMatchObject({
      data: {
        found: true,
        order_id: 'VM-10423',
        status: 'shipped',
        carrier: 'UPS',
        items: ['Lumen 55" 4K TV'],
      },
    });
    expect(await orderStatus.run(priya, { order_id: 'VM-99999' })).toMatchObject({
      data: { found: false },
    });
  });

  it('never shows an order to a guest or to another customer', async () => {
    const guest = await orderStatus.run(context, { order_id: 'VM-10423' });
    expect(guest).toEqual({
      data: { found: false, order_id: 'VM-10423', note: expect.stringContaining('sign in') },
    });
    const marco = { ...context, customerId: 'cus-marco-rossi' };
    const other = await orderStatus.run(marco, { order_id: 'VM-10423' });
    // Someone else's order reads exactly like a number that does not exist.
    const missing = await orderStatus.run(marco, { order_id: 'VM-99999' });
    expect(JSON.stringify(other)).toBe(JSON.stringify(missing).replace('VM-99999', 'VM-10423'));
    for (const result of [guest, other]) {
      expect(JSON.stringify(result)).not.toMatch(/UPS|1Z999|Lumen|shipped/);
    }
    expect(
      await startReturn.run(marco, {
        order_id: 'VM-10421',
        product: 'QuietPro 2',
        reason: 'defective',
      }),
    ).toEqual({ data: { started: false, reason: 'There is no order VM-10421 on this account.' } });
    expect(
      await startReturn.run(context, {
        order_id: 'VM-10421',
        product: 'QuietPro 2',
        reason: 'defective',
      }),
    ).toMatchObject({ data: { started: false, note: expect.stringContaining('sign in') } });
    // The warranty goes with the unit; the order it came with is named only to its owner.
    const unit = await warrantyLookup.run(context, { serial_number: 'AERO14-22K-5512' });
    expect(unit).toMatchObject({ data: { found: true, in_warranty: true } });
    expect(JSON.stringify(unit)).not.toContain('VM-10422');
  });

  it('looks up warranties by serial number and by product', async () => {
    const marco = { ...context, customerId: 'cus-marco-rossi' };
    expect(await warrantyLookup.run(marco, { serial_number: 'AERO14-22K-5512' })).toMatchObject({
      data: {
        found: true,
        product: 'Aero 14 laptop',
        order_id: 'VM-10422',
        in_warranty: true,
        warranty_years: 2,
      },
    });
    expect(await warrantyLookup.run(context, { serial_number: 'AERO14-22K-5512' })).toMatchObject({
      cannedResponseFields: {
        product: 'Aero 14 laptop',
        serial_number: 'AERO14-22K-5512',
        covered_until: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/),
      },
    });
    expect(await warrantyLookup.run(context, { serial_number: 'NX2-0318-7781' })).toMatchObject({
      data: { found: true, in_warranty: false },
    });
    expect(await warrantyLookup.run(context, { product: 'quietpro' })).toMatchObject({
      data: { found: true, product: 'QuietPro 2 wireless headphones' },
    });
  });

  it('starts returns only inside the 30-day window, once per item', async () => {
    const as = (customerId: string) => ({ ...context, customerId });
    const args = { order_id: 'VM-10421', product: 'QuietPro 2', reason: 'changed_mind' } as const;
    const started = await startReturn.run(as('cus-dana-whitfield'), args);
    expect(started).toMatchObject({
      data: {
        started: true,
        already_open: false,
        label: expect.stringContaining('da***@example.com'),
      },
    });
    const again = await startReturn.run(as('cus-dana-whitfield'), args);
    expect(again).toMatchObject({ data: { started: true, already_open: true } });
    expect(startReturn.consequential).toBe(true);

    const late = await startReturn.run(as('cus-marco-rossi'), {
      order_id: 'VM-10422',
      product: 'Aero 14',
      reason: 'defective',
    });
    expect(late).toMatchObject({
      data: { started: false, reason: expect.stringContaining('outside the 30-day return window') },
      guidelines: [{ action: expect.stringContaining('warranty claim') }],
    });
    const undelivered = await startReturn.run(as('cus-priya-nair'), {
      order_id: 'VM-10423',
      product: 'Lumen',
      reason: 'changed_mind',
    });
    expect(undelivered).toMatchObject({
      data: { started: false, reason: expect.stringContaining('not delivered yet') },
    });
  });

  it('hands the session to a human', async () => {
    expect(
      await escalateToHuman.run(context, { summary: 'Wants a manager about a late TV' }),
    ).toMatchObject({
      control: { mode: 'manual' },
      data: { handed_over: true },
    });
  });

  it('shows the model names people use, never internal ids', async () => {
    const model = createScriptedModel()
      .on('actionable', matching('where their order is'))
      .on('observation', { applies: [] })
      .on('low-criticality', { applies: [] })
      .on('tool-call', { reason: 'scripted', calls: [{ arguments: { order_id: 'VM-10423' } }] })
      .on('compose', 'Your TV is on its way with UPS.');
    const conduct = createConduct({
      model,
      ...defaultMatchers({
        relevanceFilter: false,
        responseAnalyzer: false,
        guidelineClassifier: false,
      }),
    });
    await setup(conduct);
    const agent = await conduct.agents.get(VOLTMART_AGENT_ID);
    // A session may name a customer the store does not know (as the quick start does).
    const session = await agent.createSession({ customerId: 'cus-priya-nair' });
    await conduct.engine.postCustomerMessage(session.id, {
      message: 'Where is my order VM-10423?',
    });
    await conduct.engine.idle(session.id);

    const events = await conduct.store.events.list(session.id);
    const tool = events.find((event) => event.kind === 'tool');
    expect(tool?.data.tool_calls[0]).toMatchObject({
      tool_id: 'local:order_status', // the record keeps the exact reference
      result: { data: { found: true, status: 'shipped' } },
    });
    expect(events[0]?.data).toMatchObject({ participant: { display_name: 'Guest' } });
    expect(model.callsFor('tool-call')).toHaveLength(1);
    for (const call of model.calls) {
      expect(promptOf(call), call.task).not.toContain('local:');
      expect(promptOf(call), call.task).not.toContain('cus-');
    }
    const compose = promptOf(model.callsFor('compose')[0]!);
    expect(compose).toContain('Tool order_status({"order_id":"VM-10423"}) returned');
    expect(compose).toContain('Customer (Guest): Where is my order VM-10423?');
  });

  it('runs a warranty claim: asks for the serial, looks it up, confirms in approved wording', async () => {
    const model = createScriptedModel()
      .on('observation', matching('stopped working'))
      .on('actionable', nothing)
      .on('low-criticality', { applies: [] })
      .on('compose', 'Sorry to hear that! What is the serial number of the headphones?');
    const conduct = createConduct({
      model,
      ...defaultMatchers({
        relevanceFilter: false,
        responseAnalyzer: false,
        guidelineClassifier: false,
      }),
    });
    await setup(conduct);
    await conduct.store.customers.create({ id: 'cus-dana-whitfield', name: 'Dana Whitfield' });
    const agent = await conduct.agents.get(VOLTMART_AGENT_ID);
    const session = await agent.createSession({ customerId: 'cus-dana-whitfield' });

    await conduct.engine.postCustomerMessage(session.id, {
      message: 'My QuietPro 2 headphones stopped working, can you repair them?',
    });
    await conduct.engine.idle(session.id);

    const { state } = await conduct.store.sessions.get(session.id);
    expect(state.journeys[WARRANTY_CLAIM_JOURNEY_ID]).toMatchObject({
      stateId: 'ask',
      outcome: 'active',
    });
    const compose = promptOf(model.callsFor('compose')[0]!);
    expect(compose).toContain('Ask for the serial number of the faulty unit');
    expect(compose).toContain('Warranty claims'); // the capability, by its "it stopped working" signal
    expect(compose).toContain('Voltmart Plus'); // the membership variable, refreshed for Dana
    const events = await conduct.store.events.list(session.id);
    const reply = events.find((event) => event.kind === 'message' && event.source === 'ai_agent');
    expect(reply?.data).toMatchObject({ message: expect.stringContaining('serial number') });
    // The trigger rode in the observation batch: starting the journey cost no call of its own.
    expect(model.calls.map((call) => call.task).sort()).toEqual([
      'actionable',
      'compose',
      'low-criticality',
      'observation',
    ]);
    // Judges are told whom they evaluate, never that they are Ava; the composer speaks as her.
    for (const call of model.calls.filter((candidate) => candidate.task !== 'compose')) {
      expect(promptOf(call), call.task).toContain('Agent under evaluation: Ava (');
      expect(promptOf(call), call.task).not.toContain('You are Ava');
    }
    expect(compose).toContain('Ava');
    const [record] = await conduct.store.turns.list(session.id);
    expect(record?.errors).toEqual([]);
    expect(record?.grounding.refreshes).toMatchObject([
      { name: 'membership', key: 'cus-dana-whitfield', status: 'refreshed' },
    ]);

    // The serial number: look it up, branch on the result, and confirm in the approved wording.
    model.clearCalls();
    model
      .queue('journey-step', moveTo('gave a serial number'), moveTo('is in warranty'))
      .on('tool-call', {
        reason: 'the claim flow needs the lookup',
        calls: [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }],
      })
      .on('canned-select', { choice: 1, fit: 'full', fields: [] });
    await conduct.engine.postCustomerMessage(session.id, { message: 'It is QP2-7731-0042.' });
    await conduct.engine.idle(session.id);
    expect((await conduct.store.sessions.get(session.id)).state.journeys).toMatchObject({
      [WARRANTY_CLAIM_JOURNEY_ID]: {
        stateId: 'covered',
        path: ['ask', 'lookup', 'coverage', 'covered'],
      },
    });
    const [, second] = await conduct.store.turns.list(session.id);
    expect(second?.composition).toMatchObject({
      mode: 'canned_fluid',
      modeSource: { type: 'journey-state', id: `${WARRANTY_CLAIM_JOURNEY_ID}:covered` },
      outcome: 'template',
    });
    const confirmed = (await conduct.store.events.list(session.id)).filter(
      (event) => event.kind === 'message' && event.source === 'ai_agent',
    );
    expect(confirmed.at(-1)?.data).toMatchObject({
      message: expect.stringMatching(
        /^Good news: your QuietPro 2 wireless headphones \(serial QP2-7731-0042\) is under warranty until \w+ \d+, \d{4}\./,
      ),
    });
  });
});
