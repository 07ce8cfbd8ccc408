import { isConversationMessage, latestCustomerText, type TurnContext } from '@conduct/core';
import { tokenize } from './tokenize.js';

/** How the recent conversation becomes a ranking query. */
export interface RelevanceQueryOptions {
  /** How many of the latest messages (customer and agent) count. Default 4. */
  messages?: number;
  /**
   * Weight of the other recent messages relative to the latest customer message (1). Default
   * 0.4: enough for a terse "yes, the black one" to inherit the topic of the question it
   * answers, without letting old topics outrank the new one.
   */
  contextWeight?: number;
}

/** The query of one turn. */
export interface RelevanceQuery {
  /** The latest customer message ('' when there is none). */
  latest: string;
  /** The recent messages, oldest first. */
  window: string[];
  contextWeight: number;
}

/** The recent messages of a turn, weighted towards the latest customer message. */
export function relevanceQuery(
  context: TurnContext,
  options: RelevanceQueryOptions = {},
): RelevanceQuery {
  const messages = context.history.filter(isConversationMessage);
  const recent = messages.slice(-Math.max(1, options.messages ?? 4));
  return {
    latest: latestCustomerText(context.history),
    window: recent.map((event) => event.data.message),
    contextWeight: options.contextWeight ?? 0.4,
  };
}

/**
 * The lexical form of a query: term → weight, where a term of the latest customer message
 * weighs 1 and a term only found in the other recent messages weighs `contextWeight`.
 */
export function queryTerms(query: RelevanceQuery): Map<string, number> {
  const terms = new Map<string, number>();
  for (const text of query.window) {
    for (const term of tokenize(text)) terms.set(term, query.contextWeight);
  }
  for (const term of tokenize(query.latest)) terms.set(term, 1);
  return terms;
}
