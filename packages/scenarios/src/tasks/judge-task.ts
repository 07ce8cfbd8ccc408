import { createPrompt, currentTimeSection, type LanguageModel, type TurnTime } from '@conduct/core';
import { z } from 'zod';
import type { TranscriptLine } from '../expect/view.js';
import { transcriptLines } from './transcript.js';

/** Task name of the scenario judge (the model-routing key). */
export const SCENARIO_JUDGE_TASK = 'scenario-judge';

/** The judge's answer: its reason first, then the verdict it leads to. */
export const judgeAnswerSchema = z.object({
  reason: z
    .string()
    .describe('at most 40 words: what in the text meets or misses each part of the criterion'),
  verdict: z.enum(['pass', 'fail']),
});
/** The judge's answer. */
export type JudgeAnswer = z.output<typeof judgeAnswerSchema>;

const instructions = [
  "You check a customer-support conversation against one criterion written by the agent's business.",
  'The criterion may have several parts ("apologizes and offers a warranty claim, promises no refund"): it passes only when every part holds. A part that excludes something ("promises no refund", "never mentions prices") fails when the agent does it, even in other words or as a hint.',
  'Judge what the agent wrote, not what it may have meant. Paraphrases count; the exact wording does not matter unless the criterion asks for it.',
  'When a reply section follows the conversation, the criterion is about that reply: judge it, and read the conversation only to understand it. Otherwise judge the whole conversation.',
  'Facts the criterion mentions (dates, amounts, order numbers) are checked against <tool-results> when they are given.',
  'First write your reason (at most 40 words): what in the text meets or misses each part. Then the verdict: pass or fail.',
];

const staticPrompt = createPrompt().section({
  name: 'instructions',
  kind: 'static',
  content: instructions,
});

/** What the judge is shown. */
export interface JudgeInput {
  criterion: string;
  /** The conversation, up to the reply judged (included). */
  transcript: readonly TranscriptLine[];
  /** The reply the criterion is about; absent: the criterion is about the whole conversation. */
  reply?: string;
  /** Results of the tools the turn (or the conversation) ran, as the agent saw them. */
  toolResults?: readonly string[];
  /** When the judge is asked, shown as `<current-time>` (dates in a criterion are relative to it). */
  time?: TurnTime;
  signal?: AbortSignal;
}

/** The judge's verdict. */
export interface JudgeVerdict {
  passed: boolean;
  reason: string;
}

/** The judge's prompt for `input` (also what the prompt catalog shows). */
export function judgePrompt(input: Omit<JudgeInput, 'signal'>) {
  return staticPrompt
    .section(timeSection(input.time))
    .section({ name: 'criterion', kind: 'dynamic', content: input.criterion })
    .section({ name: 'conversation', kind: 'dynamic', content: transcriptLines(input.transcript) })
    .section({ name: 'tool-results', kind: 'dynamic', content: [...(input.toolResults ?? [])] })
    .section({ name: 'reply', kind: 'dynamic', content: input.reply })
    .build();
}

/**
 * Asks the judge (task `scenario-judge`) whether the conversation, or one reply of it, meets a
 * natural-language criterion. Rejects when the model call fails.
 */
export async function judge(model: LanguageModel, input: JudgeInput): Promise<JudgeVerdict> {
  const { value } = await model.generateObject({
    task: SCENARIO_JUDGE_TASK,
    schemaName: 'scenario_judge',
    schema: judgeAnswerSchema,
    messages: judgePrompt(input),
    temperature: 0,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  return { passed: value.verdict === 'pass', reason: value.reason };
}

/** `<current-time>` when a time is given (else an empty, unrendered section). */
export function timeSection(time: TurnTime | undefined) {
  return time === undefined
    ? { name: 'current-time', kind: 'dynamic' as const }
    : currentTimeSection({ time });
}
