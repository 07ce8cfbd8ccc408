import { createConduct } from '@conduct/core';
import { createScriptedModel, type ScriptedModelCall } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultStrategies } from '../src/default-strategies.js';
import { sectionLines } from '../src/prefilter/fixtures/prompt-sections.js';
import { matchesByText } from './fixtures.js';

const promptOf = (call: ScriptedModelCall | undefined) => call?.messages ?? [];

async function setup() {
  const model = createScriptedModel()
    .on('observation', matchesByText())
    .on('actionable', matchesByText('membership'))
    .on('compose', 'Voltmart Plus ships free.');
  const conduct = createConduct({ model, strategies: defaultStrategies() });
  const agent = await conduct.agents.create({ name: 'Ava', description: 'Support for Voltmart' });
  await agent.guidelines.create({
    condition: 'the customer asks about their membership',
    action: 'explain its benefits',
  });
  await agent.guidelines.create({ condition: 'the customer is a business buyer' });
  await agent.terms.create({
    name: 'Voltmart Plus',
    description: 'Paid membership with free next-day shipping',
    synonyms: ['VPlus'],
  });
  await agent.terms.create({ name: 'RMA', description: 'Return merchandise authorization' });
  const tier = await agent.variables.create({ name: 'tier', description: 'loyalty tier' });
  await tier.setGlobal('gold');
  const session = await agent.createSession();
  const say = async (message: string) => {
    await conduct.engine.postCustomerMessage(session.id, { message });
    await conduct.engine.idle(session.id);
  };
  return { model, say };
}

describe('grounding in matching prompts', () => {
  it('shows relevant glossary terms and the customer variables to every matching task', async () => {
    const { model, say } = await setup();
    await say('What do I get with VPlus?');

    for (const task of ['actionable', 'observation']) {
      const messages = promptOf(model.callsFor(task)[0]);
      expect(sectionLines(messages, 'glossary'), task).toEqual([
        '- Voltmart Plus (also: VPlus): Paid membership with free next-day shipping',
      ]);
      expect(sectionLines(messages, 'variables'), task).toEqual(['- tier (loyalty tier): gold']);
      // Dynamic content stays after the cached static prefix.
      expect(messages.findIndex((m) => m.content.includes('<glossary>'))).toBeGreaterThan(
        messages.findIndex((m) => m.cacheBreakpoint === true),
      );
    }
    const all = model.calls.map((call) => call.messages.map((m) => m.content).join('\n'));
    expect(all.some((text) => text.includes('Return merchandise authorization'))).toBe(false);
  });

  it('leaves the glossary section out when no term is relevant', async () => {
    const { model, say } = await setup();
    await say('hello there');
    const messages = promptOf(model.callsFor('actionable')[0]);
    expect(sectionLines(messages, 'glossary')).toEqual([]);
    expect(sectionLines(messages, 'variables')).toEqual(['- tier (loyalty tier): gold']);
  });
});
