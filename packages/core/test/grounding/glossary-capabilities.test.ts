import { describe, expect, it } from 'vitest';
import { createScriptedEmbedder } from '../../src/testing/scripted-embedder.js';
import { scriptedTaskStrategy } from '../../src/testing/test-strategies.js';
import { setup } from '../engine/harness.js';
import { lastComposePrompt, recordOf, sectionOf } from './helpers.js';

async function glossary(t: Awaited<ReturnType<typeof setup>>) {
  return {
    plus: await t.agent.terms.create({
      name: 'Voltmart Plus',
      description: 'Paid membership with free next-day shipping',
      synonyms: ['VPlus'],
    }),
    rma: await t.agent.terms.create({
      name: 'RMA',
      description: 'Return merchandise authorization number, needed for every return',
    }),
  };
}

describe('glossary in turns', () => {
  it('gives the composer only the terms the recent conversation mentions (names or synonyms)', async () => {
    const t = await setup();
    t.model.on('compose', 'Yes, VPlus ships for free.');
    const { plus, rma } = await glossary(t);
    const customer = await t.say('Does shipping cost extra with vplus?');

    const lines = sectionOf(lastComposePrompt(t.model), 'glossary');
    expect(lines).toEqual([
      '- Voltmart Plus (also: VPlus): Paid membership with free next-day shipping',
    ]);
    expect(lastComposePrompt(t.model)).not.toContain('Return merchandise authorization');
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding).toMatchObject({ method: 'lexical', terms: [plus.id] });
    expect(record.grounding.terms).not.toContain(rma.id);
  });

  it('leaves the glossary section out when no term is relevant, and sees inflections and earlier messages', async () => {
    const t = await setup();
    t.model.on('compose', 'Hello!');
    await glossary(t);
    await t.say('hello there');
    expect(sectionOf(lastComposePrompt(t.model), 'glossary')).toEqual([]);

    // Plural of a multi-word name, two messages back.
    await t.say('I have two Voltmart Pluses in my cart');
    await t.say('is that normal?');
    expect(sectionOf(lastComposePrompt(t.model), 'glossary')).toHaveLength(1);
  });

  it('does not show terms scoped to another agent', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const other = await t.conduct.agents.create({ name: 'Bob' });
    await other.terms.create({ name: 'Voltmart Plus', description: 'Bob only' });
    await t.say('what is Voltmart Plus?');
    expect(lastComposePrompt(t.model)).not.toContain('Bob only');
  });

  it('adds terms close in meaning with an embedder, in one embedding call per turn', async () => {
    const embedder = createScriptedEmbedder();
    const t = await setup({ embedder, grounding: { minSimilarity: 0.2 } });
    t.model.on('compose', 'Members ship free.');
    const { plus } = await glossary(t);
    await t.agent.capabilities.create({ title: 'Gift wrapping', signals: ['wrap a present'] });
    const customer = await t.say('do members get free shipping?');

    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding.method).toBe('embeddings');
    expect(record.grounding.terms).toEqual([plus.id]);
    expect(record.grounding.capabilities).toEqual([]);
    expect(embedder.calls).toHaveLength(1);
    expect(sectionOf(lastComposePrompt(t.model), 'glossary')[0]).toContain('Voltmart Plus');
  });

  it('falls back to words when the embedder fails, and notes why', async () => {
    const embedder = createScriptedEmbedder();
    embedder.embed = async () => {
      throw new Error('embedding service down');
    };
    const t = await setup({ embedder });
    t.model.on('compose', 'ok');
    const { plus } = await glossary(t);
    const customer = await t.say('What is VPlus?');
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding).toMatchObject({ method: 'lexical', terms: [plus.id] });
    expect(record.notes.join('\n')).toContain('embedding service down');
  });
});

describe('capabilities in turns', () => {
  it('gives the composer the capabilities the customer seems to need, not the others', async () => {
    const t = await setup();
    t.model.on('compose', 'I can track that for you.');
    const tracking = await t.agent.capabilities.create({
      title: 'Order tracking',
      description: 'Find where a parcel is and when it arrives',
      signals: ['where is my order', 'track my parcel'],
    });
    await t.agent.capabilities.create({
      title: 'Gift wrapping',
      description: 'Wrap items as a present',
      signals: ['wrap a present'],
    });
    const customer = await t.say("Hi, my parcel still hasn't arrived, can you track it?");

    const prompt = lastComposePrompt(t.model);
    expect(sectionOf(prompt, 'capabilities')).toEqual([
      '- Order tracking: Find where a parcel is and when it arrives',
    ]);
    expect(prompt).not.toContain('Gift wrapping');
    expect(prompt).toContain('When <capabilities> lists something');
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding.capabilities).toEqual([tracking.id]);
  });

  it('keeps the critical path at two sequential model calls with full grounding', async () => {
    const t = await setup({ strategies: [scriptedTaskStrategy('actionable')] });
    t.model
      .on('actionable', { matches: [{ number: 1, applies: true }] })
      .on('compose', 'Your Voltmart Plus order is on its way.');
    await glossary(t);
    await t.agent.capabilities.create({ title: 'Order tracking', signals: ['track my order'] });
    const tier = await t.agent.variables.create({ name: 'tier' });
    await tier.setGlobal('gold');
    await t.agent.guidelines.create({
      condition: 'the customer asks about an order',
      action: 'help',
    });
    await t.say('Can you track my Voltmart Plus order?');
    expect(t.model.calls.map((call) => call.task)).toEqual(['actionable', 'compose']);
    const prompt = lastComposePrompt(t.model);
    for (const section of ['glossary', 'variables', 'capabilities']) {
      expect(sectionOf(prompt, section).length, section).toBeGreaterThan(0);
    }
  });
});
