import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ModelCallRecord } from '../model/language-model.js';
import { agentInputSchema, agentPatchSchema } from './agent.js';
import { formatToolRef, parseToolRef } from './common.js';
import { guidelineInputSchema } from './guideline.js';
import { journeyInputSchema } from './journey.js';
import { relationshipInputSchema } from './relationship.js';
import { sessionInputSchema } from './session.js';
import type { modelCallRecordSchema } from './turn-record.js';

describe('entity input schemas', () => {
  it('apply the documented defaults', () => {
    expect(agentInputSchema.parse({ name: 'Ava' })).toEqual({
      name: 'Ava',
      description: null,
      compositionMode: 'fluid',
      outputMode: 'block',
      maxEngineIterations: 3,
      tags: [],
      owner: null,
    });
    const guideline = guidelineInputSchema.parse({ condition: 'the customer asks for a refund' });
    expect(guideline).toMatchObject({
      action: null,
      criticality: 'medium',
      enabled: true,
      track: true,
      priority: 0,
      tools: [],
      owner: null,
    });
    const session = sessionInputSchema.parse({ agentId: 'agent00001' });
    expect(session.customerId).toBe('guest');
    expect(session.state).toEqual({
      appliedGuidelines: [],
      journeys: {},
      transfers: [],
      recentlyMatched: [],
    });
  });

  it('never fill defaults into a patch', () => {
    expect(agentPatchSchema.parse({ name: 'Bo' })).toEqual({ name: 'Bo' });
  });

  it('reject blank conditions and unknown enum values', () => {
    expect(guidelineInputSchema.safeParse({ condition: '   ' }).success).toBe(false);
    expect(agentInputSchema.safeParse({ name: 'A', compositionMode: 'loose' }).success).toBe(false);
  });

  it('reject a relationship from an entity to itself', () => {
    const result = relationshipInputSchema.safeParse({
      kind: 'entails',
      source: { type: 'guideline', id: 'g1' },
      target: { type: 'guideline', id: 'g1' },
    });
    expect(result.success).toBe(false);
  });

  it('parse journey states by type', () => {
    const journey = journeyInputSchema.parse({
      title: 'Return an item',
      initialStateId: 'ask',
      states: [
        { id: 'ask', type: 'chat', instruction: 'Ask for the order number' },
        { id: 'lookup', type: 'tool', tools: ['local:order_status'] },
        { id: 'done', type: 'end' },
      ],
      transitions: [
        { id: 't1', from: 'ask', to: 'lookup', condition: 'the customer gave the order number' },
        { id: 't2', from: 'lookup', to: 'done' },
      ],
    });
    expect(journey.states[1]).toMatchObject({ type: 'tool', instruction: null });
    expect(journey.transitions[1]?.condition).toBeNull();
    expect(
      journeyInputSchema.safeParse({
        title: 'x',
        initialStateId: 'a',
        states: [{ id: 'a', type: 'tool', tools: [] }],
      }).success,
    ).toBe(false);
  });

  it('round-trip tool references', () => {
    expect(parseToolRef(formatToolRef('local', 'order_status'))).toEqual({
      serviceName: 'local',
      toolName: 'order_status',
    });
  });

  it('persist exactly what the model port records', () => {
    expectTypeOf<ModelCallRecord>().toExtend<ReturnType<typeof modelCallRecordSchema.parse>>();
  });
});
