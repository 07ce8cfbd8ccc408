import {
  type ConversationOptions,
  type ConversationWindow,
  formatToolOutcome,
  holdingMessageLine,
  renderConversation,
} from './conversation.js';
import type { TurnContext } from './turn-context.js';

/** Marks a tool line of the current turn: the result came after the customer's latest message. */
export const FETCHED_THIS_TURN = '(fetched this turn)';

/**
 * The conversation as every task of a turn should see it: the session's history as loaded at
 * the turn's start, then this turn's preamble once it was sent (a holding message, as past
 * preambles read in the history), then the tool calls this turn has made so far (each marked
 * {@link FETCHED_THIS_TURN}). The history ends before this turn's tool events, so a task that
 * runs after a tool round (a re-check, a journey step at a fork, the reply, its analysis)
 * would otherwise be blind to what the tools just returned. This turn's results come last, so
 * the budget keeps them first; results with a `response` lifespan are shown, as this turn's
 * reply is what they serve.
 */
export function taskConversation(
  context: Pick<TurnContext, 'history' | 'toolOutcomes' | 'preamble'>,
  options: ConversationOptions,
): ConversationWindow {
  const maxChars = options.maxToolResultChars ?? 2_000;
  return renderConversation(context.history, {
    ...options,
    extraLines: [
      ...(context.preamble === undefined ? [] : [holdingMessageLine(context.preamble)]),
      ...context.toolOutcomes.map(
        (outcome) => `${formatToolOutcome(outcome, maxChars)} ${FETCHED_THIS_TURN}`,
      ),
    ],
  });
}
