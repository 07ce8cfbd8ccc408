import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/domain/event.js';
import { isConversationMessage, latestCustomerText } from '../../src/engine/conversation.js';

type Source = Event['source'];

function message(offset: number, source: Source, text: string, extra: object = {}): Event {
  return {
    id: `e${offset}`,
    sessionId: 's1',
    offset,
    source,
    traceId: '0'.repeat(32),
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, offset)).toISOString(),
    metadata: {},
    deleted: false,
    revision: 0,
    kind: 'message',
    data: { message: text, participant: { id: 'p', display_name: 'P' } },
    ...extra,
  } as Event;
}

function flagged(event: Event): Event {
  if (event.kind !== 'message') throw new Error('not a message');
  return { ...event, data: { ...event.data, flagged: true } };
}

// Every reader of message words (matching, ranking, grounding, canned prompts) goes through
// these two functions, so moderation and deletion are honoured in one place.
describe('the words the engine may act on', () => {
  it('keeps conversation messages, drops deleted, withheld, system and UI ones', () => {
    const kept = message(0, 'customer', 'hi');
    expect(isConversationMessage(kept)).toBe(true);
    expect(isConversationMessage(message(1, 'ai_agent', 'hello'))).toBe(true);
    expect(isConversationMessage(message(2, 'human_agent', 'hello'))).toBe(true);
    expect(isConversationMessage(message(3, 'customer', 'x', { deleted: true }))).toBe(false);
    expect(isConversationMessage(flagged(message(4, 'customer', 'x')))).toBe(false);
    expect(isConversationMessage(message(5, 'system', 'x'))).toBe(false);
    expect(isConversationMessage(message(6, 'customer_ui', 'x'))).toBe(false);
  });

  it('reads the latest customer message, skipping deleted ones and agent messages', () => {
    const history = [
      message(0, 'customer', 'first'),
      message(1, 'customer', 'second'),
      message(2, 'customer', 'deleted', { deleted: true }),
      message(3, 'ai_agent', 'reply'),
    ];
    expect(latestCustomerText(history)).toBe('second');
    expect(latestCustomerText([message(0, 'ai_agent', 'hello')])).toBe('');
  });

  it('gives nothing when the latest customer message was withheld: no earlier one stands in', () => {
    const history = [
      message(0, 'customer', 'cancel my order'),
      flagged(message(1, 'customer', 'x')),
    ];
    expect(latestCustomerText(history)).toBe('');
  });
});
