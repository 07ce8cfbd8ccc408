import { describe, expect, it } from 'vitest';
import { collectCandidates, isInScope } from '../../src/canned/candidates.js';
import type { FieldSources } from '../../src/canned/field-sources.js';
import { shortlist } from '../../src/canned/shortlist.js';
import { agentSchema } from '../../src/domain/agent.js';
import { NO_MATCH_TAG, PREAMBLE_TAG } from '../../src/domain/built-in-tags.js';
import type { CannedResponse } from '../../src/domain/canned-response.js';
import type { ActiveJourneyView } from '../../src/engine/turn-context.js';
import { cannedSetup } from './canned-harness.js';
import { choose } from './fixtures.js';

const NOW = '2025-01-01T00:00:00.000Z';
const agent = agentSchema.parse({
  id: 'a1',
  name: 'Ava',
  description: null,
  compositionMode: 'strict_canned',
  outputMode: 'block',
  maxEngineIterations: 3,
  tags: ['support'],
  createdAt: NOW,
});

function response(id: string, tags: string[], value = `text ${id}`): CannedResponse {
  return {
    id,
    value,
    tags,
    fields: [],
    signals: [],
    metadata: {},
    fieldDependencies: [],
    createdAt: NOW,
  };
}

const returns = {
  journey: { id: 'returns' },
  state: { id: 'ask-order' },
} as unknown as ActiveJourneyView;

const scope = (extra: Partial<Parameters<typeof isInScope>[1]> = {}) => ({
  agent,
  matchedGuidelineIds: new Set<string>(),
  activeJourneys: [] as ActiveJourneyView[],
  ...extra,
});

describe('which canned responses a turn may use', () => {
  it('scopes by agent tags: untagged are global, others need the agent or one of its tags', () => {
    expect(isInScope(response('r', []), scope())).toBe(true);
    expect(isInScope(response('r', ['agent:a1']), scope())).toBe(true);
    expect(isInScope(response('r', ['support']), scope())).toBe(true);
    expect(isInScope(response('r', ['agent:other']), scope())).toBe(false);
    expect(isInScope(response('r', ['sales']), scope())).toBe(false);
  });

  it('offers journey- and state-scoped responses only while that journey / state is active', () => {
    const byJourney = response('j', ['agent:a1', 'journey:returns']);
    const byState = response('s', ['journey_node:ask-order']);
    const otherState = response('o', ['journey_node:refund']);
    expect(isInScope(byJourney, scope())).toBe(false);
    expect(isInScope(byState, scope())).toBe(false);
    const inJourney = scope({ activeJourneys: [returns] });
    expect(isInScope(byJourney, inJourney)).toBe(true);
    expect(isInScope(byState, inJourney)).toBe(true);
    expect(isInScope(otherState, inJourney)).toBe(false);
    // The agent scope still applies to an associated response.
    expect(isInScope(response('x', ['agent:other', 'journey:returns']), inJourney)).toBe(false);
  });

  it("scopes to one journey's state with `journey_node:<journeyId>:<stateId>`", () => {
    // Both journeys have an `ask-order` state; the qualified tag picks the one of `returns`.
    const exchange = {
      journey: { id: 'exchange' },
      state: { id: 'ask-order' },
    } as unknown as ActiveJourneyView;
    const qualified = response('q', ['journey_node:returns:ask-order']);
    expect(isInScope(qualified, scope({ activeJourneys: [returns] }))).toBe(true);
    expect(isInScope(qualified, scope({ activeJourneys: [exchange] }))).toBe(false);
    expect(isInScope(qualified, scope())).toBe(false);
  });

  it('offers guideline-associated responses only while the guideline is matched', () => {
    const tied = response('g', ['guideline:g1']);
    expect(isInScope(tied, scope())).toBe(false);
    expect(isInScope(tied, scope({ matchedGuidelineIds: new Set(['g1']) }))).toBe(true);
  });

  it('keeps preamble and no-match responses out of the reply candidates', () => {
    const sources: FieldSources = {
      agent,
      customer: { id: 'c', name: 'Dana', metadata: {}, tags: [], createdAt: NOW },
      toolFields: [],
      variables: [],
      insights: [],
    };
    const all = [response('r', []), response('p', [PREAMBLE_TAG]), response('n', [NO_MATCH_TAG])];
    const ids = (purpose?: 'reply' | 'preamble' | 'no-match') =>
      collectCandidates(all, scope(), sources, purpose).candidates.map((c) => c.response.id);
    expect(ids()).toEqual(['r']);
    expect(ids('preamble')).toEqual(['p']);
    expect(ids('no-match')).toEqual(['n']);
  });

  it('shortlists associated responses first, then by shared words', () => {
    const sources = {
      agent,
      customer: { id: 'c', name: 'D', metadata: {}, tags: [], createdAt: NOW },
      toolFields: [],
      variables: [],
      insights: [],
    };
    const { candidates } = collectCandidates(
      [
        response('a', [], 'We are open nine to five'),
        response('b', [], 'Your refund is on its way'),
        response('c', ['guideline:g'], 'A guideline reply'),
      ],
      scope({ matchedGuidelineIds: new Set(['g']) }),
      sources,
    );
    const { kept, dropped } = shortlist(candidates, ['where is my refund'], 2);
    expect(kept.map((c) => c.response.id)).toEqual(['c', 'b']);
    expect(dropped).toEqual([{ id: 'a', reason: expect.stringContaining('2 most relevant') }]);
  });
});

describe('guideline-associated templates in a turn', () => {
  it('become candidates when their guideline matches', async () => {
    const t = await cannedSetup({ compositionMode: 'strict_canned' });
    const returnsGuideline = await t.agent.guidelines.create({
      condition: 'the customer wants to return something',
      action: 'explain the return policy',
    });
    await t.agent.cannedResponses.create({ value: 'Hello!' });
    await t.agent.cannedResponses.create({
      value: 'You can return any item within 30 days.',
      guidelines: [returnsGuideline],
    });
    t.model.on('canned-strict', choose('30 days'));
    await t.say('hello');
    expect(t.promptOf('canned-strict')).not.toContain('30 days');
    await t.say('I want to return my blender');
    expect(t.promptOf('canned-strict', 1)).toContain('30 days');
    expect((await t.replies())[1]?.data.message).toBe('You can return any item within 30 days.');
  });
});
