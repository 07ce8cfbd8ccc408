import { type ConversationWindow, type TurnContext, taskConversation } from '@conduct/core';

const cache = new WeakMap<TurnContext, Map<string, ConversationWindow>>();

/**
 * The conversation window of a turn, rendered once per turn, budget, tool-result and preamble
 * state, and shared by every batch of every task (rendering and token counting are the
 * engine's main CPU cost per turn).
 */
export function conversationFor(context: TurnContext, budgetTokens: number): ConversationWindow {
  let byKey = cache.get(context);
  if (byKey === undefined) {
    byKey = new Map();
    cache.set(context, byKey);
  }
  // Tool results and the sent preamble arrive during the turn; a re-check, a step after tools
  // or the response analysis must see them.
  const key = `${budgetTokens}:${context.toolOutcomes.length}:${context.preamble !== undefined}`;
  let window = byKey.get(key);
  if (window === undefined) {
    window = taskConversation(context, { budgetTokens });
    byKey.set(key, window);
  }
  return window;
}
