import { z } from 'zod';
import type { MatchedGuideline } from '../engine/composer.js';
import { currentTimeSection } from '../engine/current-time.js';
import { REPLY_PRECEDENCE_RULES, replyContextSections } from '../engine/reply-context.js';
import type { TurnContext } from '../engine/turn-context.js';
import { itemNumberSchema } from '../prompt/item-number.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import { generatedFieldsSchema } from './generated-fields.js';
import { recentConversation, templateLines } from './prompt-context.js';
import type { PreparedTemplate } from './render.js';

/** Task name of choosing a template for a written draft. */
export const CANNED_SELECT_TASK = 'canned-select';
/** Task name of choosing a template straight from the turn's context (strict mode, one call). */
export const CANNED_STRICT_TASK = 'canned-strict';

/** How well the chosen template says what the reply must say. */
export const fitSchema = z.enum(['full', 'partial', 'none']);

/**
 * The `choice` of a selection answer for `count` templates: 1..count, or 0 for none. A number
 * outside fails validation (one repair attempt, then `ModelOutputError`), so an answer naming
 * a template that was not shown is recorded as invalid rather than read as "none".
 */
function choiceNumber(count: number) {
  return itemNumberSchema(count, {
    noun: 'template',
    verb: 'shown',
    zeroForNone: true,
    description: null,
  });
}

/** Answer of `canned-select` for `count` templates: a 1-based template number (0 = none), its fit and its generative fields. */
export function selectSchemaFor(count: number) {
  return z.object({
    choice: choiceNumber(count),
    fit: fitSchema,
    fields: generatedFieldsSchema,
  });
}
/** Answer of `canned-select`. */
export type SelectAnswer = z.output<ReturnType<typeof selectSchemaFor>>;

/** Answer of `canned-strict` for `count` templates: a short note of what to say, then the same as `canned-select`. */
export function strictSchemaFor(count: number) {
  return z.object({
    draft: z.string(),
    choice: choiceNumber(count),
    fit: fitSchema,
    fields: generatedFieldsSchema,
  });
}
/** Answer of `canned-strict`. */
export type StrictAnswer = z.output<ReturnType<typeof strictSchemaFor>>;

const CHOICE_RULES = [
  'Templates are numbered [1], [2], …. Answer with `choice`: the number of the template whose meaning is closest, or 0 when none says it.',
  '`fit`: "full" when the template says everything essential, "partial" when it says the main point but misses something, "none" when no template fits (then choice is 0).',
  'Prefer faithful meaning over wording; numbers and names already filled into a template are correct, do not second-guess them. A template saying an action was done fits only if a tool result in the conversation shows it was done.',
  'Some templates contain {{generative.<name>}} parts: for the template you choose only, give each such part a short value in `fields` as { "name": "<name>", "value": "…" }, in the customer\'s language. Give no fields for other templates.',
];

const SELECT_INSTRUCTIONS = [
  "A customer-facing agent wrote a draft reply. The business only allows approved templates for this reply: choose the template that best conveys the draft's meaning.",
  ...CHOICE_RULES,
];

const STRICT_INSTRUCTIONS = [
  "You decide the next message of a company's customer-facing agent. It may only send one of the approved templates listed under <templates>.",
  'First write `draft`: one or two short sentences stating what the ideal next message must say — following <guidelines> and <journey-steps>, asking what <missing-information> or <clarify> lists, using only facts given here (<variables>, <retrieved-data>, the conversation and its tool results). Then choose the template that conveys it.',
  ...REPLY_PRECEDENCE_RULES,
  ...CHOICE_RULES,
];

/** Asks which template conveys `draft` (the narrow selection task; cheap models do it well). */
export async function selectForDraft(
  context: TurnContext,
  draft: string,
  candidates: readonly PreparedTemplate[],
  historyBudgetTokens: number,
): Promise<SelectAnswer> {
  const { value } = await context.model.generateObject({
    task: CANNED_SELECT_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema: selectSchemaFor(candidates.length),
    schemaName: 'canned_select',
    maxOutputTokens: 400,
    messages: taskPrompt({ instructions: SELECT_INSTRUCTIONS })
      .section(currentTimeSection(context))
      .section({ kind: 'dynamic', ...recentConversation(context, historyBudgetTokens) })
      .section({ name: 'draft', kind: 'dynamic', content: draft })
      .section({ name: 'templates', kind: 'dynamic', content: templateLines(candidates) })
      .build(),
  });
  return value;
}

/** Decides the strict reply in one call: a short note of what to say, and the template. */
export async function selectStrict(
  context: TurnContext,
  guidelines: readonly MatchedGuideline[],
  candidates: readonly PreparedTemplate[],
  historyBudgetTokens: number,
): Promise<StrictAnswer> {
  let prompt = taskPrompt({ instructions: STRICT_INSTRUCTIONS });
  for (const section of replyContextSections(context, guidelines)) prompt = prompt.section(section);
  const { value } = await context.model.generateObject({
    task: CANNED_STRICT_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema: strictSchemaFor(candidates.length),
    schemaName: 'canned_strict',
    maxOutputTokens: 500,
    messages: prompt
      .section({ kind: 'dynamic', ...recentConversation(context, historyBudgetTokens) })
      .section({ name: 'templates', kind: 'dynamic', content: templateLines(candidates) })
      .build(),
  });
  return value;
}
