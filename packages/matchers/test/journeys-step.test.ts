import {
  type Journey,
  type JourneyStepRequest,
  journeySchema,
  ModelOutputError,
} from '@conduct/core';
import { prepareJourney } from '@conduct/core/internal';
import { createScriptedModel, type ScriptedModelCall, scripted } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import {
  describeMove,
  JOURNEY_STEP_TASK,
  journeyStepPrompt,
  readJourneyStep,
  stepLetter,
} from '../src/journeys/journey-step-task.js';
import { createJourneyStepper } from '../src/journeys/journey-stepper.js';
import { turnContext } from './fixtures.js';

const trip: Journey = journeySchema.parse({
  id: 'trip',
  title: 'Book a trip',
  description: 'Collect what is needed to book',
  triggers: [],
  initialStateId: 'dest',
  states: [
    { id: 'dest', type: 'chat', instruction: 'Ask for the destination' },
    { id: 'date', type: 'chat', instruction: 'Ask for the date' },
    { id: 'lookup', type: 'tool', tools: ['local:fares'] },
    { id: 'end', type: 'end' },
  ],
  transitions: [
    { id: 'a', from: 'dest', to: 'date', condition: 'a destination was named' },
    { id: 'b', from: 'date', to: 'lookup', condition: 'a date was given' },
    { id: 'c', from: 'lookup', to: 'end', condition: null },
  ],
  tags: [],
  labels: [],
  compositionMode: null,
  priority: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
});

function request(stateId: string, model = createScriptedModel()): JourneyStepRequest {
  const state = trip.states.find((s) => s.id === stateId) as Journey['states'][number];
  const visited = trip.states.filter((s) => s.id === 'dest' && stateId !== 'dest');
  return {
    context: turnContext({ model, conversation: ['Customer: Rome please, on May 3'] }),
    journey: trip,
    state,
    moves: state.type === 'tool' ? [] : prepareJourney(trip).movesFrom(stateId),
    visited,
  };
}

const text = (call: ScriptedModelCall | undefined) =>
  call?.messages.map((m) => m.content).join('\n') ?? '';

describe('journey-step task', () => {
  it('puts static instructions first and the flow, steps and numbered moves last', () => {
    const messages = journeyStepPrompt(request('dest'), ['Customer: Rome please, on May 3']);
    const all = messages.map((m) => m.content).join('\n');
    expect(all.indexOf('<instructions>')).toBeLessThan(all.indexOf('<conversation>'));
    expect(all.indexOf('<conversation>')).toBeLessThan(all.indexOf('<moves>'));
    expect(all).toContain('Flow: Book a trip');
    expect(all).toContain('<current-step>\nAsk for the destination');
    expect(all).toContain('1. to "Ask for the date", when: a destination was named');
    expect(all).toContain(
      '2. to "run fares", when: a destination was named; "Ask for the date" is already done; a date was given',
    );
    expect(all).toContain('<earlier-steps>\nnone');
  });

  it('shows earlier steps by letter and a tool state with no moves', () => {
    const all = journeyStepPrompt(request('lookup'), [])
      .map((m) => m.content)
      .join('\n');
    expect(all).toContain('A. Ask for the destination');
    expect(all).toContain('<moves>\nnone');
    expect(all).toContain('only "stay" or "leave" apply');
    expect(stepLetter(0)).toBe('A');
    expect(stepLetter(26)).toBe('AA');
  });

  it('tells a fork is only a choice, and names a nested journey by its title', () => {
    const nested: Journey = journeySchema.parse({
      ...trip,
      initialStateId: 'pick',
      states: [
        { id: 'pick', type: 'fork' },
        { id: 'addr', type: 'journey', journeyId: 'address' },
        { id: 'end', type: 'end' },
      ],
      transitions: [
        { id: 'p', from: 'pick', to: 'addr', condition: 'the customer wants delivery' },
        { id: 'q', from: 'pick', to: 'end', condition: 'the customer picks up in store' },
        { id: 'r', from: 'addr', to: 'end', condition: null },
      ],
    });
    const address = journeySchema.parse({ ...trip, id: 'address', title: 'Collect an address' });
    const prompt = (stateId: string) => {
      const state = nested.states.find((s) => s.id === stateId) as Journey['states'][number];
      const context = turnContext({ model: createScriptedModel(), conversation: [] });
      return journeyStepPrompt(
        {
          context: { ...context, journeys: [nested, address] },
          journey: nested,
          state,
          moves: prepareJourney(nested).movesFrom(stateId),
          visited: [],
        },
        [],
      )
        .map((m) => m.content)
        .join('\n');
    };
    expect(prompt('pick')).toContain('<current-step>\nA branch point with nothing to do');
    expect(prompt('pick')).toContain(
      '1. to "go through the sub-flow: Collect an address", when: the customer wants delivery',
    );
    expect(prompt('addr')).toContain(
      '<current-step>\ngo through the sub-flow: Collect an address (finished: this step is done)',
    );
  });

  it('reads stay, leave, a move number and a back letter', () => {
    const r = request('date');
    expect(readJourneyStep({ why: 'w', back: null, next: 'stay' }, r)).toEqual({
      action: 'stay',
      rationale: 'w',
    });
    expect(readJourneyStep({ why: 'w', back: null, next: 'leave' }, r)).toEqual({
      action: 'leave',
      rationale: 'w',
    });
    expect(readJourneyStep({ why: 'w', back: null, next: '1' }, r)).toEqual({
      action: 'advance',
      move: 0,
      rationale: 'w',
    });
    expect(readJourneyStep({ why: 'w', back: 'a', next: 'stay' }, r)).toEqual({
      action: 'backtrack',
      stateId: 'dest',
      rationale: 'w',
    });
    // An unknown letter is ignored; an unknown move is an output error, never guessed at.
    expect(readJourneyStep({ why: 'w', back: 'Q', next: 'stay' }, r).action).toBe('stay');
    expect(() => readJourneyStep({ why: 'w', back: null, next: '7' }, r)).toThrow(ModelOutputError);
    expect(describeMove({ to: null, via: [], requires: [] }, r)).toBe(
      'finish the flow, once the current step is done',
    );
  });

  it('makes one structured call routed by task name', async () => {
    const model = createScriptedModel().on(JOURNEY_STEP_TASK, {
      why: 'both given',
      back: null,
      next: '2',
    });
    const decision = await createJourneyStepper().step(request('dest', model));
    expect(decision).toEqual({ action: 'advance', move: 1, rationale: 'both given' });
    expect(model.callsFor(JOURNEY_STEP_TASK)).toHaveLength(1);
    expect(text(model.callsFor(JOURNEY_STEP_TASK)[0])).toContain('Rome please');
  });

  it('surfaces a failed call so the engine keeps the journey where it is', async () => {
    const model = createScriptedModel().on(JOURNEY_STEP_TASK, scripted.fail('down'));
    await expect(createJourneyStepper().step(request('dest', model))).rejects.toThrow('down');
  });
});
