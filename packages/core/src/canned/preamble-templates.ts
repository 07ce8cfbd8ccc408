import { z } from 'zod';
import { latestCustomerText } from '../engine/conversation.js';
import { currentTimeSection } from '../engine/current-time.js';
import type { TurnContext } from '../engine/turn-context.js';
import { ModelOutputError } from '../errors/errors.js';
import { itemNumberSchema } from '../prompt/item-number.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import { type CannedScope, collectCandidates } from './candidates.js';
import { fieldSourcesOf } from './field-sources.js';
import { templateLines } from './prompt-context.js';
import { type PreparedTemplate, renderPrepared } from './render.js';

/** Task name of choosing a preamble among the preamble templates. */
export const CANNED_PREAMBLE_TASK = 'canned-preamble';

/** The answer for `count` templates: a number that was shown (anything else is invalid). */
const schemaFor = (count: number) =>
  z.object({
    choice: itemNumberSchema(count, { noun: 'template', verb: 'shown', description: null }),
  });

const INSTRUCTIONS = [
  "A customer-facing agent is about to work on the customer's latest message. Choose the short acknowledgement that fits it best among the numbered approved ones.",
  'Answer `choice`: its number.',
];

/**
 * The preamble templates a turn may send: canned responses tagged `__preamble__` in the
 * agent's scope, with every field fillable now. Generative fields are not allowed in preambles
 * (a preamble must cost one tiny call at most), so such templates are left out.
 */
export function preambleTemplates(
  responses: Parameters<typeof collectCandidates>[0],
  context: TurnContext,
): PreparedTemplate[] {
  const scope: CannedScope = {
    agent: context.agent,
    matchedGuidelineIds: new Set(),
    activeJourneys: context.activeJourneys,
  };
  const { candidates } = collectCandidates(responses, scope, fieldSourcesOf(context), 'preamble');
  return candidates.filter((candidate) => candidate.generative.length === 0);
}

/**
 * Picks one preamble template: the only one without a model call, else a `canned-preamble`
 * call. Returns `undefined` when the model's answer is not a valid choice (then no preamble is
 * sent — never a model-written one in its place).
 */
export async function choosePreamble(
  context: TurnContext,
  templates: readonly PreparedTemplate[],
): Promise<{ id: string; text: string } | undefined> {
  let picked = templates.length === 1 ? templates[0] : undefined;
  if (picked === undefined && templates.length > 1) {
    try {
      const { value } = await context.model.generateObject({
        task: CANNED_PREAMBLE_TASK,
        traceId: context.traceId,
        signal: context.signal,
        schema: schemaFor(templates.length),
        schemaName: 'canned_preamble',
        maxOutputTokens: 20,
        messages: taskPrompt({ instructions: INSTRUCTIONS })
          .section(currentTimeSection(context))
          .section({
            name: 'message',
            kind: 'dynamic',
            content: latestCustomerText(context.history),
          })
          .section({ name: 'templates', kind: 'dynamic', content: templateLines(templates) })
          .build(),
      });
      picked = templates[value.choice - 1];
    } catch (error) {
      if (!ModelOutputError.is(error)) throw error;
      return undefined;
    }
  }
  if (picked === undefined) return undefined;
  const text = renderPrepared(picked, new Map());
  return text === undefined ? undefined : { id: picked.response.id, text };
}
