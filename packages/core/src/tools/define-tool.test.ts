import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { toolDescriptorSchema } from '../domain/tool.js';
import { ConfigurationError } from '../errors/errors.js';
import { defineTool, type ToolArgsOf, type ToolDefinition } from './define-tool.js';
import type { ToolContext } from './tool-context.js';
import type { ToolReturn } from './tool-result.js';

const lookupOrder = defineTool({
  name: 'lookup_order',
  description: 'Finds an order by its number',
  parameters: z.object({
    order_id: z.string().describe('The order number'),
    include_items: z.boolean().default(false),
    channel: z.enum(['web', 'store']).optional(),
  }),
  run: async (_context, args) => ({ data: { id: args.order_id } }),
});

describe('defineTool', () => {
  it('builds the ref and applies defaults', () => {
    expect(lookupOrder.ref).toBe('local:lookup_order');
    expect(lookupOrder.service).toBe('local');
    expect(lookupOrder.consequential).toBe(false);
    expect(lookupOrder.timeoutMs).toBeUndefined();
    const crm = defineTool({
      name: 'refund',
      service: 'crm',
      description: 'Refunds an order',
      parameters: z.object({}),
      consequential: true,
      timeoutMs: 500,
      run: () => 'ok',
    });
    expect(crm.ref).toBe('crm:refund');
    expect(crm.consequential).toBe(true);
    expect(crm.timeoutMs).toBe(500);
  });

  it('infers run arguments from the zod schema (output side)', () => {
    expectTypeOf<ToolArgsOf<typeof lookupOrder>>().toEqualTypeOf<{
      order_id: string;
      include_items: boolean;
      channel?: 'web' | 'store' | undefined;
    }>();
    expectTypeOf(lookupOrder.run).parameter(0).toEqualTypeOf<ToolContext>();
    expectTypeOf(lookupOrder.run).returns.toEqualTypeOf<ToolReturn | Promise<ToolReturn>>();
    defineTool({
      name: 'typed',
      description: 'd',
      parameters: z.object({ n: z.number() }),
      run: (_context, args) => {
        expectTypeOf(args.n).toEqualTypeOf<number>();
        // @ts-expect-error: `missing` is not a declared parameter
        void args.missing;
        return args.n;
      },
    });
    function logOnly(): void {}
    defineTool({ name: 'log', description: 'd', parameters: z.object({}), run: logOnly });
    // @ts-expect-error: an object result must be a ToolResult with `data`
    const bad: ToolDefinition<z.ZodObject>['run'] = () => ({ balance: 1 });
    void bad;
  });

  it('accepts strict and loose object schemas', () => {
    const strict = defineTool({
      name: 's',
      description: 'd',
      parameters: z.strictObject({ a: z.string() }),
      run: (_context, args) => args.a,
    });
    expectTypeOf<ToolArgsOf<typeof strict>>().toEqualTypeOf<{ a: string }>();
    expect(strict.ref).toBe('local:s');
  });

  it('describes itself with a JSON Schema of the input side', () => {
    const descriptor = lookupOrder.descriptor('2026-01-01T00:00:00.000Z');
    expect(toolDescriptorSchema.parse(descriptor)).toEqual(descriptor);
    expect(descriptor).toMatchObject({
      ref: 'local:lookup_order',
      name: 'lookup_order',
      description: 'Finds an order by its number',
      consequential: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(descriptor.parameters).toMatchObject({
      type: 'object',
      properties: {
        order_id: { type: 'string', description: 'The order number' },
        include_items: { type: 'boolean', default: false },
        channel: { type: 'string', enum: ['web', 'store'] },
      },
      required: ['order_id'],
    });
    // Each descriptor is a fresh copy: editing one never changes the tool.
    (descriptor.parameters as { type: string }).type = 'changed';
    expect(lookupOrder.descriptor().parameters.type).toBe('object');
    expect(() => toolDescriptorSchema.parse(lookupOrder.descriptor())).not.toThrow();
  });

  it.each([
    ['an empty name', { name: '' }, /name must be a non-empty string/],
    ['a name with a colon', { name: 'a:b' }, /name "a:b" is invalid/],
    ['a name with spaces', { name: 'look up' }, /name "look up" is invalid/],
    ['a name that is too long', { name: 'x'.repeat(65) }, /is invalid; use 1-64/],
    ['a service with a colon', { service: 'x:y' }, /service "x:y" is invalid/],
    ['a blank description', { description: '  ' }, /description must be a non-empty string/],
    [
      'a raw shape as parameters',
      { parameters: { a: z.string() } },
      /parameters must be a zod object schema/,
    ],
    ['a non-object schema', { parameters: z.string() }, /parameters must be a zod object schema/],
    [
      'parameters JSON Schema cannot express',
      { parameters: z.object({ at: z.date() }) },
      /cannot be expressed as JSON Schema/,
    ],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [
      'an infinite timeout',
      { timeoutMs: Number.POSITIVE_INFINITY },
      /timeoutMs must be a positive number/,
    ],
    ['a missing run', { run: undefined }, /run must be a function/],
  ])('rejects %s with a ConfigurationError', (_label, override, message) => {
    const definition = {
      name: 'ok',
      description: 'd',
      parameters: z.object({}),
      run: () => null,
      ...override,
    } as unknown as ToolDefinition<z.ZodObject>;
    expect(() => defineTool(definition)).toThrow(ConfigurationError);
    expect(() => defineTool(definition)).toThrow(message);
  });
});
