import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { normalizeToolResult } from './tool-result.js';

const empty = {
  metadata: {},
  control: {},
  cannedResponseFields: {},
  cannedResponses: [],
  guidelines: [],
};

describe('normalizeToolResult', () => {
  it('takes non-object values as shorthand for { data }', () => {
    expect(normalizeToolResult('3 orders found')).toEqual({ data: '3 orders found', ...empty });
    expect(normalizeToolResult(42)).toEqual({ data: 42, ...empty });
    expect(normalizeToolResult(false)).toEqual({ data: false, ...empty });
    expect(normalizeToolResult(null)).toEqual({ data: null, ...empty });
    expect(normalizeToolResult([1, 2])).toEqual({ data: [1, 2], ...empty });
    const date = new Date('2026-01-01T00:00:00.000Z');
    expect(normalizeToolResult(date)).toEqual({ data: date, ...empty });
  });

  it('turns undefined into data: null, at the top or as data', () => {
    expect(normalizeToolResult(undefined)).toEqual({ data: null, ...empty });
    expect(normalizeToolResult({ data: undefined })).toEqual({ data: null, ...empty });
  });

  it('fills in the optional parts of a full result and keeps the given ones', () => {
    const full = {
      data: { balance: 10 },
      metadata: { link: 'https://example.com' },
      control: {
        mode: 'manual',
        lifespan: 'response',
        transfer: { agentId: 'billing', reason: 'invoice' },
      },
      cannedResponseFields: { balance: '10 EUR' },
      cannedResponses: ['Your balance is {{balance}}.'],
      guidelines: [{ action: 'Mention the fee', condition: 'the balance is negative' }],
    } as const;
    expect(normalizeToolResult(full)).toEqual(full);
    expect(normalizeToolResult({ data: { a: 1 } })).toEqual({ data: { a: 1 }, ...empty });
  });

  it('rejects malformed object results with a clear ValidationError', () => {
    expect(() => normalizeToolResult({ balance: 3 })).toThrow(ValidationError);
    expect(() => normalizeToolResult({ balance: 3 })).toThrow(/needs a "data" key/);
    expect(() => normalizeToolResult({ data: 1, metdata: {} })).toThrow(/Invalid tool result/);
    expect(() => normalizeToolResult({ data: 1, control: { transfer: {} } })).toThrow(
      /control\.transfer\.agentId/,
    );
    expect(() => normalizeToolResult({ data: 1, guidelines: [{ condition: 'x' }] })).toThrow(
      /guidelines\.0\.action/,
    );
  });
});
