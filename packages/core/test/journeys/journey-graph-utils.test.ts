import { describe, expect, it } from 'vitest';
import { journeyStateTag, parseTag } from '../../src/domain/built-in-tags.js';
import type { Journey } from '../../src/domain/journey.js';
import { journeyMermaid } from '../../src/journeys/journey-mermaid.js';
import {
  advancePosition,
  backtrackPosition,
  leavePosition,
  reconcilePosition,
  startPosition,
} from '../../src/journeys/journey-position.js';
import {
  inJourneyScope,
  journeyStateRef,
  parseJourneyStateRef,
} from '../../src/journeys/journey-scope.js';
import {
  journeyGraphHash,
  MAX_SKIPPED_STEPS,
  prepareJourney,
} from '../../src/journeys/prepared-transitions.js';

const stamp = { traceId: 't', now: '2026-01-01T00:00:00.000Z' };
const chat = (id: string) => ({
  id,
  type: 'chat' as const,
  instruction: id,
  description: null,
  compositionMode: null,
  metadata: {},
});
const line = (ids: string[]) =>
  ({
    id: 'j',
    title: 'J',
    initialStateId: ids[0],
    states: ids.map(chat),
    transitions: ids
      .slice(1)
      .map((to, i) => ({ id: `t${i}`, from: ids[i], to, condition: `c${i}` })),
  }) as unknown as Journey;

describe('prepared transitions', () => {
  it('offers multi-step moves, bounded by the skip limit, and caches by content', () => {
    const journey = line(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const moves = prepareJourney(journey).movesFrom('a');
    expect(moves.map((m) => m.to)).toEqual(['b', 'c', 'd', 'e'].slice(0, MAX_SKIPPED_STEPS + 1));
    expect(moves[2]).toEqual({
      to: 'd',
      via: ['b', 'c'],
      requires: [
        { kind: 'condition', text: 'c0' },
        { kind: 'done', stateId: 'b' },
        { kind: 'condition', text: 'c1' },
        { kind: 'done', stateId: 'c' },
        { kind: 'condition', text: 'c2' },
      ],
    });
    expect(prepareJourney(line(['a', 'b', 'c', 'd', 'e', 'f', 'g']))).toBe(prepareJourney(journey));
    expect(journeyGraphHash(line(['a', 'b']))).not.toBe(journeyGraphHash(line(['a', 'c'])));
    // A closing step with no exits finishes the journey.
    expect(prepareJourney(journey).movesFrom('g')).toEqual([{ to: null, via: [], requires: [] }]);
  });

  it('passes through forks and stops at tool states, without looping', () => {
    const journey = {
      id: 'j',
      title: 'J',
      initialStateId: 'a',
      states: [
        chat('a'),
        { id: 'f', type: 'fork' },
        { id: 'tool', type: 'tool', tools: ['x:y'] },
        chat('b'),
      ],
      transitions: [
        { id: '1', from: 'a', to: 'f', condition: null },
        { id: '2', from: 'f', to: 'tool', condition: 'needs lookup' },
        { id: '3', from: 'f', to: 'b', condition: 'knows it' },
        { id: '4', from: 'b', to: 'a', condition: 'start over' },
        { id: '5', from: 'tool', to: 'b', condition: null },
      ],
    } as unknown as Journey;
    expect(prepareJourney(journey).movesFrom('a')).toEqual([
      { to: 'tool', via: ['f'], requires: [{ kind: 'condition', text: 'needs lookup' }] },
      { to: 'b', via: ['f'], requires: [{ kind: 'condition', text: 'knows it' }] },
    ]);
  });
});

describe('journey positions', () => {
  it('advances, backtracks, leaves and completes', () => {
    const journey = line(['a', 'b', 'c']);
    const start = startPosition(journey, stamp);
    expect(start).toMatchObject({ stateId: 'a', path: ['a'], outcome: 'active' });
    const atC = advancePosition(start, { to: 'c', via: ['b'], requires: [] }, journey, stamp);
    expect(atC).toMatchObject({ stateId: 'c', path: ['a', 'b', 'c'] });
    expect(backtrackPosition(atC, 'b', stamp)).toMatchObject({ stateId: 'b', path: ['a', 'b'] });
    expect(leavePosition(atC, stamp)).toMatchObject({
      stateId: null,
      outcome: 'left',
      path: ['a', 'b', 'c'],
    });
    expect(advancePosition(atC, { to: null, via: [], requires: [] }, journey, stamp)).toMatchObject(
      {
        stateId: null,
        outcome: 'completed',
      },
    );
  });

  it('reconciles a position after an edit, and leaves a sound one alone', () => {
    const position = { ...startPosition(line(['a']), stamp), stateId: 'c', path: ['a', 'x', 'c'] };
    const edited = line(['a', 'b']);
    const result = reconcilePosition(position, edited, stamp);
    expect(result.position).toMatchObject({ stateId: 'a', path: ['a'] });
    expect(result.reset).toContain("state 'c' no longer exists");
    const sound = { ...position, stateId: 'b', path: ['a', 'b'] };
    expect(reconcilePosition(sound, edited, stamp)).toEqual({ position: sound });
  });
});

describe('journey scope tags', () => {
  it('scopes to a journey, or to one of its states', () => {
    const tag = journeyStateTag('trip:1', 'ask');
    expect(tag).toBe('journey_node:trip:1:ask');
    expect(parseTag(tag)).toEqual({ kind: 'journey-state', journeyId: 'trip:1', stateId: 'ask' });
    const at = (id: string) => (id === 'trip:1' ? 'ask' : undefined);
    expect(inJourneyScope([tag], at)).toBe(true);
    expect(inJourneyScope([journeyStateTag('trip:1', 'other')], at)).toBe(false);
    expect(inJourneyScope(['journey:trip:1'], at)).toBe(true);
    expect(inJourneyScope(['journey:other'], at)).toBe(false);
    expect(inJourneyScope(['agent:a'], at)).toBe(true);
  });

  it('names a state as `<journeyId>:<stateId>`, split at the last colon', () => {
    expect(journeyStateRef('trip:1', 'ask')).toBe('trip:1:ask');
    expect(parseJourneyStateRef('trip:1:ask')).toEqual({ journeyId: 'trip:1', stateId: 'ask' });
    expect(parseJourneyStateRef('ask')).toBeUndefined();
    expect(parseJourneyStateRef('trip:')).toBeUndefined();
  });
});

describe('journeyMermaid', () => {
  it('draws the graph in the reference layout', () => {
    expect(journeyMermaid(line(['a', 'b'])).split('\n')).toEqual([
      'stateDiagram-v2',
      '    N0: a',
      '    N1: b',
      '    [*] --> N0',
      '    N0 --> N1: c0',
      'style N0 fill:#006e53,stroke:#ffffff,stroke-width:2px,color:#ffffff',
      'style N1 fill:#006e53,stroke:#ffffff,stroke-width:2px,color:#ffffff',
    ]);
  });
});
