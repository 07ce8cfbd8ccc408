import { describe, expect, it } from 'vitest';
import { eventSchema, isMessageComplete, NO_TRACE_ID, newEventSchema } from './event.js';
import { SESSION_STATUSES, statusEventDataSchema } from './event-data.js';

const base = {
  id: 'abcdefghij',
  sessionId: 'session001',
  offset: 0,
  source: 'ai_agent',
  traceId: '0123456789abcdef0123456789abcdef',
  createdAt: '2026-11-21T10:00:00.000Z',
  metadata: {},
  deleted: false,
  revision: 0,
} as const;

describe('event schema', () => {
  it('types data by kind', () => {
    const message = eventSchema.parse({
      ...base,
      kind: 'message',
      data: { message: 'hi', participant: { id: 'a1', display_name: 'Ava' } },
    });
    expect(message.kind === 'message' && message.data.participant.display_name).toBe('Ava');

    expect(() =>
      eventSchema.parse({ ...base, kind: 'message', data: { message: 'no participant' } }),
    ).toThrow(/participant/);
  });

  it('accepts every wire status with its data shape', () => {
    const samples = {
      acknowledged: {},
      processing: { stage: 'Interpreting' },
      typing: {},
      ready: {
        stage: 'completed',
        matched_guidelines: [{ id: 'g1' }],
        matched_journeys: [],
        matched_journey_states: [],
      },
      cancelled: {},
      error: { exception: 'boom' },
    } as const;
    for (const status of SESSION_STATUSES) {
      expect(statusEventDataSchema.parse({ status, data: samples[status] }).status).toBe(status);
    }
    expect(statusEventDataSchema.safeParse({ status: 'error', data: {} }).success).toBe(false);
    expect(statusEventDataSchema.safeParse({ status: 'sleeping', data: {} }).success).toBe(false);
  });

  it('keeps a tool call in the wire shape', () => {
    const parsed = eventSchema.parse({
      ...base,
      source: 'system',
      kind: 'tool',
      data: {
        tool_calls: [
          {
            tool_id: 'local:order_status',
            arguments: { order: 'A1' },
            result: {
              data: { status: 'shipped' },
              metadata: {},
              control: {},
              canned_responses: [],
              canned_response_fields: {},
            },
          },
        ],
      },
    });
    expect(parsed.kind).toBe('tool');
    expect(() =>
      eventSchema.parse({ ...parsed, data: { tool_calls: [{ tool_id: 'no-service' }] } }),
    ).toThrow();
  });

  it('accepts the out-of-request trace id and rejects malformed ones', () => {
    const input = { kind: 'custom', source: 'customer_ui', data: { page: '/x' } } as const;
    expect(newEventSchema.safeParse({ ...input, traceId: NO_TRACE_ID }).success).toBe(true);
    expect(newEventSchema.safeParse({ ...input, traceId: 'ABC' }).success).toBe(false);
  });

  it('tells when a streamed message is complete', () => {
    const participant = { id: null, display_name: 'Ava' };
    expect(isMessageComplete({ message: 'a', participant })).toBe(true);
    expect(isMessageComplete({ message: 'a', participant, chunks: ['a'] })).toBe(false);
    expect(isMessageComplete({ message: 'a', participant, chunks: ['a', null] })).toBe(true);
  });
});
