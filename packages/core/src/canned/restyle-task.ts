import { z } from 'zod';
import { currentTimeSection } from '../engine/current-time.js';
import type { TurnContext } from '../engine/turn-context.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import { recentConversation, templateLines } from './prompt-context.js';
import type { PreparedTemplate } from './render.js';

/** Task name of rewriting a draft in the wording of the approved templates. */
export const CANNED_RESTYLE_TASK = 'canned-restyle';

/** Answer of `canned-restyle`: the rewritten message and the numbers of the templates it drew on. */
export const restyleSchema = z.object({
  text: z.string(),
  used: z.array(z.number().int()).default([]),
});
/** Answer of `canned-restyle`. */
export type RestyleAnswer = z.output<typeof restyleSchema>;

const INSTRUCTIONS = [
  "Rewrite a customer-facing agent's draft reply in the business's approved wording: reuse the sentences and phrasing of the numbered templates wherever they say what the draft says.",
  "Keep the meaning, facts and language of the draft; add nothing it does not say. Where a template has a {{generative.<name>}} part, write that part yourself. Parts of the draft no template covers stay in the draft's words, in the same tone.",
  'Answer `text` (the message only) and `used`: the numbers of the templates you drew on.',
];

/** Rewrites `draft` in the wording of `candidates` (composited mode). */
export async function restyleDraft(
  context: TurnContext,
  draft: string,
  candidates: readonly PreparedTemplate[],
  historyBudgetTokens: number,
): Promise<RestyleAnswer> {
  const { value } = await context.model.generateObject({
    task: CANNED_RESTYLE_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema: restyleSchema,
    schemaName: 'canned_restyle',
    messages: taskPrompt({ instructions: INSTRUCTIONS })
      .section(currentTimeSection(context))
      .section({ kind: 'dynamic', ...recentConversation(context, historyBudgetTokens) })
      .section({ name: 'draft', kind: 'dynamic', content: draft })
      .section({ name: 'templates', kind: 'dynamic', content: templateLines(candidates) })
      .build(),
  });
  return value;
}
