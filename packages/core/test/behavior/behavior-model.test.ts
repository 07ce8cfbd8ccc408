import { describe, expect, it } from 'vitest';
import { type BehaviorModel, createBehaviorModel } from '../../src/behavior/behavior-model.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { behaviorSnapshot } from '../../src/testing/behavior-snapshot.js';
import { failingWrites, InjectedWriteFailure } from '../../src/testing/failing-writes.js';

const chat = (id: string) => ({ id, type: 'chat' as const, instruction: `do ${id}` });

/** Two journeys, guidelines and canned responses scoped to them in every way, relationships. */
async function seed(store: ConductStore): Promise<void> {
  const model = createBehaviorModel({ store });
  await model.agents.create({ id: 'ava', name: 'Ava' });
  await model.tags.create({ id: 'vip', name: 'VIP' });
  for (const id of ['j', 'k']) {
    await model.journeys.create({
      id,
      title: `Journey ${id}`,
      initialStateId: 'ask',
      states: [chat('ask'), chat('done')],
      transitions: [{ id: 'ask.done', from: 'ask', to: 'done', condition: null }],
    });
  }
  const guideline = (id: string, tags: string[]) =>
    model.guidelines.create({ id, condition: `when ${id}`, action: `do ${id}`, tags });
  await guideline('g1', ['agent:ava']);
  await guideline('inJ', ['journey:j']);
  await guideline('inJK', ['journey:j', 'journey:k']);
  await guideline('atAsk', ['journey_node:j:ask']);
  await guideline('atAskAndK', ['journey_node:j:ask', 'journey_node:k:ask']);
  const relate = (
    id: string,
    source: string,
    target: { type: 'guideline' | 'journey' | 'tag'; id: string },
  ) =>
    model.relationships.create({
      id,
      kind: 'entails',
      source: { type: 'guideline', id: source },
      target,
    });
  await relate('r-g1-j', 'g1', { type: 'journey', id: 'j' });
  await relate('r-inJ-g1', 'inJ', { type: 'guideline', id: 'g1' });
  await relate('r-g1-vip', 'g1', { type: 'tag', id: 'vip' });
  const canned = (id: string, tags: string[]) =>
    model.cannedResponses.create({ id, value: `Reply ${id}.`, tags });
  await canned('onG1', ['agent:ava', 'guideline:g1']);
  await canned('onG1OrK', ['agent:ava', 'guideline:g1', 'journey:k']);
  await canned('onJ', ['journey:j']);
  await canned('atJAsk', ['journey_node:j:ask']);
}

const ids = async (store: ConductStore) => {
  const snapshot = await behaviorSnapshot(store);
  return Object.fromEntries(
    Object.entries(snapshot).map(([kind, entities]) => [kind, entities.map((e) => e.id)]),
  );
};

async function seeded() {
  const store = createMemoryStore();
  await seed(store);
  return { store, model: createBehaviorModel({ store }) };
}

describe('the behavior-model service applies every rule of an operation', () => {
  it('deleting a journey deletes its relationships and what is scoped to it alone', async () => {
    const { store, model } = await seeded();
    await model.journeys.delete('j');
    const after = await ids(store);
    expect(after.journeys).toEqual(['k']);
    expect(after.guidelines).toEqual(['atAskAndK', 'g1', 'inJK']);
    expect((await store.guidelines.get('inJK')).tags).toEqual(['journey:k']);
    expect((await store.guidelines.get('atAskAndK')).tags).toEqual(['journey_node:k:ask']);
    // The guideline deleted with the journey took its own relationship along.
    expect(after.relationships).toEqual(['r-g1-vip']);
    expect(after.cannedResponses).toEqual(['onG1', 'onG1OrK']);
  });

  it('deleting a guideline deletes its relationships and canned responses gated on it alone', async () => {
    const { store, model } = await seeded();
    await model.guidelines.delete('g1');
    const after = await ids(store);
    expect(after.relationships).toEqual([]);
    expect(after.cannedResponses).toEqual(['atJAsk', 'onG1OrK', 'onJ']);
    expect((await store.cannedResponses.get('onG1OrK')).tags).toEqual(['agent:ava', 'journey:k']);
  });

  it('deleting a tag deletes its relationships', async () => {
    const { store, model } = await seeded();
    await model.tags.delete('vip');
    expect((await ids(store)).relationships).toEqual(['r-g1-j', 'r-inJ-g1']);
  });

  it('validates journeys and canned responses before storing them', async () => {
    const { store, model } = await seeded();
    const before = await behaviorSnapshot(store);
    await expect(
      model.journeys.update('k', {
        transitions: [{ id: 't', from: 'ask', to: 'nowhere', condition: null }],
      }),
    ).rejects.toThrow(/Invalid journey 'Journey k'/);
    await expect(model.cannedResponses.create({ value: 'Hi {{name' })).rejects.toThrow(
      /Invalid canned response/,
    );
    expect(await behaviorSnapshot(store)).toEqual(before);
  });
});

type Operation = (model: BehaviorModel) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
  'deleting a journey': (model) => model.journeys.delete('j'),
  'deleting a guideline': (model) => model.guidelines.delete('g1'),
  'deleting a tag': (model) => model.tags.delete('vip'),
  'deleting variables by tag': (model) => model.variables.deleteByTag(undefined),
};

describe('an operation that fails halfway changes nothing', () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    it(`${name}, whichever of its writes fails`, async () => {
      let failures = 0;
      for (let nth = 1; ; nth += 1) {
        const store = createMemoryStore();
        await seed(store);
        await createBehaviorModel({ store }).variables.create({ name: 'plan', tags: ['vip'] });
        await createBehaviorModel({ store }).variables.create({ name: 'tier' });
        const failing = failingWrites(store);
        const model = createBehaviorModel({ store: failing.store });
        const before = await behaviorSnapshot(store);
        failing.failAt(nth);
        const outcome = await operation(model).then(
          () => 'done' as const,
          (error: unknown) => error,
        );
        if (outcome === 'done') break;
        expect(outcome).toBeInstanceOf(InjectedWriteFailure);
        expect(await behaviorSnapshot(store)).toEqual(before);
        failures += 1;
      }
      // Each of these is several writes: a failure after the first one was tried.
      expect(failures).toBeGreaterThan(1);
    });
  }
});
