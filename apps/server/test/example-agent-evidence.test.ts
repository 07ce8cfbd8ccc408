import { createConduct } from '@conduct/core';
import {
  answerPerItem,
  createScriptedModel,
  type ScriptedRequest,
  viewPrompt,
} from '@conduct/core/testing';
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

/** A `compose` answer: the approved text the prompt shows under `<approved-wording>`, else `otherwise`. */
const useApprovedWording = (otherwise: string) => (request: ScriptedRequest) => {
  const lines = viewPrompt(request).section('approved-wording')?.split('\n') ?? [];
  return lines.find((line) => line.startsWith('- '))?.slice(2) ?? otherwise;
};

/** A `canned-select` answer: a full fit for the template the draft states word for word, else none. */
const selectStatedTemplate = (request: ScriptedRequest) => {
  const prompt = viewPrompt(request);
  const draft = prompt.section('draft') ?? '(no draft)';
  const line = [...prompt.text.matchAll(/^\[(\d+)\] (.*)$/gm)].find((l) => l[2]!.includes(draft));
  return line
    ? { choice: Number(line[1]), fit: 'full', fields: [] }
    : { choice: 0, fit: 'none', fields: [] };
};

/** A `tool-call` answer: look up the serial number once the prompt shows it. */
const lookupGivenSerial = (request: ScriptedRequest) =>
  promptOf(request).includes('QP2-7731-0042')
    ? {
        reason: 'the customer gave the serial number',
        calls: [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }],
      }
    : { reason: 'no serial number yet', calls: [] };

const MATCHING_TASKS = ['observation', 'actionable', 'low-criticality'] as const;

/** The claim's moves, taken only when the prompt shows what proves them. */
const claimSteps = stepOnEvidence([
  // The fork can only be decided from the lookup's result, fetched this turn.
  { move: 'is in warranty', evidence: '"in_warranty":true' },
  { move: 'gave a serial number', evidence: 'QP2-7731-0042' },
]);

/** The return guidelines: the window-passed one only once the tool's refusal shows it. */
const returnRules = applyOnEvidence([
  { item: 'wants to return a product or asks for a refund', evidence: 'return' },
  { item: 'delivered more than 30 days ago', evidence: 'outside the 30-day return window' },
]);

/**
 * A `tool-call` answer for Marco's return: `start_return` with the values he gave, confirmed
 * only when the conversation shows he asked for exactly this return, order and item included.
 */
const startAero14Return = (request: ScriptedRequest) => {
  const prompt = viewPrompt(request);
  if (!prompt.shows('Name: start_return', 'tool')) return { reason: 'not this tool', calls: [] };
  const confirmed = prompt.shows('Please start a return for the Aero 14', 'conversation');
  return {
    reason: 'the customer asked to start this return',
    calls: [
      {
        arguments: { order_id: 'VM-10422', product: 'Aero 14', reason: 'changed_mind' },
        confirmed,
      },
    ],
  };
};

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
  /** The agent's latest message. */
  const lastReply = async () =>
    (await conduct.store.events.list(session.id))
      .filter((event) => event.kind === 'message' && event.source === 'ai_agent')
      .at(-1)?.data;
  /** Where the session is in the warranty claim. */
  const claim = async () =>
    (await conduct.store.sessions.get(session.id)).state.journeys[WARRANTY_CLAIM_JOURNEY_ID];
  return { conduct, session, say, lastReply, claim };
}

describe('the example agent, with a model that answers only from evidence in its prompts', () => {
  it('takes the warranty claim to `covered` from the lookup result it is shown', async () => {
    const model = createScriptedModel()
      .on('journey-step', claimSteps)
      .on('tool-call', lookupGivenSerial)
      .on('canned-select', selectStatedTemplate)
      .on('compose', useApprovedWording('Thanks! Let me look into that for you.'));
    for (const task of MATCHING_TASKS) {
      model.on(task, applyOnEvidence([{ item: 'stopped working', evidence: 'stopped working' }]));
    }
    const { say, lastReply, claim } = await voltmart(model, {
      id: 'cus-dana-whitfield',
      name: 'Dana Whitfield',
    });

    await say('My QuietPro 2 headphones stopped working, can you repair them?');
    expect(await claim()).toMatchObject({ stateId: 'ask' });

    await say('It is QP2-7731-0042.');
    expect(await claim()).toMatchObject({
      stateId: 'covered',
      path: ['ask', 'lookup', 'coverage', 'covered'],
    });
    // The step at the fork was shown the lookup, marked as this turn's.
    const fork = model.callsFor('journey-step').at(-1)!;
    expect(promptOf(fork)).toMatch(/warranty_lookup\(.*"in_warranty":true.*\(fetched this turn\)/);
    // The approved wording of the `covered` state.
    expect(await lastReply()).toMatchObject({
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
      .on('tool-call', lookupGivenSerial)
      .on('canned-select', selectStatedTemplate)
      .on('compose', useApprovedWording('What is the serial number of the headphones?'));
    for (const task of MATCHING_TASKS) {
      model.on(
        task,
        applyOnEvidence([
          { item: 'stopped working', evidence: 'stopped working' },
          { item: 'gave a serial number', evidence: 'QP2-7731-0042' },
        ]),
      );
    }
    const { say, claim } = await voltmart(model, {
      id: 'cus-dana-whitfield',
      name: 'Dana Whitfield',
    });

    await say(
      'My QuietPro 2 headphones stopped working, serial QP2-7731-0042. Can you repair them?',
    );
    expect(await claim()).toMatchObject({
      stateId: 'covered',
      path: ['ask', 'lookup', 'coverage', 'covered'],
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
      .on('tool-call', startAero14Return)
      .on('compose', 'I am sorry, that order is past our return window.');
    for (const task of MATCHING_TASKS) model.on(task, returnRules);
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

  it('says the return window has passed when `start_return` refuses, though <capabilities> lists returns', async () => {
    const refusal =
      'I am sorry, your Aero 14 was delivered more than 30 days ago, so it is past our return window. If it is faulty, I can open a warranty claim.';
    const model = createScriptedModel()
      .on('tool-call', startAero14Return)
      // Told to offer what <capabilities> lists when it fits the customer's need, a literal
      // model offers the return; it keeps to the refusal only when told a failed tool result wins over capabilities.
      .on('compose', (request) => {
        const prompt = viewPrompt(request);
        const refused = prompt.shows('"started":false', 'conversation');
        return refused && prompt.shows('wins over any guideline or capability', 'instructions')
          ? refusal
          : 'I can start a return for your Aero 14 and email you a prepaid return label.';
      });
    for (const task of MATCHING_TASKS) model.on(task, returnRules);
    const { say, lastReply } = await voltmart(model, {
      id: 'cus-marco-rossi',
      name: 'Marco Rossi',
    });

    await say(
      'Please start a return for the Aero 14 laptop from order VM-10422, I changed my mind.',
    );
    const compose = viewPrompt(model.callsFor('compose').at(-1)!);
    // The composer was given both sides of the conflict.
    expect(compose.section('capabilities')).toContain('Start a return');
    expect(compose.section('conversation')).toContain('"started":false');
    expect(await lastReply()).toMatchObject({ message: refusal });
  });

  it("calls the claim's lookup at its tool state although the customer also asks something else", async () => {
    const model = createScriptedModel()
      .on('journey-step', claimSteps)
      .on('tool-call', (request) => {
        const prompt = viewPrompt(request);
        const customerLines = (prompt.section('conversation') ?? '')
          .split('\n')
          .filter((line) => line.startsWith('Customer'));
        // Read literally: a tool serves the latest customer message, unless the prompt says the
        // flow the customer is in requires the call now.
        const flowRequiresIt =
          prompt.shows('the flow requires the call now') &&
          prompt.shows('"Warranty claim" flow', 'journey-steps');
        const latestNeedsIt = /repair|warranty|stopped working/i.test(customerLines.at(-1) ?? '');
        return (flowRequiresIt || latestNeedsIt) && prompt.shows('QP2-7731-0042', 'conversation')
          ? {
              reason: 'the warranty claim flow requires the lookup now',
              calls: [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }],
            }
          : { reason: 'the latest message does not need a warranty lookup', calls: [] };
      })
      .on('canned-select', selectStatedTemplate)
      .on('compose', useApprovedWording('Thanks! Let me look into that for you.'));
    for (const task of MATCHING_TASKS) {
      model.on(task, applyOnEvidence([{ item: 'stopped working', evidence: 'stopped working' }]));
    }
    const { conduct, session, say, claim } = await voltmart(model, {
      id: 'cus-dana-whitfield',
      name: 'Dana Whitfield',
    });

    await say('My QuietPro 2 headphones stopped working, can you repair them?');
    await say('It is QP2-7731-0042. Also, do you sell replacement ear cushions for them?');
    const record = (await conduct.store.turns.list(session.id)).at(-1);
    expect(record?.toolCalls.map((call) => call.tool)).toEqual(['local:warranty_lookup']);
    expect(record?.toolDecisions).toEqual([
      expect.objectContaining({
        tool: 'local:warranty_lookup',
        offeredBy: [{ type: 'journey-state', id: expect.stringContaining('lookup') }],
        reason: 'the warranty claim flow requires the lookup now',
        calls: 1,
      }),
    ]);
    expect(await claim()).toMatchObject({ stateId: 'covered' });
  });

  it('starts a return (consequential) only once the customer confirmed it, and asks first', async () => {
    const model = createScriptedModel()
      .on('tool-call', (request) => {
        const prompt = viewPrompt(request);
        if (!prompt.shows('Name: start_return', 'tool')) {
          return { reason: 'not the tool for this', calls: [] };
        }
        // A careful model acts on something consequential only when told what counts as the
        // customer's consent, and only once the conversation shows it: a "yes" right after the
        // agent stated every value of the call (the reason included).
        if (!prompt.shows(/stated this action with these argument values/, 'consequential')) {
          return { reason: 'cannot tell whether the customer agreed', calls: [] };
        }
        const lines = prompt.section('conversation')?.split('\n') ?? [];
        const proposal = lines.findLast((line) => line.startsWith('Agent:')) ?? '';
        const confirmed =
          lines.at(-1)?.includes('Yes, please start the return') === true &&
          ['VM-10425', 'Lumen 55', 'changed your mind'].every((value) => proposal.includes(value));
        return {
          reason: confirmed ? 'the customer confirmed this return' : 'return wanted, not confirmed',
          calls: [
            {
              arguments: { order_id: 'VM-10425', product: 'Lumen 55', reason: 'changed_mind' },
              confirmed,
            },
          ],
        };
      })
      .on('compose', (request) => {
        const prompt = viewPrompt(request);
        if (!prompt.shows(/start_return has not run.*VM-10425/, 'missing-information')) {
          return 'Your return is started; the label is in your inbox.';
        }
        // The reason is stated only when the insight gives it in words, not as a code.
        return prompt.shows(/Why the customer returns it\): changed mind/, 'missing-information')
          ? 'Shall I start the return of the Lumen 55" TV from order VM-10425, as you changed your mind?'
          : 'Shall I start the return of the Lumen 55" TV from order VM-10425?';
      });
    for (const task of MATCHING_TASKS) {
      model.on(
        task,
        applyOnEvidence([
          { item: 'wants to return a product or asks for a refund', evidence: 'return' },
        ]),
      );
    }
    // The Plus pickup offer was made in the first reply; nothing new calls for it again.
    model.on('reapply', applyOnEvidence([]));
    const { conduct, session, say, lastReply } = await voltmart(model, {
      id: 'cus-aiko-tanaka',
      name: 'Aiko Tanaka',
    });

    await say("Can I return the Lumen 55 TV from order VM-10425? I don't like the picture.");
    const [asked] = await conduct.store.turns.list(session.id);
    expect(asked?.toolCalls).toEqual([]);
    expect(asked?.toolDecisions).toEqual([
      expect.objectContaining({
        tool: 'local:start_return',
        reason: 'return wanted, not confirmed',
        calls: 0,
        awaitingConfirmation: 1,
      }),
    ]);
    expect(await lastReply()).toMatchObject({
      message:
        'Shall I start the return of the Lumen 55" TV from order VM-10425, as you changed your mind?',
    });

    await say('Yes, please start the return.');
    const confirmed = (await conduct.store.turns.list(session.id)).at(-1);
    expect(confirmed?.toolCalls).toEqual([
      expect.objectContaining({ tool: 'local:start_return', status: 'succeeded' }),
    ]);
    expect(confirmed?.toolCalls[0]?.result).toMatchObject({ data: { started: true } });
  });
});
