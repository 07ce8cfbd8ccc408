import { describe, expect, it } from 'vitest';
import {
  emptySessionEngineState,
  type SessionEngineState,
} from '../../src/domain/session-state.js';
import { type TrimTurn, trimSessionState } from '../../src/engine/session-state-trim.js';

const T1 = '1'.repeat(32);
const T2 = '2'.repeat(32);
const T3 = '3'.repeat(32);
const AT = '2026-01-01T00:00:00.000Z';
const NOW = '2026-01-02T00:00:00.000Z';

function turn(traceId: string, guidelines: string[], journeyStates: string[] = []): TrimTurn {
  return {
    traceId,
    status: 'completed',
    matched: { guidelines, journeys: [], journeyStates },
  };
}

function state(overrides: Partial<SessionEngineState>): SessionEngineState {
  return { ...emptySessionEngineState(), ...overrides };
}

describe('trimSessionState', () => {
  const turns = [
    turn(T1, ['g1'], ['j1:ask']),
    turn(T2, ['g1', 'g2'], ['j1:confirm']),
    turn(T3, ['g3'], ['j1:done', 'j2:start']),
  ];
  const before = state({
    recentlyMatched: [['g3'], ['g1', 'g2'], ['g1']],
    appliedGuidelines: [
      { guidelineId: 'g1', traceId: T2, appliedAt: AT, count: 2 },
      { guidelineId: 'g2', traceId: T2, appliedAt: AT, count: 1 },
      { guidelineId: 'g3', traceId: T3, appliedAt: AT, count: 1 },
    ],
    journeys: {
      j1: {
        journeyId: 'j1',
        stateId: 'done',
        path: ['ask', 'confirm', 'done'],
        outcome: 'active',
        updatedAt: AT,
        traceId: T3,
      },
      j2: {
        journeyId: 'j2',
        stateId: 'start',
        path: ['start'],
        outcome: 'active',
        updatedAt: AT,
        traceId: T3,
      },
    },
    transfers: [{ fromAgentId: 'a1', toAgentId: 'a2', reason: null, traceId: T3, at: AT }],
  });

  it('forgets what the deleted turns added and keeps what earlier turns did', () => {
    const trim = trimSessionState({
      state: before,
      agentId: 'a2',
      deletedTraceIds: [T3],
      turns,
      now: NOW,
    });
    expect(trim.changed).toBe(true);
    expect(trim.state.recentlyMatched).toEqual([['g1', 'g2'], ['g1']]);
    expect(trim.state.appliedGuidelines.map((entry) => entry.guidelineId)).toEqual(['g1', 'g2']);
    expect(trim.state.journeys.j1).toMatchObject({
      stateId: 'confirm',
      path: ['ask', 'confirm'],
      outcome: 'active',
      traceId: T2,
      updatedAt: NOW,
    });
    expect(trim.state.journeys.j2).toBeUndefined();
    expect(trim.state.transfers).toEqual([]);
    expect(trim.agentId).toBe('a1');
  });

  it('keeps an earlier application of a guideline last applied in a deleted turn', () => {
    const trim = trimSessionState({
      state: before,
      agentId: 'a2',
      deletedTraceIds: [T2, T3],
      turns,
      now: NOW,
    });
    expect(trim.state.recentlyMatched).toEqual([['g1']]);
    expect(trim.state.appliedGuidelines).toEqual([
      { guidelineId: 'g1', traceId: T1, appliedAt: AT, count: 1 },
    ]);
    expect(trim.state.journeys.j1).toMatchObject({ stateId: 'ask', path: ['ask'] });
  });

  it('changes nothing when no remembered turn was deleted', () => {
    const other = 'f'.repeat(32);
    const trim = trimSessionState({
      state: before,
      agentId: 'a2',
      deletedTraceIds: [other],
      turns,
      now: NOW,
    });
    expect(trim.changed).toBe(false);
    expect(trim.state).toBe(before);
    expect(
      trimSessionState({ state: before, agentId: 'a2', deletedTraceIds: [], turns, now: NOW })
        .changed,
    ).toBe(false);
  });

  it('counts only completed deleted turns against recentlyMatched', () => {
    const cancelled: TrimTurn = { ...turn(T3, []), status: 'cancelled' };
    const trim = trimSessionState({
      state: state({ recentlyMatched: [['g1', 'g2'], ['g1']] }),
      agentId: 'a1',
      deletedTraceIds: [T3],
      turns: [turn(T1, ['g1']), turn(T2, ['g1', 'g2']), cancelled],
      now: NOW,
    });
    expect(trim.state.recentlyMatched).toEqual([['g1', 'g2'], ['g1']]);
    expect(trim.changed).toBe(false);
  });
});

describe('trimSessionState with journey decisions', () => {
  it('restores a journey the surviving turn completed as completed, not active again', () => {
    const finished: TrimTurn = {
      ...turn(T1, [], ['j1:thanks']),
      journeys: [
        {
          journeyId: 'j1',
          action: 'completed',
          from: 'thanks',
          to: null,
          via: [],
          decidedBy: 'engine',
          reason: 'the closing step was said',
        },
      ],
    };
    const restarted = state({
      journeys: {
        j1: {
          journeyId: 'j1',
          stateId: 'ask',
          path: ['ask'],
          outcome: 'active',
          updatedAt: AT,
          traceId: T2,
        },
      },
    });
    const trim = trimSessionState({
      state: restarted,
      agentId: 'a1',
      deletedTraceIds: [T2],
      turns: [finished, turn(T2, [], ['j1:ask'])],
      now: NOW,
    });
    expect(trim.state.journeys.j1).toMatchObject({
      stateId: null,
      outcome: 'completed',
      traceId: T1,
    });
  });
});

describe('trimSessionState with journey ids containing ":"', () => {
  it("does not read journey `a:b`'s state as a state of journey `a`", () => {
    const moved = state({
      journeys: {
        a: {
          journeyId: 'a',
          stateId: 'start',
          path: ['start'],
          outcome: 'active',
          updatedAt: AT,
          traceId: T2,
        },
      },
    });
    const trim = trimSessionState({
      state: moved,
      agentId: 'a1',
      deletedTraceIds: [T2],
      // Only journey `a:b` (at state `x`) was active after the surviving turn.
      turns: [turn(T1, [], ['a:b:x']), turn(T2, [], ['a:start', 'a:b:x'])],
      now: NOW,
    });
    expect(trim.state.journeys.a).toBeUndefined();
  });
});
