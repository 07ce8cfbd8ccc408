import { describe, expect, it } from 'vitest';
import { type JourneyInput, journeyInputSchema } from '../../src/domain/journey.js';
import { ValidationError } from '../../src/errors/errors.js';
import { journeyProblems, validateJourney } from '../../src/journeys/validate-journey.js';
import { journeySetup } from './harness.js';

const base: JourneyInput = {
  title: 'Returns',
  initialStateId: 'ask',
  triggers: [{ id: 't1', condition: 'the customer wants a return' }],
  states: [
    { id: 'ask', type: 'chat', instruction: 'Ask for the order number' },
    { id: 'check', type: 'tool', tools: ['local:lookup'] },
    { id: 'tell', type: 'chat', instruction: 'Explain the next steps' },
    { id: 'end', type: 'end' },
  ],
  transitions: [
    { id: 'a', from: 'ask', to: 'check', condition: 'the customer gave the number' },
    { id: 'b', from: 'check', to: 'tell', condition: null },
    { id: 'c', from: 'tell', to: 'end', condition: null },
  ],
};

function problems(change: (j: JourneyInput) => JourneyInput, options = {}) {
  const input = change(structuredClone(base));
  return journeyProblems(journeyInputSchema.parse(input), options).map((issue) => [
    issue.type,
    issue.message,
  ]);
}

describe('journey validation', () => {
  it('accepts a sound journey, and one without triggers', () => {
    expect(journeyProblems(validateJourney(base))).toEqual([]);
    expect(() => validateJourney({ ...base, triggers: [] })).not.toThrow();
  });

  it.each([
    [
      'unknown initial state',
      (j: JourneyInput): JourneyInput => ({ ...j, initialStateId: 'nope' }),
      'unknown_state',
      "initial state 'nope'",
    ],
    [
      'end as initial state',
      (j: JourneyInput): JourneyInput => ({ ...j, initialStateId: 'end' }),
      'invalid_initial_state',
      "initial state 'end' is an end state",
    ],
    [
      'transition to an unknown state',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: [
          ...(j.transitions ?? []),
          { id: 'x', from: 'tell', to: 'ghost', condition: 'c' },
        ],
      }),
      'unknown_state',
      "transition 'x' goes to unknown state 'ghost'",
    ],
    [
      'transition from an unknown state',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: [
          ...(j.transitions ?? []),
          { id: 'x', from: 'ghost', to: 'tell', condition: null },
        ],
      }),
      'unknown_state',
      "transition 'x' goes from unknown state 'ghost'",
    ],
    [
      'unreachable state',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        states: [...j.states, { id: 'orphan', type: 'chat', instruction: 'Hi' }],
      }),
      'unreachable_state',
      "state 'orphan' cannot be reached",
    ],
    [
      'tool state with no way out',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: (j.transitions ?? []).filter((t) => t.id !== 'b'),
      }),
      'no_way_out',
      "state 'check' is a tool state with no way out",
    ],
    [
      'tool state with conditional exits',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: (j.transitions ?? []).map((t) =>
          t.id === 'b' ? { ...t, condition: 'it worked' } : t,
        ),
      }),
      'tool_exits',
      "state 'check' is a tool state and must have exactly one unconditional exit",
    ],
    [
      'mixed conditional and unconditional exits',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: [
          ...(j.transitions ?? []),
          { id: 'd', from: 'ask', to: 'tell', condition: null },
        ],
      }),
      'mixed_exits',
      "state 'ask' mixes conditional and unconditional exits",
    ],
    [
      'fork with no exits',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        states: [...j.states, { id: 'f', type: 'fork' }],
        transitions: [
          ...(j.transitions ?? []),
          { id: 'f1', from: 'tell', to: 'f', condition: 'x' },
        ].map((t) => (t.id === 'c' ? { ...t, condition: 'y' } : t)),
      }),
      'dead_end',
      "state 'f' is a fork with no exits",
    ],
    [
      'end state with exits',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: [
          ...(j.transitions ?? []),
          { id: 'e', from: 'end', to: 'ask', condition: null },
        ],
      }),
      'end_with_exits',
      "state 'end' is an end state but has exits",
    ],
    [
      'duplicate state id',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        states: [...j.states, { id: 'tell', type: 'end' }],
      }),
      'duplicate_state',
      "state id 'tell' is used more than once",
    ],
    [
      'duplicate transition id',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        transitions: [
          ...(j.transitions ?? []),
          { id: 'a', from: 'tell', to: 'end', condition: null },
        ],
      }),
      'duplicate_transition',
      "transition id 'a'",
    ],
    [
      'duplicate trigger id',
      (j: JourneyInput): JourneyInput => ({
        ...j,
        triggers: [...(j.triggers ?? []), { id: 't1', condition: 'again' }],
      }),
      'duplicate_trigger',
      "trigger id 't1'",
    ],
  ])('reports %s, naming the state', (_name, change, type, message) => {
    const found = problems(change);
    expect(found).toContainEqual([type, expect.stringContaining(message)]);
  });

  it('checks nested journeys and tools when it can', () => {
    const nested = (j: JourneyInput): JourneyInput => ({
      ...j,
      id: 'returns',
      states: j.states.map((s) =>
        s.id === 'tell' ? { id: 'tell', type: 'journey', journeyId: 'ghost' } : s,
      ),
    });
    expect(problems(nested, { journeyExists: () => false })).toContainEqual([
      'unknown_journey',
      "state 'tell' nests journey 'ghost', which does not exist",
    ]);
    expect(problems(nested, { journeyExists: () => true })).toEqual([]);
    const self = (j: JourneyInput): JourneyInput => ({
      ...nested(j),
      states: j.states.map((s) =>
        s.id === 'tell' ? { id: 'tell', type: 'journey', journeyId: 'returns' } : s,
      ),
    });
    expect(problems(self)).toContainEqual(['nested_self', "state 'tell' nests its own journey"]);
    expect(problems((j) => j, { toolExists: () => false })).toContainEqual([
      'unknown_tool',
      "state 'check' names tool 'local:lookup', which is not registered",
    ]);
  });

  it('throws one ValidationError naming the journey and every problem', () => {
    const bad = {
      ...base,
      states: [...base.states, { id: 'orphan', type: 'chat' as const, instruction: 'x' }],
    };
    expect(() => validateJourney(bad)).toThrow(ValidationError);
    expect(() => validateJourney(bad)).toThrow(
      /Invalid journey 'Returns': state 'orphan' cannot be reached/,
    );
    expect(() => validateJourney({ ...base, states: [] })).toThrow(/Invalid journey 'Returns'/);
  });

  it('rejects an invalid journey from code before storing anything', async () => {
    const t = await journeySetup();
    await expect(
      t.agent.journeys.create({
        title: 'Broken',
        states: [
          { id: 'a', type: 'chat', instruction: 'Hi' },
          { id: 'run', type: 'tool', tools: ['local:missing'] },
        ],
        transitions: [{ from: 'a', to: 'run', condition: 'ok' }],
      }),
    ).rejects.toThrow(
      /Invalid journey 'Broken': .*state 'run' is a tool state with no way out.*state 'run' names tool 'local:missing'/,
    );
    expect(await t.conduct.store.journeys.list()).toEqual([]);
  });
});
