import { z } from 'zod';
import { currentTimeSection } from '../engine/current-time.js';
import type { TurnContext } from '../engine/turn-context.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import { describeGenerative, generatedFieldsSchema } from './generated-fields.js';
import { recentConversation } from './prompt-context.js';
import { type PreparedTemplate, renderPrepared } from './render.js';

/** Task name of writing the generative fields of the one chosen template. */
export const CANNED_FIELDS_TASK = 'canned-fields';

const fieldsSchema = z.object({ fields: generatedFieldsSchema });

const INSTRUCTIONS = [
  'A customer-facing agent will send the approved template below. Write the value of each of its {{generative.<name>}} parts so the message reads naturally and says what the draft says.',
  'Use only facts from the conversation and the draft. Keep each value short, in the customer\'s language. Answer `fields` as [{ "name": "<name>", "value": "…" }].',
];

/**
 * Writes the generative fields of the chosen template. Only needed when the selection answer
 * left some out: normally selection fills them in the same call.
 */
export async function writeGeneratedFields(
  context: TurnContext,
  template: PreparedTemplate,
  draft: string,
  historyBudgetTokens: number,
): Promise<{ name: string; value: string }[]> {
  const { value } = await context.model.generateObject({
    task: CANNED_FIELDS_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema: fieldsSchema,
    schemaName: 'canned_fields',
    maxOutputTokens: 300,
    messages: taskPrompt({ instructions: INSTRUCTIONS })
      .section(currentTimeSection(context))
      .section({ kind: 'dynamic', ...recentConversation(context, historyBudgetTokens) })
      .section({ name: 'draft', kind: 'dynamic', content: draft })
      .section({
        name: 'template',
        kind: 'dynamic',
        content: renderPrepared(template, new Map(), true) ?? '',
      })
      .section({ name: 'fields', kind: 'dynamic', content: describeGenerative(template) })
      .build(),
  });
  return value.fields;
}
