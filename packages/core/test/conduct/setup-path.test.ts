import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Conduct, createConduct } from '../../src/conduct/create-conduct.js';
import { NO_JOURNEY_STEPPER_MESSAGE } from '../../src/conduct/journey-stepper-required.js';
import { type Guideline, guidelineContentHash } from '../../src/domain/guideline.js';
import type {
  GuidelineClassificationInput,
  GuidelineClassifier,
} from '../../src/engine/guideline-classifier.js';
import { ConfigurationError } from '../../src/errors/errors.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { testStepper } from '../journeys/harness.js';

const RETURNS = {
  title: 'Return',
  triggers: ['the customer wants to return an item'],
  states: [
    { id: 'ask', type: 'chat' as const, instruction: 'ask for the order number' },
    { id: 'done', type: 'chat' as const, instruction: 'confirm the return' },
  ],
  transitions: [{ from: 'ask', to: 'done' }],
};

describe('defining a journey', () => {
  it('without a journey stepper is a ConfigurationError that names the fix, and stores nothing', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
    });
    const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
    const refused = agent.journeys.create(RETURNS);
    await expect(refused).rejects.toThrow(ConfigurationError);
    await expect(refused).rejects.toThrow('createConduct({ model, ...defaultMatchers() })');
    const again = await conduct.agents.get('support');
    await expect(again.journeys.create(RETURNS)).rejects.toThrow(ConfigurationError);
    expect(await conduct.store.journeys.list()).toEqual([]);
  });

  it('with a journey stepper works', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
      journeyStepper: testStepper,
    });
    const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
    const journey = await agent.journeys.create(RETURNS);
    expect((await conduct.store.journeys.get(journey.id)).title).toBe('Return');
  });
});

describe('a stored journey without a journey stepper', () => {
  it('is reported once per engine as a ConfigurationError, and noted in every turn record', async () => {
    // Defined by a Conduct with a stepper, in a store a Conduct without one opens later.
    const store = createMemoryStore();
    const before = createConduct({
      store,
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
      journeyStepper: testStepper,
    });
    await (await before.agents.create({ id: 'support', name: 'Ava' })).journeys.create(RETURNS);
    const errors: unknown[] = [];
    const conduct = createConduct({
      store,
      model: createScriptedModel().on('compose', 'Sure.'),
      strategies: [matchAllStrategy()],
      onError: (error) => errors.push(error),
    });
    const agent = await conduct.agents.get('support');
    const session = await agent.createSession();
    for (const message of ['I want to return an item', 'hello?']) {
      const { turn } = await conduct.engine.postCustomerMessage(session.id, { message });
      expect((await turn).status).toBe('answered');
    }

    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ConfigurationError);
    expect(String(errors[0])).toContain('createConduct({ model, ...defaultMatchers() })');
    const records = await conduct.store.turns.list(session.id);
    expect(records).toHaveLength(2);
    for (const record of records) expect(record.notes).toContain(NO_JOURNEY_STEPPER_MESSAGE);
  });

  it('is not reported when the agent has no journey', async () => {
    const errors: unknown[] = [];
    const conduct = createConduct({
      model: createScriptedModel().on('compose', 'Sure.'),
      strategies: [matchAllStrategy()],
      onError: (error) => errors.push(error),
    });
    const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
    const session = await agent.createSession();
    const { turn } = await conduct.engine.postCustomerMessage(session.id, { message: 'hi' });
    expect((await turn).status).toBe('answered');
    expect(errors).toEqual([]);
    const [record] = await conduct.store.turns.list(session.id);
    expect(record?.notes).not.toContain(NO_JOURNEY_STEPPER_MESSAGE);
  });
});

/** A classifier that labels every action continuous, and remembers what it was asked about. */
function recordingClassifier() {
  const asked: string[][] = [];
  const classifier: GuidelineClassifier = {
    needsClassification: (guideline) =>
      guideline.action !== null &&
      guideline.classification?.contentHash !== guidelineContentHash(guideline),
    async classify({ store, guidelines }: GuidelineClassificationInput) {
      const all = guidelines ?? (await store.guidelines.list());
      const pending = all.filter((guideline) => classifier.needsClassification(guideline));
      asked.push(pending.map((guideline) => guideline.condition));
      for (const guideline of pending) {
        await store.guidelines.update(guideline.id, {
          classification: {
            customerDependent: false,
            continuous: true,
            contentHash: guidelineContentHash(guideline),
            source: 'model',
          },
        });
      }
      return { classified: pending.map((g) => g.id), cached: [], failed: [] };
    },
  };
  return { classifier, asked };
}

/**
 * The recording classifier, held until `release()` (or aborted): `started` resolves when it is
 * first asked, `finished()` tells whether a call has settled since.
 */
function slowClassifier() {
  const { classifier, asked } = recordingClassifier();
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let start!: () => void;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  let finished = false;
  let aborted = false;
  const slow: GuidelineClassifier = {
    needsClassification: classifier.needsClassification,
    async classify(input) {
      start();
      try {
        await new Promise<void>((resolve, reject) => {
          released.then(resolve, reject);
          input.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(input.signal?.reason);
          });
        });
        return await classifier.classify(input);
      } finally {
        finished = true;
      }
    },
  };
  return {
    classifier: slow,
    asked,
    started,
    release,
    finished: () => finished,
    aborted: () => aborted,
  };
}

async function classifiedConduct(
  {
    classifier,
    asked,
  }: {
    classifier: GuidelineClassifier;
    asked: string[][];
  } = recordingClassifier(),
) {
  const errors: unknown[] = [];
  const conduct = createConduct({
    model: createScriptedModel().on('compose', 'Sure.'),
    strategies: [matchAllStrategy()],
    guidelineClassifier: classifier,
    onError: (error) => errors.push(error),
  });
  const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
  const session = await agent.createSession();
  const say = async (message: string) => {
    const { turn } = await conduct.engine.postCustomerMessage(session.id, { message });
    return turn;
  };
  /** Each guideline's condition and whether it was labelled continuous, by condition. */
  const facts = async () =>
    (await conduct.store.guidelines.list())
      .map((g: Guideline) => [g.condition, g.classification?.continuous ?? null])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return { conduct, agent, session, asked, errors, say, facts };
}

/** Says something, then waits for the classification the turn started (prepare waits for it). */
async function sayAndClassify(conduct: Conduct) {
  const agent = await conduct.agents.get('support');
  const session = await agent.createSession();
  return async (message: string) => {
    const { turn } = await conduct.engine.postCustomerMessage(session.id, { message });
    const outcome = await turn;
    await conduct.prepare();
    return outcome;
  };
}

describe('guideline classification from the library', () => {
  it("classifies the agent's new guidelines after a turn, once, and prepare() waits for it", async () => {
    const { conduct, agent, asked, errors, facts } = await classifiedConduct();
    const say = await sayAndClassify(conduct);
    const upset = { id: 'upset', condition: 'the customer is upset' };
    await agent.guidelines.create({ ...upset, action: 'stay calm' });
    await agent.guidelines.create({ condition: 'the customer is a business' });
    expect(await facts()).toEqual([
      ['the customer is a business', null],
      ['the customer is upset', null],
    ]);

    expect((await say('hello')).status).toBe('answered');
    expect(asked).toEqual([['the customer is upset']]);
    expect(await facts()).toEqual([
      ['the customer is a business', null],
      ['the customer is upset', true],
    ]);

    await say('hello again');
    expect(asked).toHaveLength(1);

    // Reworded: only the changed guideline is asked about.
    await agent.guidelines.create({ ...upset, action: 'stay calm and kind' });
    await say('and again');
    expect(asked).toEqual([['the customer is upset'], ['the customer is upset']]);
    expect(errors).toEqual([]);
  });

  it('conduct.prepare() classifies every stored guideline before any turn', async () => {
    const { conduct, agent, asked } = await classifiedConduct();
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });
    const other = await conduct.agents.create({ id: 'sales', name: 'Sam' });
    await other.guidelines.create({ condition: 'the customer wants a quote', action: 'give one' });

    const report = await conduct.prepare();
    expect(report.classified).toHaveLength(2);
    expect(asked.map((conditions) => conditions.sort())).toEqual([
      ['the customer is upset', 'the customer wants a quote'],
    ]);
  });

  it("a slow classification does not delay the next turn's reply", async () => {
    const slow = slowClassifier();
    const { agent, say, conduct, errors } = await classifiedConduct(slow);
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });

    expect((await say('hello')).status).toBe('answered');
    await slow.started;
    // Released only later: the second reply must not wait for it.
    const release = setTimeout(slow.release, 400);
    expect((await say('hello again')).status).toBe('answered');
    expect(slow.finished()).toBe(false);
    clearTimeout(release);
    slow.release();
    await conduct.prepare();
    expect(slow.finished()).toBe(true);
    expect(errors).toEqual([]);
    await conduct.close();
  });

  it('close() aborts a classification in flight and waits for it, without an error', async () => {
    const slow = slowClassifier();
    const { agent, say, conduct, errors } = await classifiedConduct(slow);
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });
    expect((await say('hello')).status).toBe('answered');
    await slow.started;

    await conduct.close();
    expect(slow.aborted()).toBe(true);
    expect(slow.finished()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('conduct.prepare() does not classify again what a turn is classifying', async () => {
    const slow = slowClassifier();
    const { agent, say, conduct, asked } = await classifiedConduct(slow);
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });
    expect((await say('hello')).status).toBe('answered');
    await slow.started;

    const prepared = conduct.prepare();
    setTimeout(slow.release, 50);
    const report = await prepared;
    expect(asked).toEqual([['the customer is upset']]);
    expect(report.classified).toEqual([]);
    expect(report.cached).toHaveLength(1);
  });

  it("conduct.prepare() gives its model calls the engine's timeout", async () => {
    const model = createScriptedModel().on('classify-guideline', {});
    const conduct = createConduct({
      model,
      strategies: [matchAllStrategy()],
      modelTimeoutMs: 1234,
      guidelineClassifier: {
        needsClassification: () => true,
        async classify({ model: given, guidelines = [] }) {
          await given.generateObject({
            task: 'classify-guideline',
            messages: [{ role: 'user', content: 'classify' }],
            schema: z.object({}),
          });
          return { classified: guidelines.map((g) => g.id), cached: [], failed: [] };
        },
      },
    });
    const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });
    await conduct.prepare();
    expect(model.callsFor('classify-guideline').map((call) => call.request.timeoutMs)).toEqual([
      1234,
    ]);
  });

  it('conduct.prepare() does nothing with a falsy classifier (as the engine)', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
      guidelineClassifier: null as unknown as undefined,
    });
    expect(await conduct.prepare()).toEqual({ classified: [], cached: [], failed: [] });
  });

  it('conduct.prepare() does nothing without a classifier', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
    });
    expect(await conduct.prepare()).toEqual({ classified: [], cached: [], failed: [] });
  });
});
