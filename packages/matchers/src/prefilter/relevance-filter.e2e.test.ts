import { createConduct } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { electronicsGuidelines } from './fixtures/turn-context.js';
import { createRelevanceFilter } from './relevance-filter.js';

describe('relevance filter in a turn (createConduct)', () => {
  it('narrows 120 guidelines to top K + recent and records the rest as skipped', async () => {
    const model = createScriptedModel().on('compose', 'Let me help with that.');
    const conduct = createConduct({
      model,
      strategies: [keywordStrategy()],
      candidateFilter: createRelevanceFilter(),
    });
    const agent = await conduct.agents.create({ name: 'Volt' });
    for (const guideline of electronicsGuidelines()) await agent.guidelines.create(guideline);
    const session = await agent.createSession();
    const say = async (message: string) => {
      const posted = await conduct.engine.postCustomerMessage(session.id, { message });
      await conduct.engine.idle(session.id);
      const [record] = await conduct.store.turns.list(session.id, {
        traceId: posted.event.traceId,
      });
      return record!;
    };

    const first = await say('My new laptop battery drains in two hours, is that normal?');
    expect(first.candidates).toHaveLength(36);
    expect(first.candidates).toContainEqual({ type: 'guideline', id: 'g015' });
    expect(first.skipped).toHaveLength(84);
    expect(first.skipped[0]?.reason).toMatch(/^low relevance \(rank \d+ of 120, bm25 /);
    const matchedFirst = first.matched.guidelines;
    expect(matchedFirst).toContain('g015');

    const second = await say('Do you have student discounts?');
    const candidateIds = second.candidates.map((entity) => entity.id);
    expect(candidateIds.length).toBeLessThanOrEqual(36 + matchedFirst.length);
    expect(candidateIds).toEqual(expect.arrayContaining([...matchedFirst, 'g066']));
    expect(second.skipped.length).toBe(120 - candidateIds.length);
    expect(second.skipped.every(({ reason }) => reason.startsWith('low relevance'))).toBe(true);
    await conduct.close();
  });
});
