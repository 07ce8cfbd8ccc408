import { createConduct, type JourneyDefinition, type TurnRecord } from '@conduct/core';
import {
  answerPerItem,
  createScriptedModel,
  type PromptItem,
  type PromptView,
} from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultMatchers } from '../src/default-matchers.js';

// Evidence-based scripts: each judge answers as a careful but literal model would, from what
// its prompt shows. A rule the prompt does not state is a rule the judge does not apply.

/** An engine with the default matchers (response analysis included) and one agent. */
async function setup() {
  const model = createScriptedModel()
    .on('actionable', answerPerItem({ applies: () => false }))
    .on('observation', answerPerItem({ applies: () => false }))
    .on('response-analysis', answerPerItem({ applies: () => false }));
  const conduct = createConduct({ model, ...defaultMatchers({ relevanceFilter: false }) });
  const agent = await conduct.agents.create({ name: 'Ava', description: 'Support for Voltmart' });
  const session = await agent.createSession();
  const say = async (message: string, reply: string): Promise<TurnRecord> => {
    model.on('compose', reply);
    const { event } = await conduct.engine.postCustomerMessage(session.id, { message });
    await conduct.engine.idle(session.id);
    const [record] = await conduct.store.turns.list(session.id, { traceId: event.traceId });
    return record as TurnRecord;
  };
  const state = async () => (await conduct.store.sessions.get(session.id)).state;
  return { model, agent, say, state };
}

const verdictOf = (record: TurnRecord, id: string) =>
  record.verdicts.find((verdict) => verdict.entity.id === id);

describe("a condition about the agent's own next move", () => {
  // Literal judge: "the agent recommends a laptop" has not happened at the latest point, so it
  // holds only when the item is framed as the agent's next move, and the conversation makes
  // that move likely (the customer's latest message asks for a suggestion).
  const judge = (item: PromptItem, prompt: PromptView) =>
    item.text.includes('the agent recommends a laptop') &&
    item.text.includes("holds when the agent's next message is likely to do this") &&
    /which laptop would you suggest/i.test(
      prompt.section('conversation')?.split('\n').at(-1) ?? '',
    );

  it('is matched when the next message is likely to make that move', async () => {
    const t = await setup();
    t.model.on('actionable', answerPerItem({ applies: judge }));
    const warranty = await t.agent.guidelines.create({
      condition: 'the agent recommends a laptop',
      action: 'mention the two-year extended warranty',
      classification: { customerDependent: false, continuous: false, agentIntention: true },
    });
    const record = await t.say(
      'Which laptop would you suggest for video editing?',
      'The Vector 15 suits video editing; it can get a two-year extended warranty.',
    );
    expect(verdictOf(record, warranty.id)).toMatchObject({ strategy: 'actionable', matched: true });
    expect(record.matched.guidelines).toContain(warranty.id);

    // Not when the conversation gives the agent no reason to recommend anything.
    const later = await t.say('When do you open on Sunday?', 'We open at 10.');
    expect(verdictOf(later, warranty.id)).toMatchObject({ matched: false });
  });

  it('gets no such note when its condition is about the customer', async () => {
    const t = await setup();
    t.model.on('actionable', answerPerItem({ applies: judge }));
    await t.agent.guidelines.create({
      condition: 'the customer asks which laptop to buy',
      action: 'ask what they will use it for',
    });
    await t.say('Which laptop would you suggest for video editing?', 'What will you edit?');
    const [call] = t.model.callsFor('actionable');
    expect(call?.messages.map((m) => m.content).join('\n')).not.toContain(
      "About the agent's next move",
    );
  });
});

describe('an action with a part that waits for the customer', () => {
  const RETURN_RULE = {
    condition: 'the customer wants to return a product',
    action:
      'explain the 30-day return policy and, once they have confirmed the order number, start the return',
  };
  // The classifier labels it customer-dependent (a part waits for the customer's answer); an
  // author may not, which sends it to the plain re-apply check.
  const routes = [
    { customerDependent: true, task: 'reapply-customer-dependent' },
    { customerDependent: false, task: 'reapply' },
  ] as const;

  it.each(routes)(
    'is applied once the possible part is done, and re-applies when the customer answers ($task)',
    async ({ customerDependent, task }) => {
      const t = await setup();
      const returns = await t.agent.guidelines.create({
        ...RETURN_RULE,
        classification: { customerDependent, continuous: false },
      });
      t.model
        .on(
          'actionable',
          answerPerItem({
            applies: (item, prompt) =>
              item.text.includes('wants to return') && prompt.shows('return', 'conversation'),
          }),
        )
        // Literal analysis: the return was not started, so the action counts as applied only
        // if the prompt says a part waiting for the customer is not required yet.
        .on(
          'response-analysis',
          answerPerItem({
            applies: (item, prompt) =>
              item.text.includes('start the return') &&
              prompt.shows('within 30 days', 'reply') &&
              (prompt.shows('return has been started', 'reply') ||
                prompt.shows('a part that waits for the customer', 'instructions')),
          }),
        )
        // Literal re-apply judge: a confirmation is "the same matter" unless the prompt says
        // that a part waiting for the customer applies once they gave what it waited for.
        .on(
          task,
          answerPerItem({
            applies: (item, prompt) =>
              item.text.includes('start the return') &&
              prompt.shows(/Yes, it is order VM-1/, 'conversation') &&
              prompt.shows('a part of its action was waiting for the customer', 'instructions'),
          }),
        );

      await t.say(
        'I would like to return my headphones.',
        'You can return them within 30 days of delivery for a full refund. Could you confirm the order number?',
      );
      const applied = (await t.state()).appliedGuidelines.map((entry) => entry.guidelineId);
      expect(applied).toContain(returns.id);

      const confirmed = await t.say(
        'Yes, it is order VM-1.',
        'Thanks! The return of order VM-1 has been started.',
      );
      expect(verdictOf(confirmed, returns.id)).toMatchObject({ strategy: task, matched: true });
    },
  );
});

describe('a journey trigger with two parts', () => {
  const repairJourney: JourneyDefinition = {
    id: 'repair',
    title: 'Warranty repair',
    triggers: ['the customer reports a defect and the product was bought less than 2 years ago'],
    states: [
      { id: 'serial', type: 'chat', instruction: 'Ask for the serial number' },
      { id: 'book', type: 'chat', instruction: 'Offer a repair slot' },
    ],
    transitions: [{ from: 'serial', to: 'book', condition: 'the customer gave a serial number' }],
  };
  // A judge that reads only the first part of a condition unless told that every part must
  // hold; told so, it also checks when the product was bought.
  const halfReader = answerPerItem({
    applies: (item, prompt) => {
      if (!item.text.includes('reports a defect')) return false;
      const defect = prompt.shows('stopped working', 'conversation');
      const everyPart = prompt.shows('holds only when every part holds', 'instructions');
      return defect && (!everyPart || prompt.shows('bought it last year', 'conversation'));
    },
  });

  it('starts the journey only when both parts hold', async () => {
    for (const [bought, starts] of [
      ['I bought it three years ago', false],
      ['I bought it last year', true],
    ] as const) {
      const t = await setup();
      t.model.on('observation', halfReader);
      await t.agent.journeys.create(repairJourney);
      await t.say(`My blender stopped working. ${bought}.`, 'Sorry to hear that.');
      const position = (await t.state()).journeys.repair;
      expect(position?.outcome === 'active', bought).toBe(starts);
    }
  });

  it("lists the parts of a first move's condition as (a), (b)", async () => {
    const t = await setup();
    await t.agent.journeys.create(repairJourney);
    await t.say('My blender stopped working.', 'Sorry to hear that.');
    const items = t.model
      .callsFor('observation')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(items).toContain(
      `both hold: (a) the customer's messages already give what the first step of the "Warranty repair" flow asks for ("Ask for the serial number"); (b) the customer gave a serial number`,
    );
  });
});
