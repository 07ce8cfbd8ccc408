import { createConduct, type ResponseAnalyzer } from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/index.js';

/** Response analysis that takes a while, as a model call does: it runs after the reply. */
const slowAnalyzer: ResponseAnalyzer = {
  async analyze({ guidelines }) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { appliedGuidelineIds: guidelines.map((guideline) => guideline.id) };
  },
};

async function conversation() {
  const store = await createPostgresStore();
  const errors: unknown[] = [];
  const conduct = createConduct({
    store,
    model: createScriptedModel().on('compose', 'It ships tomorrow.'),
    strategies: [matchAllStrategy()],
    responseAnalyzer: slowAnalyzer,
    onError: (error) => errors.push(error),
  });
  const agent = await conduct.agents.create({ name: 'Ava' });
  const guideline = await agent.guidelines.create({
    condition: 'the customer asks about an order',
    action: 'say when it ships',
  });
  const session = await agent.createSession();
  return { store, conduct, session, guideline, errors };
}

// After the reply a turn still analyses it and writes the result; closing the store right after
// `await turn` must not cut that off ("turn failed: … closed").
describe('the end of a turn, on PGlite', { timeout: 30_000 }, () => {
  it('`await turn` covers the after-reply work: closing the store at once loses nothing', async () => {
    const { store, conduct, session, guideline, errors } = await conversation();
    const { turn } = await conduct.engine.postCustomerMessage(session.id, {
      message: 'When does my order ship?',
    });
    expect((await turn).status).toBe('answered');
    const state = (await store.sessions.get(session.id)).state;
    expect(state.appliedGuidelines.map((entry) => entry.guidelineId)).toEqual([guideline.id]);
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual([]);
  });

  it('closing the store right after `engine.idle` logs no error', async () => {
    const { store, conduct, session, errors } = await conversation();
    await conduct.engine.postCustomerMessage(session.id, { message: 'When does it ship?' });
    await conduct.engine.idle(session.id);
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual([]);
  });
});
