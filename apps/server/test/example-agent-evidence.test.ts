import { createConduct } from '@conduct/core';
import { answerPerItem, createScriptedModel, type ScriptedRequest } from '@conduct/core/testing';
import { defaultMatchers } from '@conduct/matchers';
import { describe, expect, it } from 'vitest';
import setup, { VOLTMART_AGENT_ID } from '../agents/electronics-store/index.js';
import { WARRANTY_CLAIM_JOURNEY_ID } from '../agents/electronics-store/journeys/warranty-claim.js';

// Evidence-based scripts: every answer depends on what the prompt shows, as a careful, literal
// model would answer. A task that is not shown the evidence it needs answers "no" / "stay".

/** The prompt of a model call, as one text. */
const promptOf = (request: Pick<ScriptedRequest, 'messages'>) =>
  request.messages.map((message) => message.content).join('\n');

/** Numbered lines of a prompt (`1. …`) whose text contains `phrase`, by number. */
const numbered = (prompt: string, phrase: string) =>
  [...prompt.matchAll(/^(\d+)\. (.*)$/gm)].filter((line) => line[2]!.includes(phrase));

/**
 * A matching answer (in whichever shape the call asks for): an item applies when its text
 * contains `item` and the prompt shows `evidence` (the customer's words or a tool result).
 */
const applyOnEvidence = (rules: readonly { item: string; evidence: string }[]) =>
  answerPerItem({
    applies: (item, prompt) =>
      rules.some((rule) => item.text.includes(rule.item) && prompt.shows(rule.evidence)) &&
      'the prompt shows it',
  });

/** A `journey-step` answer: the first move whose text contains `move` if the prompt shows `evidence`, else stay. */
const stepOnEvidence =
  (rules: readonly { move: string; evidence: string }[]) => (request: ScriptedRequest) => {
    const prompt = promptOf(request);
    for (const rule of rules) {
      const line = prompt.includes(rule.evidence) ? numbered(prompt, rule.move)[0] : undefined;
      if (line !== undefined) return { why: 'the prompt shows it', back: null, next: line[1]! };
    }
    return { why: 'nothing in the prompt shows the step is done', back: null, next: 'stay' };
  };

const MATCHING_TASKS = ['observation', 'actionable', 'low-criticality'] as const;

async function voltmart(
  model: ReturnType<typeof createScriptedModel>,
  customer: { id: string; name: string },
) {
  const conduct = createConduct({
    model,
    // Guideline classification (after a turn) is a task of its own, tested in @conduct/matchers.
    ...defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      guidelineClassifier: false,
    }),
  });
  await setup(conduct);
  await conduct.store.customers.create({ id: customer.id, name: customer.name });
  const agent = await conduct.agents.get(VOLTMART_AGENT_ID);
  const session = await agent.createSession({ customerId: customer.id });
  const say = async (message: string) => {
    await conduct.engine.postCustomerMessage(session.id, { message });
    await conduct.engine.idle(session.id);
  };
  return { conduct, session, say };
}

describe('the example agent, with a model that answers only from evidence in its prompts', () => {
  it('takes the warranty claim to `covered` from the lookup result it is shown', async () => {
    const model = createScriptedModel()
      .on('journey-step', (request) =>
        stepOnEvidence([
          // The fork can only be decided from the lookup's result, fetched this turn.
          { move: 'is in warranty', evidence: '"in_warranty":true' },
          { move: 'gave a serial number', evidence: 'QP2-7731-0042' },
        ])(request),
      )
      .on('tool-call', (request) => ({
        calls: promptOf(request).includes('QP2-7731-0042')
          ? [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }]
          : [],
      }))
      .on('canned-select', { choice: 1, fit: 'full', fields: [] })
      .on('compose', 'Thanks! Let me look into that for you.');
    for (const task of MATCHING_TASKS) {
      model.on(task, applyOnEvidence([{ item: 'stopped working', evidence: 'stopped working' }]));
    }
    const { conduct, session, say } = await voltmart(model, {
      id: 'cus-dana-whitfield',
      name: 'Dana Whitfield',
    });

    await say('My QuietPro 2 headphones stopped working, can you repair them?');
    expect((await conduct.store.sessions.get(session.id)).state.journeys).toMatchObject({
      [WARRANTY_CLAIM_JOURNEY_ID]: { stateId: 'ask' },
    });

    await say('It is QP2-7731-0042.');
    expect((await conduct.store.sessions.get(session.id)).state.journeys).toMatchObject({
      [WARRANTY_CLAIM_JOURNEY_ID]: {
        stateId: 'covered',
        path: ['ask', 'lookup', 'coverage', 'covered'],
      },
    });
    // The step at the fork was shown the lookup, marked as this turn's.
    const fork = model.callsFor('journey-step').at(-1)!;
    expect(promptOf(fork)).toMatch(/warranty_lookup\(.*"in_warranty":true.*\(fetched this turn\)/);
    const replies = (await conduct.store.events.list(session.id)).filter(
      (event) => event.kind === 'message' && event.source === 'ai_agent',
    );
    // The approved wording of the `covered` state.
    expect(replies.at(-1)?.data).toMatchObject({
      message: expect.stringMatching(
        /^Good news: your QuietPro 2 wireless headphones \(serial QP2-7731-0042\) is under warranty/,
      ),
    });
  });

  it('steps a claim that starts this turn: the serial given with the complaint is looked up at once', async () => {
    const model = createScriptedModel()
      .on('journey-step', (request) =>
        stepOnEvidence([{ move: 'is in warranty', evidence: '"in_warranty":true' }])(request),
      )
      .on('tool-call', (request) => ({
        calls: promptOf(request).includes('QP2-7731-0042')
          ? [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }]
          : [],
      }))
      .on('canned-select', { choice: 1, fit: 'full', fields: [] })
      .on('compose', 'What is the serial number of the headphones?');
    for (const task of MATCHING_TASKS) {
      model.on(
        task,
        applyOnEvidence([
          { item: 'stopped working', evidence: 'stopped working' },
          { item: 'gave a serial number', evidence: 'QP2-7731-0042' },
        ]),
      );
    }
    const { conduct, session, say } = await voltmart(model, {
      id: 'cus-dana-whitfield',
      name: 'Dana Whitfield',
    });

    await say(
      'My QuietPro 2 headphones stopped working, serial QP2-7731-0042. Can you repair them?',
    );
    expect((await conduct.store.sessions.get(session.id)).state.journeys).toMatchObject({
      [WARRANTY_CLAIM_JOURNEY_ID]: {
        stateId: 'covered',
        path: ['ask', 'lookup', 'coverage', 'covered'],
      },
    });
    // The composer was never asked to request the serial number again.
    expect(model.callsFor('compose').map(promptOf).join('\n')).not.toContain(
      'Ask for the serial number',
    );
    // The only step call is the fork after the lookup: the first step rode the matching wave.
    expect(model.callsFor('journey-step')).toHaveLength(1);
  });

  it('re-checks the return window after `start_return` refuses, in the same turn', async () => {
    const model = createScriptedModel()
      .on('tool-call', (request) => ({
        calls: /Name: \S*start_return/.test(promptOf(request))
          ? [{ arguments: { order_id: 'VM-10422', product: 'Aero 14', reason: 'changed_mind' } }]
          : [],
      }))
      .on('compose', 'I am sorry, that order is past our return window.');
    for (const task of MATCHING_TASKS) {
      model.on(
        task,
        applyOnEvidence([
          { item: 'wants to return a product or asks for a refund', evidence: 'return' },
          // Only the tool's refusal shows when the order was delivered.
          {
            item: 'delivered more than 30 days ago',
            evidence: 'outside the 30-day return window',
          },
        ]),
      );
    }
    const { conduct, session, say } = await voltmart(model, {
      id: 'cus-marco-rossi',
      name: 'Marco Rossi',
    });

    await say(
      'Please start a return for the Aero 14 laptop from order VM-10422, I changed my mind.',
    );
    const [record] = await conduct.store.turns.list(session.id);
    expect(record?.toolCalls.map((call) => call.tool)).toContain('local:start_return');
    expect(record?.matched.guidelines).toContain('voltmart-return-window-passed');
    // Decided by the re-check after the tool, not by the first wave.
    const verdicts = record?.verdicts.filter(
      (verdict) => verdict.entity.id === 'voltmart-return-window-passed',
    );
    expect(verdicts?.map((verdict) => verdict.matched)).toEqual([false, true]);
  });
});
