import { type Conduct, createConduct, createMemoryStore } from '@conduct/core';
import {
  behaviorSnapshot,
  createScriptedModel,
  failingWrites,
  keywordStrategy,
} from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { caller } from './behavior-harness.js';

const chat = (id: string) => ({ id, type: 'chat', instruction: `do ${id}` });

/** An app whose store can be made to fail at a chosen write. */
function failingApp() {
  const failing = failingWrites(createMemoryStore());
  const conduct = createConduct({
    store: failing.store,
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  const app = createConductApp({ conduct, onUnexpectedError: () => {} });
  return { conduct, failing, call: caller(app) };
}

/** Journeys `j` and `k`, guidelines and canned responses scoped to them, relationships, a tag. */
async function seed(call: ReturnType<typeof caller>): Promise<void> {
  const created = async (path: string, body: unknown) => {
    const response = await call('POST', path, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  };
  await created('/agents', { id: 'ava', name: 'Ava' });
  await created('/tags', { id: 'vip', name: 'VIP' });
  for (const id of ['j', 'k']) {
    await created('/journeys', {
      id,
      title: `Journey ${id}`,
      description: '',
      conditions: [],
      states: [chat('ask'), chat('done')],
      transitions: [{ id: 'ask.done', from: 'ask', to: 'done' }],
    });
  }
  const guideline = (id: string, tags: string[]) =>
    created('/guidelines', { id, condition: `when ${id}`, action: `do ${id}`, tags });
  await guideline('g1', ['agent:ava']);
  await guideline('inJ', ['journey:j']);
  await guideline('inJK', ['journey:j', 'journey:k']);
  await guideline('atAsk', ['journey_node:j:ask']);
  await created('/relationships', {
    source_guideline: 'g1',
    target_tag: 'journey:j',
    kind: 'entailment',
  });
  await created('/relationships', {
    source_guideline: 'inJ',
    target_guideline: 'g1',
    kind: 'entailment',
  });
  await created('/relationships', {
    source_guideline: 'g1',
    target_tag: 'vip',
    kind: 'entailment',
  });
  const canned = (id: string, tags: string[]) =>
    created('/canned_responses', { id, value: `Reply ${id}.`, fields: [], tags });
  await canned('onG1', ['agent:ava', 'guideline:g1']);
  await canned('onJ', ['journey:j']);
  await canned('atJAsk', ['journey_node:j:ask']);
}

const DELETIONS = [
  {
    name: 'a journey',
    path: '/journeys/j',
    code: (conduct: Conduct) => conduct.model.journeys.delete('j'),
  },
  {
    name: 'a guideline',
    path: '/guidelines/g1',
    code: (conduct: Conduct) => conduct.model.guidelines.delete('g1'),
  },
  {
    name: 'a tag',
    path: '/tags/vip',
    code: (conduct: Conduct) => conduct.model.tags.delete('vip'),
  },
];

describe('deleting over HTTP is atomic', () => {
  for (const deletion of DELETIONS) {
    it(`deleting ${deletion.name} changes nothing when any of its writes fails`, async () => {
      let failures = 0;
      for (let nth = 1; ; nth += 1) {
        const { conduct, failing, call } = failingApp();
        await seed(call);
        const before = await behaviorSnapshot(conduct.store);
        failing.failAt(nth);
        const response = await call('DELETE', deletion.path);
        if (response.status === 204) break;
        expect(response.status).toBe(500);
        expect(await behaviorSnapshot(conduct.store)).toEqual(before);
        failures += 1;
      }
      expect(failures).toBeGreaterThan(1);
    });
  }

  it('deleting events changes nothing (events, engine state) when any of its writes fails', async () => {
    let failures = 0;
    for (let nth = 1; ; nth += 1) {
      const { conduct, failing, call } = failingApp();
      await call('POST', '/agents', { id: 'ava', name: 'Ava' });
      await call('POST', '/guidelines', {
        condition: 'the customer asks about refunds',
        action: 'explain refunds',
        tags: ['agent:ava'],
      });
      const session = (await call('POST', '/sessions', { agent_id: 'ava' })).body;
      const posted = await call('POST', `/sessions/${session.id}/events`, {
        kind: 'message',
        source: 'customer',
        message: 'refunds please',
      });
      await conduct.engine.idle(session.id);
      const stored = async () => ({
        session: await conduct.store.sessions.get(session.id),
        events: await conduct.store.events.list(session.id),
      });
      const before = await stored();
      expect(before.session.state.recentlyMatched).not.toEqual([]);
      failing.failAt(nth);
      const response = await call(
        'DELETE',
        `/sessions/${session.id}/events?min_offset=${posted.body.offset}`,
      );
      if (response.status === 204) {
        expect((await stored()).session.state.recentlyMatched).toEqual([]);
        break;
      }
      expect(response.status).toBe(500);
      expect(await stored()).toEqual(before);
      failures += 1;
    }
    expect(failures).toBeGreaterThan(0);
  });
});

describe('the rules of the behavior model are the same from code and over HTTP', () => {
  for (const deletion of DELETIONS) {
    it(`deleting ${deletion.name} leaves the same model either way`, async () => {
      const overHttp = failingApp();
      const fromCode = failingApp();
      await seed(overHttp.call);
      await seed(fromCode.call);
      expect((await overHttp.call('DELETE', deletion.path)).status).toBe(204);
      await deletion.code(fromCode.conduct);
      const expected = await behaviorSnapshot(overHttp.conduct.store, { content: true });
      expect(await behaviorSnapshot(fromCode.conduct.store, { content: true })).toEqual(expected);
    });
  }
});
