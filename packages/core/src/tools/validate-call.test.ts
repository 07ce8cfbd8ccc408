import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { toolInsightSchema } from '../domain/turn-record.js';
import { defineTool } from './define-tool.js';
import { runToolCalls } from './run-tool-calls.js';
import { validateToolCall } from './validate-call.js';

const scope = { agentId: 'agent1', sessionId: 'session1', customerId: 'guest', traceId: 'trace' };

const returnItem = defineTool({
  name: 'return_item',
  description: 'Starts a return',
  parameters: z.object({
    order_id: z.string().describe('The order number'),
    reason: z.enum(['damaged', 'late', 'other']),
    quantity: z.number().int().min(1).default(1),
    email: z.email().optional(),
    note: z.string().nullable().optional(),
    address: z
      .object({ zip: z.string().describe('Postal code'), city: z.string().optional() })
      .optional(),
    items: z.array(z.object({ sku: z.string(), color: z.string().optional() })).optional(),
  }),
  run: () => 'ok',
});

function failure(proposed: unknown) {
  const result = validateToolCall(returnItem, proposed);
  if (result.ok) throw new Error('expected validation to fail');
  for (const insight of result.insights) toolInsightSchema.parse(insight);
  return result.insights;
}

describe('validateToolCall', () => {
  it('accepts valid arguments and applies defaults', () => {
    const result = validateToolCall(returnItem, { order_id: 'A1', reason: 'late' });
    expect(result).toEqual({
      ok: true,
      args: { order_id: 'A1', reason: 'late', quantity: 1 },
      strippedKeys: [],
    });
  });

  it('reports a missing required parameter as missing-argument, with its description', () => {
    expect(failure({ reason: 'late' })).toEqual([
      {
        tool: 'local:return_item',
        kind: 'missing-argument',
        parameter: 'order_id',
        message: 'order_id: missing required string (The order number)',
      },
    ]);
  });

  it('treats null for a required parameter as missing', () => {
    expect(failure({ order_id: null, reason: 'late' })).toMatchObject([
      { kind: 'missing-argument', parameter: 'order_id' },
    ]);
  });

  it('reports a missing enum parameter with its choices', () => {
    expect(failure({ order_id: 'A1' })).toEqual([
      expect.objectContaining({
        kind: 'missing-argument',
        parameter: 'reason',
        message: 'reason: missing required value (one of "damaged", "late", "other")',
      }),
    ]);
  });

  it('reports a wrong type as invalid-argument a composer can phrase as a question', () => {
    expect(failure({ order_id: 42, reason: 'late' })).toEqual([
      {
        tool: 'local:return_item',
        kind: 'invalid-argument',
        parameter: 'order_id',
        message: 'order_id: expected string, received number (The order number)',
      },
    ]);
  });

  it('reports enum, format and range problems', () => {
    const insights = failure({ order_id: 'A1', reason: 'bored', email: 'nope', quantity: 0 });
    expect(insights.map((i) => [i.kind, i.parameter, i.message])).toEqual([
      [
        'invalid-argument',
        'reason',
        'reason: expected one of "damaged", "late", "other", received "bored"',
      ],
      [
        'invalid-argument',
        'quantity',
        'quantity: too small: expected number to be >=1, received 0',
      ],
      ['invalid-argument', 'email', 'email: expected a valid email address, received "nope"'],
    ]);
    expect(failure({ order_id: 'A1', reason: 'late', quantity: 1.5 })).toMatchObject([
      { parameter: 'quantity', message: 'quantity: expected integer, received number' },
    ]);
  });

  it('reports nested problems with a path', () => {
    const insights = failure({
      order_id: 'A1',
      reason: 'late',
      address: { city: 'Oslo' },
      items: [{ sku: 'S1' }, { sku: 7 }],
    });
    expect(insights).toEqual([
      expect.objectContaining({
        kind: 'missing-argument',
        parameter: 'address.zip',
        message: 'address.zip: missing required string (Postal code)',
      }),
      expect.objectContaining({
        kind: 'invalid-argument',
        parameter: 'items[1].sku',
        message: 'items[1].sku: expected string, received number',
      }),
    ]);
  });

  it('treats null for an optional parameter as absent, at any depth', () => {
    const result = validateToolCall(returnItem, {
      order_id: 'A1',
      reason: 'late',
      quantity: null,
      email: null,
      address: { zip: '0150', city: null },
      items: [{ sku: 'S1', color: null }],
    });
    expect(result).toEqual({
      ok: true,
      args: {
        order_id: 'A1',
        reason: 'late',
        quantity: 1,
        address: { zip: '0150' },
        items: [{ sku: 'S1' }],
      },
      strippedKeys: [],
    });
  });

  it('keeps null for a parameter that accepts null', () => {
    const result = validateToolCall(returnItem, { order_id: 'A1', reason: 'late', note: null });
    expect(result.ok && result.args.note).toBeNull();
  });

  it('strips unknown top-level keys, even for a strict schema', () => {
    const strict = defineTool({
      name: 'strict',
      description: 'd',
      parameters: z.strictObject({ a: z.string() }),
      run: () => null,
    });
    expect(validateToolCall(strict, { a: 'x', extra: 1, other: true })).toEqual({
      ok: true,
      args: { a: 'x' },
      strippedKeys: ['extra', 'other'],
    });
    const fromJson: unknown = JSON.parse(
      '{"order_id":"A1","reason":"late","__proto__":{"polluted":1}}',
    );
    const result = validateToolCall(returnItem, fromJson);
    expect(result).toMatchObject({ ok: true, strippedKeys: ['__proto__'] });
    expect(result.ok && Object.getPrototypeOf(result.args)).toBe(Object.prototype);
  });

  it('reports non-object arguments as invalid', () => {
    for (const proposed of ['order A1', 42, ['A1'], true]) {
      expect(failure(proposed)).toEqual([
        expect.objectContaining({ kind: 'invalid-argument', parameter: null }),
      ]);
    }
    expect(failure('x')[0]?.message).toBe(
      'arguments: expected an object of named parameters, received string',
    );
  });

  it('treats undefined or null arguments as a call without arguments', () => {
    const noArgs = defineTool({
      name: 'ping',
      description: 'd',
      parameters: z.object({}),
      run: () => 'pong',
    });
    expect(validateToolCall(noArgs, undefined)).toEqual({ ok: true, args: {}, strippedKeys: [] });
    expect(validateToolCall(noArgs, null)).toEqual({ ok: true, args: {}, strippedKeys: [] });
    expect(failure(null).map((i) => i.kind)).toEqual(['missing-argument', 'missing-argument']);
  });

  it('never throws, even when the schema does', () => {
    const throwing = defineTool({
      name: 'throwing',
      description: 'd',
      parameters: z.object({
        a: z.string().transform(() => {
          throw new Error('boom');
        }),
      }),
      run: () => null,
    });
    expect(validateToolCall(throwing, { a: 'x' })).toEqual({
      ok: false,
      insights: [
        expect.objectContaining({
          kind: 'invalid-argument',
          message: 'arguments: could not be validated (boom)',
        }),
      ],
    });
  });

  it('keeps invalid arguments away from run', async () => {
    const run = vi.fn(() => 'ran');
    const guarded = defineTool({
      name: 'guarded',
      description: 'd',
      parameters: z.object({ order_id: z.string() }),
      run,
    });
    const proposals: unknown[] = [
      {},
      { order_id: 1 },
      'A1',
      { order_id: null },
      [],
      { order_id: 'A1' },
    ];
    const calls = proposals.flatMap((proposed) => {
      const checked = validateToolCall(guarded, proposed);
      return checked.ok ? [{ tool: guarded, args: checked.args }] : [];
    });
    const outcomes = await runToolCalls(calls, { context: scope });
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ traceId: 'trace' }), {
      order_id: 'A1',
    });
    expect(outcomes).toHaveLength(1);
  });
});
