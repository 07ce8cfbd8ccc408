import { describe, expect, it } from 'vitest';
import { type Agent, agentSchema } from '../../src/domain/agent.js';
import type { CompositionMode } from '../../src/domain/common.js';
import { type Guideline, guidelineInputSchema } from '../../src/domain/guideline.js';
import { type Journey, journeyInputSchema } from '../../src/domain/journey.js';
import { resolveCompositionMode } from '../../src/engine/composer-selection.js';
import type { ActiveJourneyView } from '../../src/engine/turn-context.js';
import { cannedSetup } from './canned-harness.js';
import { choose } from './fixtures.js';

const NOW = '2025-01-01T00:00:00.000Z';

function agent(mode: CompositionMode): Agent {
  return agentSchema.parse({
    id: 'a1',
    name: 'Ava',
    description: null,
    compositionMode: mode,
    outputMode: 'block',
    maxEngineIterations: 3,
    tags: [],
    createdAt: NOW,
  });
}

function guideline(id: string, mode: CompositionMode | null): Guideline {
  return {
    ...guidelineInputSchema.parse({ condition: `c ${id}`, compositionMode: mode }),
    id,
    createdAt: NOW,
  } as Guideline;
}

function active(journeyMode: CompositionMode | null, stateMode: CompositionMode | null) {
  const journey = {
    ...journeyInputSchema.parse({
      title: 'Returns',
      initialStateId: 'ask',
      compositionMode: journeyMode,
      states: [
        { id: 'ask', type: 'chat', instruction: 'Ask for the order', compositionMode: stateMode },
      ],
    }),
    id: 'j1',
    createdAt: NOW,
  } as Journey;
  return { journey, state: journey.states[0] } as ActiveJourneyView;
}

describe('resolveCompositionMode: the strictest mode in effect wins', () => {
  it("uses the agent's mode when nothing overrides it", () => {
    expect(resolveCompositionMode(agent('canned_fluid'), [guideline('g', null)], [])).toEqual({
      mode: 'canned_fluid',
      source: null,
      reason: expect.stringContaining('agent'),
    });
  });

  it('tightens by a matched guideline', () => {
    const resolved = resolveCompositionMode(agent('fluid'), [guideline('g', 'strict_canned')], []);
    expect(resolved).toMatchObject({
      mode: 'strict_canned',
      source: { type: 'guideline', id: 'g' },
    });
  });

  it('tightens by the active journey state, and by the journey', () => {
    expect(
      resolveCompositionMode(agent('fluid'), [], [active(null, 'composited_canned')]),
    ).toMatchObject({
      mode: 'composited_canned',
      source: { type: 'journey-state', id: 'j1:ask' },
    });
    expect(
      resolveCompositionMode(agent('fluid'), [], [active('canned_fluid', null)]),
    ).toMatchObject({
      mode: 'canned_fluid',
      source: { type: 'journey', id: 'j1' },
    });
  });

  it('never loosens: a fluid override cannot undo a stricter agent, journey or guideline', () => {
    expect(
      resolveCompositionMode(
        agent('strict_canned'),
        [guideline('g', 'fluid')],
        [active('fluid', 'fluid')],
      ),
    ).toMatchObject({ mode: 'strict_canned', source: null });
    expect(
      resolveCompositionMode(
        agent('fluid'),
        [guideline('g', 'canned_fluid')],
        [active('strict_canned', 'fluid')],
      ),
    ).toMatchObject({ mode: 'strict_canned', source: { type: 'journey', id: 'j1' } });
  });

  it('reports the most specific override on a tie', () => {
    expect(
      resolveCompositionMode(
        agent('fluid'),
        [guideline('g', 'canned_fluid')],
        [active('canned_fluid', 'canned_fluid')],
      ).source,
    ).toEqual({ type: 'journey-state', id: 'j1:ask' });
  });
});

describe('mode overrides in a turn', () => {
  it('a matched guideline makes a fluid agent answer in strict mode; unmatched, it does not', async () => {
    const t = await cannedSetup({ compositionMode: 'fluid' });
    const warranty = await t.agent.guidelines.create({
      condition: 'the customer asks about the warranty',
      action: 'state the warranty terms',
      compositionMode: 'strict_canned',
    });
    await t.agent.cannedResponses.create({ value: 'Every product has a 2-year warranty.' });
    t.model.on('compose', 'Hi there!').on('canned-strict', choose('2-year'));

    await t.say('hello');
    expect((await t.lastRecord()).composition).toMatchObject({ mode: 'fluid', outcome: 'fluid' });
    await t.say('what about the warranty?');
    expect((await t.replies()).map((r) => r.data.message)).toEqual([
      'Hi there!',
      'Every product has a 2-year warranty.',
    ]);
    expect((await t.lastRecord()).composition).toMatchObject({
      mode: 'strict_canned',
      modeSource: { type: 'guideline', id: warranty.id },
      outcome: 'template',
    });
  });
});
