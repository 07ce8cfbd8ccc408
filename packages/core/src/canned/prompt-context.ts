import { taskConversation } from '../engine/task-conversation.js';
import type { TurnContext } from '../engine/turn-context.js';
import { formatMarkedList } from '../prompt/format-list.js';
import type { PromptSection } from '../prompt/prompt-builder.js';
import { type PreparedTemplate, renderPrepared } from './render.js';

/** A prompt section without its kind: every canned prompt's context is dynamic. */
type Dynamic = Omit<PromptSection, 'kind'>;

const NOTHING = new Map<string, string>();

/**
 * The numbered template list models choose from (`[1] …`), generative fields left open. Each
 * template is on one line: a filled-in value with line breaks (a customer's name, tool data)
 * must not look like another numbered entry.
 */
export function templateLines(candidates: readonly PreparedTemplate[]): string {
  return formatMarkedList(
    candidates.map((candidate) =>
      (renderPrepared(candidate, NOTHING, true) ?? '').replace(/\s*[\r\n]+\s*/g, ' '),
    ),
    (index) => `[${index + 1}]`,
  );
}

/** A short conversation window (selection tasks only need the recent exchange). */
export function recentConversation(context: TurnContext, budgetTokens: number): Dynamic {
  return {
    name: 'conversation',
    content: taskConversation(context, { budgetTokens }).lines,
  };
}
