import { describe, expect, it } from 'vitest';
import type { Guideline } from '../../src/domain/guideline.js';
import { type Journey, journeyInputSchema } from '../../src/domain/journey.js';
import type { JourneyPosition } from '../../src/domain/session-state.js';
import type { JourneyStepper } from '../../src/engine/journey-stepper.js';
import type { MatchOutcome } from '../../src/engine/match-stage.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import type { TurnContext } from '../../src/engine/turn-context.js';
import { TurnRecorder } from '../../src/engine/turn-recorder.js';
import { TurnJourneys } from '../../src/journeys/turn-journeys.js';
import type {
  RelationshipResolution,
  ResolveRelationshipsInput,
} from '../../src/relationships/types.js';
import type { TurnRecordStore } from '../../src/store/ports.js';

const NOW = '2026-01-01T00:00:00.000Z';
const TRACE = '0'.repeat(32);

/** ask -> confirm -> done (end), triggered by "wants a refund". */
function refundJourney(id: string): Journey {
  const input = journeyInputSchema.parse({
    id,
    title: `Refund ${id}`,
    triggers: [{ id: 'wants', condition: 'the customer wants a refund' }],
    initialStateId: 'ask',
    states: [
      { id: 'ask', type: 'chat', instruction: 'Ask for the order number' },
      { id: 'confirm', type: 'chat', instruction: 'Confirm the refund' },
      { id: 'done', type: 'end' },
    ],
    transitions: [
      { id: 't1', from: 'ask', to: 'confirm', condition: 'the customer gave the order number' },
      { id: 't2', from: 'confirm', to: 'done', condition: null },
    ],
  });
  return { ...input, id, createdAt: NOW } as Journey;
}

function at(journeyId: string, stateId: string): JourneyPosition {
  return {
    journeyId,
    stateId,
    path: ['ask', stateId].slice(stateId === 'ask' ? 1 : 0),
    outcome: 'active',
    updatedAt: NOW,
    traceId: null,
  };
}

function turn(
  journeys: Journey[],
  stored: Record<string, JourneyPosition>,
  stepper?: JourneyStepper,
) {
  const context = {
    traceId: TRACE,
    agent: { maxEngineIterations: 3 },
    session: { state: { journeys: stored } },
    journeys,
    guidelines: [],
    activeJourneys: [],
    signal: new AbortController().signal,
  } as unknown as TurnContext;
  const store = { save: async (record) => record } as TurnRecordStore;
  const recorder = new TurnRecorder(store, { sessionId: 's', agentId: 'a', traceId: TRACE });
  return { journeys: new TurnJourneys({ context, recorder, stepper }), recorder, context };
}

/** A strategy that takes every candidate, so triggers ride its batch. */
const everything: MatchingStrategy = {
  name: 'observation',
  handles: () => true,
  evaluate: async () => ({ verdicts: [] }),
};

/** Matching that holds exactly the candidates whose condition `holds` accepts. */
function matchWhere(holds: (guideline: Guideline) => boolean) {
  const asked: Guideline[][] = [];
  const match = async (candidates: readonly Guideline[]): Promise<MatchOutcome> => {
    asked.push([...candidates]);
    const matched = new Map(
      candidates.filter(holds).map((g) => [g.id, { rationale: 'yes', clarification: undefined }]),
    );
    const verdicts = candidates.map((g) => ({
      entity: { type: 'guideline' as const, id: g.id },
      strategy: 'observation',
      matched: holds(g),
      rationale: 'yes',
      error: null,
    }));
    return { matched, verdicts };
  };
  return { match, asked };
}

/** A stepper that advances every journey it is asked about along its first move. */
const advancing: JourneyStepper = {
  name: 'journey-step',
  step: async () => ({ action: 'advance', move: 0, rationale: 'done' }),
};

/** A resolution that keeps exactly the journeys in `keep` of those active. */
function keepJourneys(keep: string[]) {
  const resolver = (input: ResolveRelationshipsInput): RelationshipResolution => ({
    guidelineIds: [...input.matchedGuidelineIds],
    journeyIds: input.activeJourneyIds.filter((id) => keep.includes(id)),
    reasons: [],
    disambiguations: [],
    reevaluateAfterTools: {},
  });
  return { matchedGuidelineIds: [], resolver };
}

describe('TurnJourneys: one status per journey per turn', () => {
  it('tracks a stepped, a triggered and a held journey, and saves what moved', async () => {
    const stepped = refundJourney('stepped');
    const triggered = refundJourney('triggered');
    const { journeys } = turn([stepped, triggered], { stepped: at('stepped', 'ask') }, advancing);
    expect(journeys.status('stepped')).toEqual({ kind: 'unchanged' });

    const { match } = matchWhere((g) => g.condition === 'the customer wants a refund');
    await journeys.matchingWave({
      stage: 'match',
      candidates: [],
      strategies: [everything],
      match,
    });
    expect(journeys.status('stepped')).toEqual({ kind: 'moved', completed: false });
    expect(journeys.status('triggered')).toMatchObject({ kind: 'started', before: undefined });

    // A relationship drops the journey that moved: it is held, and its new position still saved.
    journeys.resolve(keepJourneys(['triggered']));
    expect(journeys.status('stepped')).toEqual({ kind: 'held', moved: true, completed: false });
    const result = journeys.result();
    expect(result.ready.journeys).toEqual(['triggered']);
    expect(result.positions.stepped?.stateId).toBe('confirm');
    expect(result.positions.triggered?.stateId).toBe('ask');
  });

  it('undoes a start a relationship dropped: back to the stored position, nothing to report', async () => {
    const journey = refundJourney('refund');
    const finished = { ...at('refund', 'ask'), stateId: null, outcome: 'completed' as const };
    const { journeys, recorder } = turn([journey], { refund: finished });
    const { match } = matchWhere((g) => g.condition.startsWith('the customer wants a refund'));
    await journeys.matchingWave({
      stage: 'match',
      candidates: [],
      strategies: [everything],
      match,
    });
    expect(journeys.status('refund')).toMatchObject({ kind: 'started', before: finished });

    journeys.resolve(keepJourneys([]));
    expect(journeys.status('refund')).toEqual({ kind: 'moved', completed: false });
    expect(journeys.result().ready).toEqual({ journeys: [], states: [] });
    expect(journeys.result().positions.refund).toEqual(finished);
    expect(recorder.record.journeys.map((d) => d.action)).toEqual(['restarted', 'held']);
  });
});

describe('TurnJourneys: synthetic candidates map back to their journey', () => {
  it('maps a trigger verdict to its journey, even when the journey id has colons', async () => {
    const journey = refundJourney('returns:v2');
    const { journeys, recorder } = turn([journey], {});
    const { match, asked } = matchWhere((g) => g.condition === 'the customer wants a refund');
    const outcome = await journeys.matchingWave({
      stage: 'match',
      candidates: [],
      strategies: [everything],
      match,
    });
    // The trigger and the two first moves rode the wave; only the journey's verdict comes back.
    expect(asked[0]?.length).toBe(3);
    expect(outcome.matched.size).toBe(0);
    expect(outcome.verdicts.map((v) => v.entity)).toEqual([{ type: 'journey', id: 'returns:v2' }]);
    expect(journeys.status('returns:v2')).toMatchObject({ kind: 'started' });
    expect(recorder.record.journeys[0]).toMatchObject({ journeyId: 'returns:v2', to: 'ask' });
  });

  it('takes the first move the wave found done, by the move the candidate stands for', async () => {
    const journey = refundJourney('refund');
    const { journeys } = turn([journey], {});
    // The trigger and the move to `confirm` hold; the move past `confirm` does not.
    const { match } = matchWhere((g) => !g.condition.includes('Confirm the refund'));
    await journeys.matchingWave({
      stage: 'match',
      candidates: [],
      strategies: [everything],
      match,
    });
    expect(journeys.result().ready.states).toEqual(['refund:confirm']);
  });

  it('leaves a real guideline whose id reads like a trigger candidate alone', async () => {
    const journey = refundJourney('refund');
    const { journeys } = turn([journey], {});
    const lookalike = {
      id: 'journey-trigger:refund:legacy',
      condition: 'the customer is angry',
    } as Guideline;
    const { match } = matchWhere((g) => g.id === lookalike.id);
    const outcome = await journeys.matchingWave({
      stage: 'match',
      candidates: [lookalike],
      strategies: [everything],
      match,
    });
    expect([...outcome.matched.keys()]).toEqual([lookalike.id]);
    expect(outcome.verdicts.find((v) => v.entity.id === lookalike.id)?.entity.type).toBe(
      'guideline',
    );
    expect(journeys.status('refund')).toEqual({ kind: 'unchanged' });
  });

  it('offers triggers in the first wave only', async () => {
    const journey = refundJourney('refund');
    const { journeys } = turn([journey], {});
    const { match, asked } = matchWhere(() => false);
    await journeys.matchingWave({
      stage: 'match',
      candidates: [],
      strategies: [everything],
      match,
    });
    await journeys.matchingWave({
      stage: 'match-1',
      candidates: [],
      strategies: [everything],
      match,
    });
    expect(asked.map((candidates) => candidates.length)).toEqual([3, 0]);
  });
});
