import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Conduct, type ConductStore, createConduct, type LanguageModel } from '@conduct/core';
import {
  answerPerItem,
  createScriptedModel,
  promptItems,
  type ScriptedModel,
  viewPrompt,
} from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { defaultMatchers } from '@conduct/matchers';
import { createPostgresStore } from '@conduct/store-postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUnconfiguredModel, type Logger, loadAgentModules } from '../src/index.js';
import { VERSION_VARIABLE } from './fixtures/versioned-agent.js';

const MODULE = fileURLToPath(new URL('./fixtures/versioned-agent.ts', import.meta.url));

/** What the stored model says, as a person reads it (ids only where identity matters). */
async function readable(store: ConductStore) {
  const sorted = (lines: string[]) => lines.sort();
  return {
    guidelines: sorted(
      (await store.guidelines.list()).map(
        (g) => `${g.title ?? '(untitled)'}: ${g.condition} → ${g.action}`,
      ),
    ),
    journeys: (await store.journeys.list()).map((j) => `${j.title}: ${j.description}`),
    relationships: (await store.relationships.list()).length,
    terms: (await store.terms.list()).map((t) => `${t.name}: ${t.description}`),
    variables: (await store.variables.list()).map((v) => `${v.name}: ${v.description}`),
    capabilities: (await store.capabilities.list()).map(
      (c) => `${c.id} ${c.title}: ${c.description}`,
    ),
    cannedResponses: sorted((await store.cannedResponses.list()).map((r) => r.value)),
  };
}

describe('an agent module restarted on PGlite: the stored model follows the code', () => {
  let dataDir: string;
  let running: Conduct | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'conduct-sync-'));
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    delete process.env[VERSION_VARIABLE];
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A start of the server's agent loading: a new Conduct over the same data directory. */
  async function start(version: number, model: LanguageModel = createUnconfiguredModel()) {
    await running?.close();
    process.env[VERSION_VARIABLE] = String(version);
    const store = await createPostgresStore({ dataDir });
    const conduct = createConduct({
      store,
      model,
      ...defaultMatchers({ relevanceFilter: false, responseAnalyzer: false }),
    });
    running = conduct;
    const info: string[] = [];
    const warnings: string[] = [];
    const log: Logger = {
      info: (message) => info.push(message),
      warn: (message) => warnings.push(message),
      error: () => {},
    };
    const plan = await loadAgentModules(conduct, [MODULE], log);
    const lines = info.filter((line) => line.startsWith('shop:'));
    return { conduct, store, plan, lines, warnings };
  }

  it('rewords, removes and renames every kind of entity; what the API created stays', async () => {
    const first = await start(1);
    expect(first.lines).toEqual([
      'shop: +1 agent, +5 guidelines, +1 journey, +3 relationships, +1 term, +1 variable, +2 canned responses, +1 capability',
    ]);
    const refundsId = (await first.store.guidelines.list()).find((g) => g.title === 'Refunds')?.id;
    // A guideline created over the API, for the same agent.
    const app = createConductApp({ conduct: first.conduct });
    const created = await app.request('/guidelines', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'from-api',
        condition: 'the customer asks for the manager',
        action: 'say the manager calls back within a day',
        tags: ['agent:shop'],
      }),
    });
    expect(created.status).toBe(201);

    const reworded = await start(2);
    expect(reworded.lines).toEqual([
      'shop: +1 guideline, +2 relationships, +1 canned response; ~2 guidelines, ~1 journey, ~1 term, ~1 variable, ~1 canned response, ~1 capability changed; −1 guideline, −2 relationships, −1 canned response removed',
    ]);
    expect(reworded.warnings).toEqual([
      expect.stringContaining('guidelines without an id or title are identified by their wording'),
      expect.stringContaining('canned responses without an id are identified by their wording'),
    ]);
    expect(await readable(reworded.store)).toEqual({
      guidelines: [
        '(untitled): the customer asks for the manager → say the manager calls back within a day',
        '(untitled): the customer is angry → apologize sincerely',
        'Greeting: the customer says hello → greet them by name',
        'Hesitation: the customer hesitates to send the item back → reassure them that the pickup is free',
        'Refunds: the customer asks for a refund → explain the 30-day refund policy',
        'Shipping: the customer asks what shipping costs → say shipping is free above $50',
      ],
      journeys: ['Return: take back an item within 30 days'],
      relationships: 3,
      terms: ['RMA: return merchandise authorization number'],
      variables: ['tier: loyalty tier: gold or silver'],
      capabilities: ['cap-refunds Refunds: refunds orders under $100'],
      cannedResponses: ['Goodbye, and thanks!', 'Hello there!'],
    });
    expect(await reworded.store.guidelines.find(refundsId!)).toBeDefined();

    const edited = await start(3);
    expect(edited.lines).toEqual([
      'shop: +2 guidelines, +1 journey, +1 relationship, +1 term; ~1 agent, ~1 capability changed; −3 guidelines, −1 journey, −2 relationships, −1 term, −1 variable, −1 canned response removed',
    ]);
    expect(await readable(edited.store)).toEqual({
      guidelines: [
        '(untitled): the customer asks for the manager → say the manager calls back within a day',
        '(untitled): the customer is angry → apologize sincerely',
        'Hesitation: the customer hesitates to send the item back → reassure them that the pickup is free',
        'Refunds: the customer asks for a refund → explain the 30-day refund policy',
        'Shipping costs: the customer asks what shipping costs → say shipping is free above $50',
      ],
      journeys: ['Returns: take back an item within 30 days'],
      relationships: 2,
      terms: ['RMA number: return merchandise authorization number'],
      variables: [],
      capabilities: ['cap-refunds Refunds and exchanges: refunds orders under $100'],
      cannedResponses: ['Goodbye, and thanks!'],
    });
    // Nothing points at what is gone.
    const journeyIds = new Set((await edited.store.journeys.list()).map((j) => j.id));
    const guidelineIds = new Set((await edited.store.guidelines.list()).map((g) => g.id));
    for (const relationship of await edited.store.relationships.list()) {
      for (const end of [relationship.source, relationship.target]) {
        if (end.type === 'journey') expect(journeyIds.has(end.id)).toBe(true);
        if (end.type === 'guideline') expect(guidelineIds.has(end.id)).toBe(true);
      }
    }

    expect((await edited.store.agents.get('shop')).name).toBe('Shop assistant');

    const again = await start(3);
    expect(again.lines).toEqual(['shop: no changes']);
  }, 60_000);

  it('the newcomer loop: reword, restart, and the prompt shows only the new wording; remove, restart, and it is gone', async () => {
    await rm(dataDir, { recursive: true, force: true });
    await start(1);

    /** A turn of a customer who wants a refund, angrily; returns the matching prompts' items. */
    const turn = async (version: number) => {
      const model = evidenceModel();
      const { conduct } = await start(version, model);
      const session = await (await conduct.agents.get('shop')).createSession();
      await conduct.engine.postCustomerMessage(session.id, {
        message: 'Hello! I am angry: I want a refund for this broken kettle.',
      });
      await conduct.engine.idle(session.id);
      const matching = model.calls.filter((call) => MATCHING_TASKS.includes(call.task));
      expect(matching.map((call) => call.task)).toContain('actionable');
      const items = matching.flatMap((call) =>
        promptItems(viewPrompt(call).section('items') ?? '').map((item) => item.text),
      );
      const composed = model.callsFor('compose').map((call) => viewPrompt(call).text);
      return { items, composed: composed.join('\n') };
    };

    const reworded = await turn(2);
    const about = (phrase: string) => reworded.items.filter((item) => item.includes(phrase));
    expect(about('asks for a refund')).toEqual([
      expect.stringContaining('explain the 30-day refund policy'),
    ]);
    expect(about('is angry')).toEqual([expect.stringContaining('apologize sincerely')]);
    expect(reworded.composed).toContain('explain the 30-day refund policy');
    expect(reworded.composed).not.toContain('explain the refund policy');

    const removed = await turn(3);
    expect(removed.items.some((item) => item.includes('says hello'))).toBe(false);
    expect(removed.items.filter((item) => item.includes('is angry'))).toHaveLength(1);
  }, 60_000);
});

const MATCHING_TASKS = ['observation', 'actionable', 'low-criticality'];

/**
 * Answers from evidence in the prompt: a guideline applies when the customer's message shows
 * what its condition is about.
 */
function evidenceModel(): ScriptedModel {
  const model = createScriptedModel().on('compose', 'I am sorry. Our refund policy: 30 days.');
  const shows = { 'asks for a refund': 'refund', 'is angry': 'angry', 'says hello': 'Hello' };
  for (const task of MATCHING_TASKS) {
    model.on(
      task,
      answerPerItem({
        applies: (item, prompt) =>
          Object.entries(shows).some(
            ([about, evidence]) =>
              item.text.includes(about) && prompt.shows(evidence, 'conversation'),
          ),
      }),
    );
  }
  return model;
}
