import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/domain/event.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import { promptText, viewPrompt, whenPrompt } from '../../src/testing/model-evidence.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { setup } from './harness.js';

// Evidence-based scripts: the composer answers as a careful model would from what its prompt
// shows about the preamble (the holding message the customer already saw).

/** Matching that takes `ms`: an instant preamble is sent before the reply starts. */
function slowStrategy(ms: number): MatchingStrategy {
  return {
    name: 'slow',
    handles: () => true,
    evaluate: async (guidelines) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: false })) };
    },
  };
}

function agentTexts(events: readonly Event[]): string[] {
  return events.flatMap((event) =>
    event.kind === 'message' && event.source === 'ai_agent' ? [event.data.message] : [],
  );
}

describe('the preamble and the reply of the same turn', () => {
  it('the reply continues from the preamble already sent instead of greeting again', async () => {
    const t = await setup({ preamble: alwaysPreamble, strategies: [slowStrategy(30)] });
    await t.agent.guidelines.create({
      condition: 'the customer asks a question',
      action: 'answer',
    });
    t.model.on('preamble', 'Hi Dana, let me check that for you.');
    t.model.on(
      'compose',
      whenPrompt({
        shows: '"Hi Dana, let me check that for you."',
        in: 'already-sent',
        answer: 'We open at nine.',
        otherwise: 'Hi Dana! We open at nine.',
      }),
    );
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual([
      'Hi Dana, let me check that for you.',
      'We open at nine.',
    ]);
    // Shown where it was sent: after the customer's message, as a holding message.
    const conversation = viewPrompt(t.model.callsFor('compose')[0]!).section('conversation');
    expect(conversation).toBe(
      'Customer (Guest): when do you open?\nAgent (holding message): Hi Dana, let me check that for you.',
    );
  });

  it('a preamble dropped because it was not ready in time is never shown to the reply', async () => {
    const model = createScriptedModel({
      latencyMs: (request) => (request.task === 'preamble' ? 200 : 0),
    });
    const t = await setup({ model, preamble: alwaysPreamble });
    model.on('preamble', 'Hi Dana, let me check that for you.');
    model.on(
      'compose',
      whenPrompt({
        shows: 'let me check',
        answer: 'We open at nine.',
        otherwise: 'Hi Dana! We open at nine.',
      }),
    );
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual(['Hi Dana! We open at nine.']);
  });
});

describe('preambles of earlier turns', () => {
  it('read as holding messages in every prompt, so a pending question is still answered', async () => {
    let turns = 0;
    const t = await setup({
      preamble: alwaysPreamble,
      strategies: [slowStrategy(30)],
      // The first turn sends its preamble, then no reply (a hook stops it).
      hooks: { beforeCompose: [() => (turns++ === 0 ? 'bail' : 'continue')] },
    });
    await t.agent.guidelines.create({
      condition: 'the customer asks a question',
      action: 'answer',
    });
    t.model.on('preamble', 'Let me check that for you.');
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual(['Let me check that for you.']);
    t.model.reset();
    t.model.on('preamble', 'One moment.');
    // Shown only as an agent line, "Let me check that for you." may have been the answer;
    // shown as a holding message, the question is still open.
    t.model.on(
      'compose',
      whenPrompt({
        shows: 'Agent (holding message): Let me check that for you.',
        in: 'conversation',
        answer: 'Sorry for the wait: we open at nine.',
        otherwise: 'Yes, I am here. How can I help?',
      }),
    );
    await t.say('hello?');
    expect(agentTexts(await t.events()).at(-1)).toBe('Sorry for the wait: we open at nine.');
    // Every task of the later turn reads it the same way.
    for (const call of t.model.calls) {
      expect(promptText(call.messages)).not.toContain('Agent: Let me check that for you.');
    }
  });
});
