import { toJsonSchema } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stripOptionalNulls, toOpenAIResponseFormat, toStrictJsonSchema } from '../src/index.js';

const strictOf = (schema: z.ZodType) => toStrictJsonSchema(toJsonSchema(schema));

describe('toStrictJsonSchema', () => {
  it('requires every property, closes objects and makes optionals nullable, recursively', () => {
    const result = strictOf(
      z.object({
        name: z.string().describe('Full name'),
        nickname: z.string().optional().describe('If given'),
        address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
        tags: z.array(z.object({ label: z.string(), weight: z.number().optional() })),
        maybe: z.string().nullable().optional(),
        count: z.number().default(1),
      }),
    );
    expect(result).toEqual({
      ok: true,
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Full name' },
          nickname: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'If given' },
          address: {
            anyOf: [
              {
                type: 'object',
                properties: {
                  city: { type: 'string' },
                  zip: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                },
                required: ['city', 'zip'],
                additionalProperties: false,
              },
              { type: 'null' },
            ],
          },
          tags: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                label: { type: 'string' },
                weight: { anyOf: [{ type: 'number' }, { type: 'null' }] },
              },
              required: ['label', 'weight'],
              additionalProperties: false,
            },
          },
          // Already nullable: left as is.
          maybe: { type: ['string', 'null'] },
          count: { anyOf: [{ default: 1, type: 'number' }, { type: 'null' }] },
        },
        required: ['name', 'nickname', 'address', 'tags', 'maybe', 'count'],
        additionalProperties: false,
      },
    });
  });

  it('turns discriminated unions (oneOf) into anyOf and keeps recursion through $defs', () => {
    const Node: z.ZodType<{ label: string; children?: unknown[] }> = z.object({
      label: z.string(),
      get children() {
        return z.array(Node).optional();
      },
    });
    const result = strictOf(
      z.object({
        action: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('reply'), text: z.string() }),
          z.object({ kind: z.literal('wait') }),
        ]),
        tree: Node,
      }),
    );
    expect(result.ok).toBe(true);
    const schema = result.ok ? result.schema : {};
    const action = (schema.properties as Record<string, Record<string, unknown>>).action;
    expect(action?.oneOf).toBeUndefined();
    expect(action?.anyOf).toHaveLength(2);
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":{}');
  });

  it.each([
    ['a record', z.object({ scores: z.record(z.string(), z.number()) }), /record|propertyNames/],
    ['a tuple', z.object({ pair: z.tuple([z.string(), z.number()]) }), /prefixItems/],
    ['an unknown value', z.object({ data: z.unknown() }), /any value/],
    ['a non-object root', z.array(z.string()), /root/],
    ['a never', z.object({ gone: z.never() }), /'not'/],
  ])('refuses %s (sent as non-strict json_schema instead)', (_label, schema, reason) => {
    const result = strictOf(schema);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('refuses allOf and conditionals written by hand', () => {
    const base = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    expect(toStrictJsonSchema({ ...base, allOf: [{ required: ['a'] }] }).ok).toBe(false);
    expect(toStrictJsonSchema({ ...base, if: { required: ['a'] }, else: {} }).ok).toBe(false);
  });

  it('closes loose objects that have known properties and drops constraint-only keywords', () => {
    const loose = strictOf(z.object({ meta: z.looseObject({ id: z.string() }) }));
    expect(loose.ok && loose.schema.properties).toEqual({
      meta: {
        type: 'object',
        properties: { id: { type: 'string' } },
        required: ['id'],
        additionalProperties: false,
      },
    });
    const constrained = toStrictJsonSchema({
      type: 'object',
      properties: { ids: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
      required: ['ids'],
      minProperties: 1,
    });
    expect(constrained).toEqual({
      ok: true,
      schema: {
        type: 'object',
        properties: { ids: { type: 'array', items: { type: 'string' } } },
        required: ['ids'],
        additionalProperties: false,
      },
    });
  });

  it('toOpenAIResponseFormat falls back to strict: false with the plain schema', () => {
    const format = toOpenAIResponseFormat(
      z.object({ scores: z.record(z.string(), z.number()) }),
      'scores',
    );
    expect(format.json_schema.strict).toBe(false);
    expect(format.json_schema.name).toBe('scores');
    expect(format.json_schema.schema).toEqual(
      toJsonSchema(z.object({ scores: z.record(z.string(), z.number()) })),
    );
  });
});

describe('stripOptionalNulls', () => {
  const schema = z.object({
    a: z.string().optional(),
    b: z.string().nullable().optional(),
    c: z.string().nullable(),
    nested: z.array(z.object({ x: z.number().optional() })),
    action: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('reply'), text: z.string().optional() }),
      z.object({ kind: z.literal('wait'), until: z.string().optional() }),
    ]),
    n: z.number().default(5),
  });
  const json = toJsonSchema(schema);

  it('drops nulls only where the original schema did not accept them', () => {
    const answer = {
      a: null,
      b: null,
      c: null,
      nested: [{ x: null }, { x: 2 }],
      action: { kind: 'wait', until: null },
      n: null,
    };
    const stripped = stripOptionalNulls(answer, json);
    expect(stripped).toEqual({
      b: null,
      c: null,
      nested: [{}, { x: 2 }],
      action: { kind: 'wait' },
    });
    expect(schema.parse(stripped)).toEqual({
      b: null,
      c: null,
      nested: [{}, { x: 2 }],
      action: { kind: 'wait' },
      n: 5,
    });
    // The input is not modified.
    expect(answer.a).toBeNull();
  });
});
