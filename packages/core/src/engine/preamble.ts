import { choosePreamble, preambleTemplates } from '../canned/preamble-templates.js';
import { PREAMBLE_TAG } from '../domain/built-in-tags.js';
import type { CompositionMode } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import { currentTimeSection } from './current-time.js';
import { taskConversation } from './task-conversation.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';

/** Task name of preamble generation, for model routing. */
export const PREAMBLE_TASK = 'preamble';

/**
 * Decides whether a turn opens with a short acknowledgement ("Let me check that for you").
 * It is generated in parallel with matching, so it costs no time on the critical path.
 */
export type PreamblePolicy = (context: TurnContext, candidates: readonly Guideline[]) => boolean;

/** Sends a preamble when a tool round is likely: some candidate guideline has tools. */
export const preambleWhenToolsLikely: PreamblePolicy = (_context, candidates) =>
  candidates.some((guideline) => guideline.tools.length > 0);

/** Always sends a preamble (voice channels, where silence feels broken). */
export const alwaysPreamble: PreamblePolicy = () => true;

const INSTRUCTIONS = [
  "Write a very short acknowledgement (at most 12 words) of the customer's latest message, as the agent, to show you are on it.",
  "Promise nothing and state no facts: the full answer follows in a moment. Reply in the customer's language. Write only the acknowledgement.",
];

/**
 * Generates and emits the preamble message (tagged `__preamble__`) followed by `ready {}`, and
 * returns its text (`undefined` when none was sent).
 *
 * In the canned composition modes, preamble templates (canned responses tagged `__preamble__`)
 * come first: one of them is sent (`canned_responses` names it). A `strict_canned` turn never
 * sends a model-written preamble: with no usable template it sends none. `mode` is the
 * strictest that may apply this turn (see `preambleCompositionMode`); by default the agent's.
 */
export async function sendPreamble(
  context: TurnContext,
  emitter: TurnEmitter,
  mode: CompositionMode = context.agent.compositionMode,
): Promise<string | undefined> {
  if (mode !== 'fluid') {
    const templates = preambleTemplates(context.cannedResponses, context);
    if (templates.length > 0 || mode === 'strict_canned') {
      const chosen = await choosePreamble(context, templates);
      context.signal.throwIfAborted();
      if (chosen === undefined) return undefined;
      await emitter.message(chosen.text, {
        tags: [PREAMBLE_TAG],
        canned_responses: [[chosen.id, chosen.text]],
      });
      await emitter.status('ready', {});
      return chosen.text;
    }
  }
  const { value } = await context.model
    .streamText({
      task: PREAMBLE_TASK,
      traceId: context.traceId,
      signal: context.signal,
      maxOutputTokens: 40,
      messages: taskPrompt({ instructions: INSTRUCTIONS })
        .section(currentTimeSection(context))
        .section({
          name: 'conversation',
          kind: 'dynamic',
          content: taskConversation(context, { budgetTokens: 600 }).lines,
        })
        .build(),
    })
    .result.then((result) => ({ value: result.text.trim() }));
  context.signal.throwIfAborted();
  if (value === '') return undefined;
  await emitter.message(value, { tags: [PREAMBLE_TAG] });
  await emitter.status('ready', {});
  return value;
}
