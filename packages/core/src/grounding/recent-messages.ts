import type { Event } from '../domain/event.js';
import { isConversationMessage } from '../engine/conversation.js';

/**
 * The texts of the latest `count` conversation messages (customer, agent and human agent),
 * oldest first. Deleted messages, system messages and messages withheld by moderation are left
 * out: their words must not decide what grounds the reply.
 */
export function recentMessages(history: readonly Event[], count: number): string[] {
  const texts: string[] = [];
  for (let index = history.length - 1; index >= 0 && texts.length < count; index--) {
    const event = history[index]!;
    if (isConversationMessage(event)) texts.push(event.data.message);
  }
  return texts.reverse();
}
