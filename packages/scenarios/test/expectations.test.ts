import type { TurnRecord } from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';
import { describe, expect, it } from 'vitest';
import { evaluateExpectation } from '../src/expect/evaluate.js';
import { NameIndex } from '../src/expect/names.js';
import type { ExpectationView } from '../src/expect/view.js';
import type { Expectation } from '../src/scenario/types.js';
import type { AgentCatalog } from '../src/target.js';

const catalog: AgentCatalog = {
  agentId: 'shop',
  guidelines: [],
  journeys: [
    {
      id: 'claim',
      title: 'Warranty claim',
      states: ['ask', 'lookup', 'coverage', 'covered', 'expired'].map((id) => ({ id, text: id })),
    },
  ],
  tools: ['warranty_lookup'],
  cannedResponses: [{ id: 'confirmed', value: 'Good news: …' }],
};

function record(change: (record: TurnRecord) => void): TurnRecord {
  const value = newTurnRecord({
    id: 'r1',
    sessionId: 's1',
    agentId: 'shop',
    traceId: 't1',
    startedAt: new Date(0).toISOString(),
  });
  change(value);
  return value;
}

async function messages(expectation: Expectation, view: Partial<ExpectationView>) {
  const records = view.records ?? [];
  const checks = await evaluateExpectation({
    expectation,
    catalog,
    view: {
      scope: 'turn',
      status: 'answered',
      reply: 'Good news: …',
      records,
      recordMissing: false,
      session: { mode: 'auto', agentId: 'shop', variables: {} },
      openedWith: 'shop',
      names: new NameIndex(records, catalog),
      transcript: [],
      ...view,
    },
  });
  return checks.filter((check) => !check.passed).map((check) => check.message);
}

const atCovered = record((r) => {
  r.matched.journeys = ['claim'];
  r.matched.journeyStates = ['claim:covered'];
  r.journeys = [
    {
      journeyId: 'claim',
      action: 'advanced',
      from: 'ask',
      to: 'covered',
      via: ['lookup', 'coverage'],
      decidedBy: 'journey-step',
      reason: 'in warranty',
    },
  ];
  r.composition = {
    mode: 'canned_fluid',
    modeSource: null,
    modeReason: 'the state asks for it',
    candidates: ['confirmed'],
    excluded: [],
    chosen: 'confirmed',
    outcome: 'template',
    reason: 'the draft states it',
  };
});

describe('expectations', () => {
  it('reads where a journey is and how it got there', async () => {
    const journey = (state: string, via?: string[]) => ({
      journey: { name: 'Warranty claim', state, ...(via ? { via } : {}) },
    });
    expect(await messages(journey('covered', ['coverage']), { records: [atCovered] })).toEqual([]);
    expect(await messages(journey('expired', ['unknown']), { records: [atCovered] })).toEqual([
      "expected the journey 'Warranty claim' to be at 'expired', but the journey 'Warranty claim' has no state 'unknown' (its states: ask, lookup, coverage, covered, expired)",
    ]);
    expect(await messages(journey('expired'), { records: [atCovered] })).toEqual([
      `expected the journey 'Warranty claim' to be at 'expired', but it is at 'covered' (it moved from 'ask' to 'covered'; reason: "in warranty")`,
    ]);
    expect(
      await messages(
        { journey: { name: 'Warranty claim', active: false } },
        { records: [atCovered] },
      ),
    ).toEqual([
      `expected the journey 'Warranty claim' not to be active, but it is at 'covered' (it moved from 'ask' to 'covered'; reason: "in warranty")`,
    ]);
    expect(
      await messages({ journey: { name: 'Warranty' } }, { records: [record(() => {})] }),
    ).toEqual([
      "expected the journey 'Warranty' to be active, but the agent has no journey with that title or id — did you mean 'Warranty claim'?",
    ]);
  });

  it('reads how the reply was composed', async () => {
    expect(
      await messages({ reply: { template: 'confirmed', strict: false } }, { records: [atCovered] }),
    ).toEqual([]);
    expect(
      await messages({ reply: { template: 'other', strict: true } }, { records: [atCovered] }),
    ).toEqual([
      "expected the reply to be the approved template 'other', but the agent has no approved template with that id",
      "expected the reply to be composed in strict mode (approved wording only), but the approved template 'confirmed' was sent (in 'canned_fluid' mode)",
    ]);
  });

  it('reads the session: hand-over, transfer and variables', async () => {
    const session = {
      mode: 'manual' as const,
      agentId: 'billing',
      variables: { membership: { tier: 'plus' }, visits: 3 },
    };
    expect(
      await messages(
        {
          session: {
            handedOff: true,
            transferredTo: 'billing',
            variables: { membership: { tier: 'plus' }, visits: '3' },
          },
        },
        { session },
      ),
    ).toEqual([]);
    expect(
      await messages(
        {
          session: {
            handedOff: false,
            transferredTo: 'sales',
            variables: { tier: 'plus', visits: 4 },
          },
        },
        { session },
      ),
    ).toEqual([
      'expected the conversation not to be handed to a human, but it was (the session is in manual mode)',
      "expected the conversation to be transferred to the agent 'sales', but it is with the agent 'billing'",
      `expected the variable 'tier' to be "plus", but it is not set`,
      "expected the variable 'visits' to be 4, but it is 3",
    ]);
  });

  it('says how a turn ended when it was not with a reply, and when a judge is missing', async () => {
    expect(
      await messages(
        { reply: { judge: 'is polite' } },
        { status: 'error', error: 'model timed out' },
      ),
    ).toEqual([
      'expected the turn to end with a reply, but it ended with an error: model timed out',
      'expected the reply to meet "is polite", but no judge model was given to decide it',
    ]);
  });
});

describe('checks that something did not happen, without the whole decision record', () => {
  const guideline = { id: 'g-refund', title: 'Refund', text: 'When …, then …' };
  const withGuideline: AgentCatalog = { ...catalog, guidelines: [guideline] };

  async function failures(expectation: Expectation, recordMissing: boolean) {
    const checks = await evaluateExpectation({
      expectation,
      catalog: withGuideline,
      view: {
        scope: 'turn',
        status: 'answered',
        reply: 'Done.',
        records: [],
        recordMissing,
        session: { mode: 'auto', agentId: 'shop', variables: {} },
        openedWith: 'shop',
        names: new NameIndex([], withGuideline),
        transcript: [],
      },
    });
    return checks.filter((check) => !check.passed).map((check) => check.message);
  }

  it('fail instead of passing when the record could not be read', async () => {
    const expectation: Expectation = {
      guidelines: { notMatched: ['Refund'] },
      tools: { notCalled: ['warranty_lookup'] },
    };
    const missing = await failures(expectation, true);
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/could not be read in full.*whether the guideline 'Refund' applied/);
    expect(missing[1]).toMatch(/whether the tool 'warranty_lookup' was called/);
    expect(await failures(expectation, false)).toEqual([]);
  });
});
