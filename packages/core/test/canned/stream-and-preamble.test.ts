import { describe, expect, it } from 'vitest';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import { viewPrompt } from '../../src/testing/model-evidence.js';
import { agentTexts, cannedSetup } from './canned-harness.js';
import { choose, slowStrategy } from './fixtures.js';

const DRAFT = 'We open at nine and close at five, see you soon!';

describe('stream output mode', () => {
  it('sends the chosen template whole; the draft never reaches the customer', async () => {
    const t = await cannedSetup({ compositionMode: 'canned_fluid', outputMode: 'stream' });
    const hours = await t.agent.cannedResponses.create({ value: 'We are open 9 to 5.' });
    t.model.on('compose', DRAFT).on('canned-select', choose('open 9'));
    await t.say('when do you open?');
    const messages = (await t.events({ kinds: ['message'] })).filter(
      (event) => event.source === 'ai_agent',
    );
    expect(messages).toHaveLength(1);
    const data = messages[0]?.kind === 'message' ? messages[0].data : undefined;
    expect(data).toEqual({
      message: 'We are open 9 to 5.',
      participant: { id: t.agent.id, display_name: 'Ava' },
      draft: DRAFT,
      canned_responses: [[hours.id, 'We are open 9 to 5.']],
    });
    expect(data?.chunks).toBeUndefined();
  });

  it('strict mode sends the no-match reply whole too', async () => {
    const t = await cannedSetup({ compositionMode: 'strict_canned', outputMode: 'stream' });
    await t.say('hello');
    const [reply] = await t.replies();
    expect(reply?.data.chunks).toBeUndefined();
    expect(reply?.data.message).toContain('Could you say that another way?');
  });

  it('streams as usual when canned_fluid has no usable template (the text is final, not a draft)', async () => {
    const t = await cannedSetup({ compositionMode: 'canned_fluid', outputMode: 'stream' });
    t.model.on('compose', DRAFT);
    await t.say('when do you open?');
    const [reply] = await t.replies();
    expect(reply?.data.message).toBe(DRAFT);
    expect(reply?.data.chunks?.at(-1)).toBeNull();
    expect(reply?.data.chunks?.length).toBeGreaterThan(2);
  });
});

describe('preamble templates', () => {
  async function strictWithPreamble() {
    const t = await cannedSetup(
      { compositionMode: 'strict_canned' },
      { preamble: alwaysPreamble, strategies: [slowStrategy(40)] },
    );
    // Matching evaluates this guideline (slowly), so the preamble is ready before the reply.
    await t.agent.guidelines.create({ condition: 'the customer is upset', action: 'apologize' });
    await t.agent.cannedResponses.create({ value: 'We are open 9 to 5.' });
    t.model.on('preamble', 'Hmm, let me think about that freely...');
    t.model.on('canned-strict', choose('open 9'));
    return t;
  }

  it('strict mode sends an approved preamble template, never a model-written one', async () => {
    const t = await strictWithPreamble();
    const moment = await t.agent.cannedResponses.create({
      value: 'One moment, {{std.customer.name}}.',
      preamble: true,
    });
    await t.say('when do you open?');
    const [preamble] = (await t.events({ kinds: ['message'] })).filter(
      (event) => event.source === 'ai_agent',
    );
    expect(preamble?.kind === 'message' && preamble.data).toMatchObject({
      message: 'One moment, Dana.',
      tags: ['__preamble__'],
      canned_responses: [[moment.id, 'One moment, Dana.']],
    });
    expect(t.model.callsFor('preamble')).toHaveLength(0);
    // The preamble template is never offered as the reply itself.
    expect(viewPrompt(t.model.callsFor('canned-strict')[0]!).section('templates')).not.toContain(
      'One moment',
    );
    expect(agentTexts(await t.events())).toEqual(['One moment, Dana.', 'We are open 9 to 5.']);
  });

  it('strict mode tells the reply choice which preamble template was already sent', async () => {
    const t = await strictWithPreamble();
    await t.agent.cannedResponses.create({ value: 'Hello Dana, one moment.', preamble: true });
    await t.agent.cannedResponses.create({ value: 'Hello Dana! Our hours are 9 to 5.' });
    // A careful model greets unless it is shown that the greeting already went out.
    t.model.on('canned-strict', (request) =>
      viewPrompt(request).shows('"Hello Dana, one moment."', 'already-sent')
        ? choose('We are open')(request)
        : choose('Hello Dana!')(request),
    );
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual([
      'Hello Dana, one moment.',
      'We are open 9 to 5.',
    ]);
  });

  it('strict mode sends no preamble when it has no preamble template', async () => {
    const t = await strictWithPreamble();
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual(['We are open 9 to 5.']);
    expect(t.model.callsFor('preamble')).toHaveLength(0);
  });

  it('picks among several preamble templates with one small call', async () => {
    const t = await strictWithPreamble();
    await t.agent.cannedResponses.create({ value: 'One moment please.', preamble: true });
    await t.agent.cannedResponses.create({ value: 'Let me look into that.', preamble: true });
    t.model.on('canned-preamble', (request) => {
      const prompt = request.messages.map((m) => m.content).join('\n');
      const line = prompt.split('\n').find((l) => l.includes('look into')) ?? '';
      return { choice: Number(line[1]) };
    });
    await t.say('when do you open?');
    expect(agentTexts(await t.events())[0]).toBe('Let me look into that.');
  });

  it('a fluid agent keeps its model-written preamble', async () => {
    const t = await cannedSetup({}, { preamble: alwaysPreamble, strategies: [slowStrategy(40)] });
    await t.agent.guidelines.create({ condition: 'the customer is upset', action: 'apologize' });
    await t.agent.cannedResponses.create({ value: 'One moment please.', preamble: true });
    t.model.on('preamble', 'On it!').on('compose', 'We open at nine.');
    await t.say('when do you open?');
    expect(agentTexts(await t.events())).toEqual(['On it!', 'We open at nine.']);
  });
});
